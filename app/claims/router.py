"""HTTP for territorial claims."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from app.auth import Viewer
from app.claims import service
from app.claims.schemas import ClaimIn, ClaimOut
from app.common import PlaceList, Search, SlugList, date_filter, not_found, record_key
from app.dates import filter_bounds
from app.db import Session
from app.editorial.history import at_moment
from app.editorial.routes import add_write_routes
from app.fieldsets import fields_query, page_of, wanted
from app.models.enums import ClaimKind
from app.pagination import DEFAULT_LIMIT, Cursor, Limit
from app.reads import At, StatusFilter, is_editor, read_json, wanted_statuses

ClaimFields = Annotated[str | None, fields_query(ClaimOut)]

router = APIRouter(prefix="/v1/claims", tags=["claims"])


@router.get("", response_model=page_of(ClaimOut), summary="List territorial claims, newest first")
async def list_claims(
    request: Request,
    session: Session,
    viewer: Viewer,
    place: PlaceList = [],  # noqa: B006
    claimant: SlugList = [],  # noqa: B006
    stated_by: SlugList = [],  # noqa: B006
    kind: Annotated[list[ClaimKind], Query(description="Claim kind; repeatable.")] = [],  # noqa: B006
    status: StatusFilter = [],  # noqa: B006
    as_of: Annotated[
        str | None, date_filter("Claims stated as of this period: YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    q: Search = None,
    fields: ClaimFields = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Response:
    """Territorial claims, newest first. Every claim says who states it, on whose behalf and as
    of when (`attribution`); none is stated as fact."""
    period = filter_bounds("as_of", as_of)
    filters = service.ClaimFilters(
        place=place,
        claimant=claimant,
        stated_by=stated_by,
        kind=list(kind),
        status=wanted_statuses(status, viewer),
        as_of_from=period[0] if period else None,
        as_of_to=period[1] if period else None,
        q=q,
        editor=is_editor(viewer),
    )
    return await read_json(
        request,
        session,
        viewer,
        lambda: service.list_claims(
            session, filters, limit=limit, cursor=cursor, chosen=wanted(fields)
        ),
    )


@router.get("/{key}", response_model=ClaimOut, summary="One territorial claim by id or slug")
async def get_claim(
    request: Request,
    session: Session,
    viewer: Viewer,
    key: Annotated[str, record_key("claim")],
    at: At = None,
) -> Response:
    """One claim with its attribution, counter-positions and citations; `at` gives it as the
    public could read it then."""
    return await read_json(
        request,
        session,
        viewer,
        lambda: (
            at_moment(session, "claim", key, at)
            if at
            else service.get_claim(session, key, editor=is_editor(viewer))
        ),
        missing=lambda: not_found("claim", key),
    )


add_write_routes(router, kind="claim", plural="claims", body=ClaimIn, out=ClaimOut)
