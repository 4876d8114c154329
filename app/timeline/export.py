"""Which format a timeline request asks for, and the streamed export when it is not a page."""

import dataclasses
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Literal

import mimeparse
from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import StreamingResponse

from app.errors import Problem
from app.timeline import service, writers
from app.timeline.schemas import TIMELINEJS_SCHEMA

FormatName = Literal["json", "csv", "ics", "timelinejs", "jsonl"]
JSON = "application/json"


@dataclass(frozen=True)
class Format:
    name: str
    media_types: tuple[str, ...]
    """What `Accept` may name; the first is what `format=` serves."""
    writer: writers.Writer | None
    extension: str
    attachment: bool = False

    def content_type(self, media_type: str) -> str:
        return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("csv", ("text/csv",), writers.write_csv, "csv", attachment=True),
        Format("ics", ("text/calendar",), writers.write_ics, "ics", attachment=True),
        Format(
            "timelinejs",
            ("application/vnd.parley.timelinejs+json",),
            writers.write_timelinejs,
            "json",
        ),
        Format(
            "jsonl", ("application/x-ndjson", "application/jsonl"), writers.write_jsonl, "jsonl"
        ),
        Format("json", (JSON,), None, "json"),
    )
}
EXPORT_CONTENT: dict[str, Any] = {
    "text/csv": {
        "schema": {"type": "string"},
        "example": "record,id,slug,type,date,...\r\n",
    },
    "text/calendar": {"schema": {"type": "string"}},
    "application/vnd.parley.timelinejs+json": {"schema": TIMELINEJS_SCHEMA},
    "application/x-ndjson": {"schema": {"type": "string"}},
    "application/jsonl": {"schema": {"type": "string"}},
}
PREFERRED = ["json", "csv", "ics", "timelinejs", "jsonl"]
"""Which format a tie in `Accept` goes to (`*/*` to the JSON page, `text/*` to CSV)."""
OFFERED = [media for name in reversed(PREFERRED) for media in reversed(FORMATS[name].media_types)]
"""The media types as `mimeparse.best_match` takes them: it gives ties to the last."""
BY_MEDIA_TYPE = {media: f for f in FORMATS.values() for media in f.media_types}


def choose(format: str | None, accept: str | None) -> tuple[Format, str]:
    """The format `format=` names, or else the best `Accept` allows; 406 when it allows none."""
    if format is not None:
        chosen = FORMATS[format]
        return chosen, chosen.media_types[0]
    if not accept or not accept.strip():
        return FORMATS["json"], JSON
    try:
        media_type = mimeparse.best_match(OFFERED, accept)
    except mimeparse.MimeTypeParseException:
        media_type = JSON  # an Accept header that cannot be read is ignored (RFC 9110 §12.5.1)
    if not media_type:
        raise Problem(
            406,
            "not-acceptable",
            f"The timeline is served as {', '.join(reversed(OFFERED))}; "
            f"the Accept header allows none of them: {accept!r}.",
            errors=[{"location": "header", "name": "Accept", "message": "no servable type"}],
        )
    return BY_MEDIA_TYPE[media_type], media_type


async def export(
    request: Request,
    session: AsyncSession,
    chosen: Format,
    media_type: str,
    filters: service.TimelineFilters,
    *,
    descending: bool,
    cursor: str | None,
    limit: int | None,
    fields: frozenset[str] | None,
) -> StreamingResponse:
    """Every entry the filters keep, streamed in `chosen`'s format.

    The filters are checked and the first batch read before the response starts, so a bad
    request or an unreachable database still gets its problem; a failure after that cuts the
    stream short, which the client sees as an incomplete transfer.
    """
    assert chosen.writer is not None
    resolved = await service.resolve(session, filters)
    if chosen.name == "jsonl":
        resolved.shape = dataclasses.replace(resolved.shape, chosen=fields)
    batches = service.batches(
        request.app.state.sessionmaker,
        resolved,
        descending=descending,
        cursor=cursor,
        limit=limit,
    )
    first: list[dict[str, Any]] = await anext(batches, [])
    context = writers.Context(str(request.base_url), title="Parley timeline")
    body = chosen.writer(_prepend(first, batches), context)
    headers = {}
    if chosen.attachment:
        headers["Content-Disposition"] = (
            f'attachment; filename="parley-timeline.{chosen.extension}"'
        )
    return StreamingResponse(body, media_type=chosen.content_type(media_type), headers=headers)


async def _prepend(
    first: list[dict[str, Any]], rest: AsyncIterator[list[dict[str, Any]]]
) -> AsyncIterator[list[dict[str, Any]]]:
    if first:
        yield first
    async for batch in rest:
        yield batch
