"""HTTP for actors."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from app.actors import service
from app.actors.schemas import ActorIn, ActorOut
from app.auth import Viewer
from app.common import CountryCode, Search, not_found, record_key
from app.db import Session
from app.editorial.history import at_moment
from app.editorial.routes import add_write_routes
from app.models.enums import ActorKind
from app.pagination import DEFAULT_LIMIT, Cursor, Limit
from app.reads import At, read_json
from app.schemas import Page

router = APIRouter(prefix="/v1/actors", tags=["actors"])


@router.get("", response_model=Page[ActorOut], summary="List actors by slug")
async def list_actors(
    request: Request,
    session: Session,
    viewer: Viewer,
    kind: Annotated[list[ActorKind], Query(description="Actor kind; repeatable.")] = [],  # noqa: B006
    country: CountryCode = None,
    q: Search = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Response:
    """States, officials, organisations and publications, by slug. Each actor lists its aliases
    and dated roles."""
    return await read_json(
        request,
        session,
        viewer,
        lambda: service.list_actors(
            session, kind=list(kind), country=country, q=q, limit=limit, cursor=cursor
        ),
    )


@router.get("/{key}", response_model=ActorOut, summary="One actor by id or slug")
async def get_actor(
    request: Request,
    session: Session,
    viewer: Viewer,
    key: Annotated[str, record_key("actor")],
    at: At = None,
) -> Response:
    """One actor with its aliases and roles; `at` gives the actor as the public could read it
    then."""
    return await read_json(
        request,
        session,
        viewer,
        lambda: at_moment(session, "actor", key, at) if at else service.get_actor(session, key),
        missing=lambda: not_found("actor", key),
    )


add_write_routes(router, kind="actor", plural="actors", body=ActorIn, out=ActorOut)
