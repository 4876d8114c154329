"""HTTP for what the write path records: the change feed and the corrections page."""

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from starlette.responses import Response, StreamingResponse

from app.auth import Viewer
from app.db import Session
from app.editorial import feed, history
from app.editorial.schemas import ChangesPage, CorrectionOut
from app.pagination import DEFAULT_LIMIT, Cursor, Limit
from app.reads import is_editor, read_json
from app.schemas import Page

CHANGE_EVENT = {
    "type": "object",
    "description": "One Server-Sent Event: a change as `/v1/changes` lists it, in `data`.",
    "required": ["event", "id", "data"],
    "properties": {
        "event": {"type": "string", "enum": ["change"]},
        "id": {"type": "string", "pattern": "^[0-9]+$", "description": "The change's `seq`."},
        "data": {
            "type": "string",
            "contentMediaType": "application/json",
            "contentSchema": {"$ref": "#/components/schemas/ChangeOut"},
        },
    },
}

router = APIRouter(prefix="/v1", tags=["changes"])

Since = Annotated[
    str | None,
    Query(
        pattern=r"^[0-9]{1,18}$",
        description="The `next_cursor` of your last page (or the `seq` of the last change seen).",
        examples=["0"],
    ),
]


@router.get(
    "/changes",
    response_model=ChangesPage,
    summary="Committed writes in commit order, to sync incrementally",
)
async def list_changes(
    request: Request,
    session: Session,
    viewer: Viewer,
    since: Since = None,
    limit: Limit = DEFAULT_LIMIT,
) -> Response:
    """Every committed write in commit order, after `since`: poll with the last `next_cursor`
    to sync a copy incrementally. The public sees changes to public records only."""
    start = int(since or 0)

    async def render() -> bytes:
        items = await feed.changes_after(session, start, limit=limit, editor=is_editor(viewer))
        return feed.page(items, start)

    return await read_json(request, session, viewer, render)


@router.get(
    "/changes/stream",
    summary="The same changes as Server-Sent Events, as they commit",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {"schema": CHANGE_EVENT}}}},
)
async def stream_changes(
    request: Request,
    session: Session,
    viewer: Viewer,
    since: Since = None,
    last_event_id: Annotated[
        str | None, Header(alias="Last-Event-ID", pattern=r"^[0-9]{1,18}$")
    ] = None,
) -> StreamingResponse:
    """The change feed as Server-Sent Events: each `change` event carries one change, as
    `/v1/changes` lists it, as soon as it commits. Resume with `Last-Event-ID`; a connection
    ends after a while and the client reconnects."""
    resume = last_event_id or since
    # Read before the first byte, so a database that cannot answer gets its 503 problem.
    start = int(resume) if resume is not None else await feed.last_seq(session)
    events = feed.stream(
        request.app.state.sessionmaker,
        request.app.state.announcements,
        start,
        editor=is_editor(viewer),
        heartbeat_s=request.app.state.settings.stream_heartbeat_s,
        max_s=request.app.state.settings.stream_max_s,
    )
    return StreamingResponse(
        events,
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.get(
    "/corrections",
    response_model=Page[CorrectionOut],
    summary="Corrections and retractions, newest first, with their notes",
)
async def list_corrections(
    request: Request,
    session: Session,
    viewer: Viewer,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Response:
    """Corrections and retractions of public records, newest first, each with the note readers
    are told."""
    return await read_json(
        request,
        session,
        viewer,
        lambda: history.corrections(session, limit=limit, cursor=cursor),
    )
