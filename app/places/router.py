"""HTTP for places."""

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.responses import Response

from app.common import CountryCode, PlaceKey, Search, found, json_response
from app.db import Session
from app.models.enums import PlaceKind
from app.pagination import DEFAULT_LIMIT, Cursor, Limit
from app.places import service
from app.places.schemas import PlaceOut
from app.schemas import Page

router = APIRouter(prefix="/v1/places", tags=["places"])


@router.get("", response_model=Page[PlaceOut], summary="List places by slug")
async def list_places(
    session: Session,
    kind: Annotated[list[PlaceKind], Query(description="Place kind; repeatable.")] = [],  # noqa: B006
    country: CountryCode = None,
    q: Search = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Response:
    body = await service.list_places(
        session, kind=list(kind), country=country, q=q, limit=limit, cursor=cursor
    )
    return json_response(body)


@router.get("/{key}", response_model=PlaceOut, summary="One place by id, slug or ISO code")
async def get_place(session: Session, key: PlaceKey) -> Response:
    return found(await service.get_place(session, key), "place", key)
