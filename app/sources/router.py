"""HTTP for sources."""

from fastapi import APIRouter
from starlette.responses import Response

from app.common import IdOrSlug, found, json_response
from app.db import Session
from app.pagination import DEFAULT_LIMIT, Cursor, Limit
from app.schemas import Page
from app.sources import service
from app.sources.schemas import SourceDetailOut, SourceOut

router = APIRouter(prefix="/v1/sources", tags=["sources"])


@router.get("", response_model=Page[SourceOut], summary="List sources")
async def list_sources(
    session: Session, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None
) -> Response:
    return json_response(await service.list_sources(session, limit=limit, cursor=cursor))


@router.get(
    "/{key}", response_model=SourceDetailOut, summary="One source with its text and cited spans"
)
async def get_source(session: Session, key: IdOrSlug) -> Response:
    return found(await service.get_source(session, key), "source", key)
