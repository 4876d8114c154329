"""HTTP for actors."""

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.responses import Response

from app.actors import service
from app.actors.schemas import ActorOut
from app.common import CountryCode, IdOrSlug, Search, found, json_response
from app.db import Session
from app.models.enums import ActorKind
from app.pagination import DEFAULT_LIMIT, Cursor, Limit
from app.schemas import Page

router = APIRouter(prefix="/v1/actors", tags=["actors"])


@router.get("", response_model=Page[ActorOut], summary="List actors by slug")
async def list_actors(
    session: Session,
    kind: Annotated[list[ActorKind], Query(description="Actor kind; repeatable.")] = [],  # noqa: B006
    country: CountryCode = None,
    q: Search = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Response:
    body = await service.list_actors(
        session, kind=list(kind), country=country, q=q, limit=limit, cursor=cursor
    )
    return json_response(body)


@router.get("/{key}", response_model=ActorOut, summary="One actor by id or slug")
async def get_actor(session: Session, key: IdOrSlug) -> Response:
    return found(await service.get_actor(session, key), "actor", key)
