"""HTTP for negotiation tracks."""

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.responses import Response

from app.common import DateFrom, DateTo, IdOrSlug, PlaceList, Search, SlugList, found, json_response
from app.dates import date_range
from app.db import Session
from app.models.enums import NegotiationFormat, NegotiationPhase, PublicStatus
from app.negotiations import service
from app.negotiations.schemas import NegotiationOut
from app.pagination import DEFAULT_LIMIT, Cursor, Limit
from app.schemas import Page

router = APIRouter(prefix="/v1/negotiations", tags=["negotiations"])


@router.get("", response_model=Page[NegotiationOut], summary="List negotiation tracks")
async def list_negotiations(
    session: Session,
    actor: SlugList = [],  # noqa: B006
    place: PlaceList = [],  # noqa: B006
    format: Annotated[list[NegotiationFormat], Query()] = [],  # noqa: B006
    phase: Annotated[list[NegotiationPhase], Query()] = [],  # noqa: B006
    status: Annotated[list[PublicStatus], Query(description="Editorial status.")] = [],  # noqa: B006
    date_from: DateFrom = None,
    date_to: DateTo = None,
    q: Search = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Response:
    first, last = date_range(date_from, date_to)
    filters = service.NegotiationFilters(
        actor=actor,
        place=place,
        format=list(format),
        phase=list(phase),
        status=list(status),
        date_from=first,
        date_to=last,
        q=q,
    )
    body = await service.list_negotiations(session, filters, limit=limit, cursor=cursor)
    return json_response(body)


@router.get("/{key}", response_model=NegotiationOut, summary="One negotiation track")
async def get_negotiation(session: Session, key: IdOrSlug) -> Response:
    return found(await service.get_negotiation(session, key), "negotiation", key)
