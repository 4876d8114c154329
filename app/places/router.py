"""HTTP for places."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from app.auth import Viewer
from app.common import CountryCode, Search, not_found, record_key
from app.db import Session
from app.editorial.history import at_moment
from app.editorial.routes import add_write_routes
from app.models.enums import PlaceKind
from app.pagination import DEFAULT_LIMIT, Cursor, Limit
from app.places import service
from app.places.schemas import PlaceIn, PlaceOut
from app.reads import At, read_json
from app.schemas import Page

router = APIRouter(prefix="/v1/places", tags=["places"])


@router.get("", response_model=Page[PlaceOut], summary="List places by slug")
async def list_places(
    request: Request,
    session: Session,
    viewer: Viewer,
    kind: Annotated[list[PlaceKind], Query(description="Place kind; repeatable.")] = [],  # noqa: B006
    country: CountryCode = None,
    q: Search = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Response:
    """Countries, regions and cities, by slug, with ISO 3166 codes where they have them."""
    return await read_json(
        request,
        session,
        viewer,
        lambda: service.list_places(
            session, kind=list(kind), country=country, q=q, limit=limit, cursor=cursor
        ),
    )


@router.get("/{key}", response_model=PlaceOut, summary="One place by id, slug or ISO code")
async def get_place(
    request: Request,
    session: Session,
    viewer: Viewer,
    key: Annotated[str, record_key("place")],
    at: At = None,
) -> Response:
    """One place, by id, slug or ISO 3166 code; `at` gives it as the public could read it then."""
    return await read_json(
        request,
        session,
        viewer,
        lambda: at_moment(session, "place", key, at) if at else service.get_place(session, key),
        missing=lambda: not_found("place", key),
    )


add_write_routes(router, kind="place", plural="places", body=PlaceIn, out=PlaceOut)
