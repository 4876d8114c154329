"""HTTP for negotiation tracks."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from app.auth import Viewer
from app.common import DateFrom, DateTo, PlaceList, Search, SlugList, not_found, record_key
from app.dates import date_range
from app.db import Session
from app.editorial.history import at_moment
from app.editorial.routes import add_write_routes
from app.fieldsets import fields_query, page_of, wanted
from app.models.enums import NegotiationFormat, NegotiationPhase
from app.negotiations import service
from app.negotiations.schemas import NegotiationIn, NegotiationOut
from app.pagination import DEFAULT_LIMIT, Cursor, Limit
from app.reads import At, StatusFilter, is_editor, read_json, wanted_statuses

NegotiationFields = Annotated[str | None, fields_query(NegotiationOut)]

router = APIRouter(prefix="/v1/negotiations", tags=["negotiations"])


@router.get("", response_model=page_of(NegotiationOut), summary="List negotiation tracks")
async def list_negotiations(
    request: Request,
    session: Session,
    viewer: Viewer,
    actor: SlugList = [],  # noqa: B006
    place: PlaceList = [],  # noqa: B006
    format: Annotated[list[NegotiationFormat], Query()] = [],  # noqa: B006
    phase: Annotated[list[NegotiationPhase], Query()] = [],  # noqa: B006
    status: StatusFilter = [],  # noqa: B006
    date_from: DateFrom = None,
    date_to: DateTo = None,
    q: Search = None,
    fields: NegotiationFields = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Response:
    """Negotiation tracks, newest first, with their parties, delegations, rounds and outcomes."""
    first, last = date_range(date_from, date_to)
    filters = service.NegotiationFilters(
        actor=actor,
        place=place,
        format=list(format),
        phase=list(phase),
        status=wanted_statuses(status, viewer),
        date_from=first,
        date_to=last,
        q=q,
        editor=is_editor(viewer),
    )
    return await read_json(
        request,
        session,
        viewer,
        lambda: service.list_negotiations(
            session, filters, limit=limit, cursor=cursor, chosen=wanted(fields)
        ),
    )


@router.get("/{key}", response_model=NegotiationOut, summary="One negotiation track")
async def get_negotiation(
    request: Request,
    session: Session,
    viewer: Viewer,
    key: Annotated[str, record_key("negotiation")],
    at: At = None,
) -> Response:
    """One negotiation track; `at` gives it as the public could read it then."""
    return await read_json(
        request,
        session,
        viewer,
        lambda: (
            at_moment(session, "negotiation", key, at)
            if at
            else service.get_negotiation(session, key, editor=is_editor(viewer))
        ),
        missing=lambda: not_found("negotiation", key),
    )


add_write_routes(
    router, kind="negotiation", plural="negotiations", body=NegotiationIn, out=NegotiationOut
)
