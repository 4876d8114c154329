"""HTTP for sources."""

from typing import Annotated

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.auth import Viewer
from app.common import not_found, record_key
from app.db import Session
from app.editorial.history import at_moment
from app.editorial.routes import add_write_routes
from app.pagination import DEFAULT_LIMIT, Cursor, Limit
from app.reads import At, is_editor, read_json
from app.schemas import Page
from app.sources import service
from app.sources.schemas import SourceDetailOut, SourceIn, SourceOut

router = APIRouter(prefix="/v1/sources", tags=["sources"])


@router.get("", response_model=Page[SourceOut], summary="List sources")
async def list_sources(
    request: Request,
    session: Session,
    viewer: Viewer,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Response:
    """The sources Parley cites, with their publisher, date and the digest of the text quoted."""
    return await read_json(
        request,
        session,
        viewer,
        lambda: service.list_sources(session, limit=limit, cursor=cursor),
    )


@router.get(
    "/{key}",
    response_model=SourceDetailOut,
    summary="One source with its cited spans (and, for editors, its full text)",
)
async def get_source(
    request: Request,
    session: Session,
    viewer: Viewer,
    key: Annotated[str, record_key("source")],
    at: At = None,
) -> Response:
    """One source and every span quoted from it, with the record each span backs; editors also
    get the full text."""
    return await read_json(
        request,
        session,
        viewer,
        lambda: (
            at_moment(session, "source", key, at)
            if at
            else service.get_source(session, key, editor=is_editor(viewer))
        ),
        missing=lambda: not_found("source", key),
    )


add_write_routes(router, kind="source", plural="sources", body=SourceIn, out=SourceDetailOut)
