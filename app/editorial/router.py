"""HTTP for what the write path records: the change feed and the corrections page."""

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from starlette.responses import Response, StreamingResponse

from app.auth import Viewer
from app.db import Session
from app.editorial import feed, history
from app.pagination import DEFAULT_LIMIT, Cursor, Limit
from app.reads import is_editor, read_json

router = APIRouter(prefix="/v1", tags=["changes"])

Since = Annotated[
    str | None,
    Query(
        pattern=r"^[0-9]{1,18}$",
        description="The `next_cursor` of your last page (or the `seq` of the last change seen).",
    ),
]


@router.get("/changes", summary="Committed writes in commit order, to sync incrementally")
async def changes(
    request: Request,
    session: Session,
    viewer: Viewer,
    since: Since = None,
    limit: Limit = DEFAULT_LIMIT,
) -> Response:
    start = int(since or 0)

    async def render() -> bytes:
        items = await feed.changes_after(session, start, limit=limit, editor=is_editor(viewer))
        return feed.page(items, start)

    return await read_json(request, session, viewer, render)


@router.get(
    "/changes/stream",
    summary="The same changes as Server-Sent Events, as they commit",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}},
)
async def changes_stream(
    request: Request,
    viewer: Viewer,
    since: Since = None,
    last_event_id: Annotated[
        str | None, Header(alias="Last-Event-ID", pattern=r"^[0-9]{1,18}$")
    ] = None,
) -> StreamingResponse:
    resume = last_event_id or since
    events = feed.stream(
        request.app.state.sessionmaker,
        request.app.state.announcements,
        int(resume) if resume is not None else None,
        editor=is_editor(viewer),
        heartbeat_s=request.app.state.settings.stream_heartbeat_s,
    )
    return StreamingResponse(
        events,
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.get("/corrections", summary="Corrections and retractions, newest first, with their notes")
async def corrections(
    request: Request,
    session: Session,
    viewer: Viewer,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Response:
    return await read_json(
        request,
        session,
        viewer,
        lambda: history.corrections(session, limit=limit, cursor=cursor),
    )
