"""The change feed: committed writes in commit order, as pages and as a live stream."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

import asyncpg
import orjson
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.editorial.changes import CHANNEL
from app.models import Change
from app.sqljson import rfc3339

log = logging.getLogger(__name__)
BATCH = 500


def _entry(row: Any) -> dict[str, Any]:
    return {
        "seq": row.seq,
        "kind": row.kind,
        "id": row.record_id,
        "slug": row.slug,
        "operation": row.operation,
        "version": row.version,
        "at": row.at,
    }


async def changes_after(
    session: AsyncSession, since: int, *, limit: int, editor: bool
) -> list[dict[str, Any]]:
    """The changes numbered after `since`, oldest first (the public sees public ones only)."""
    query = select(
        Change.seq,
        Change.kind,
        Change.record_id,
        Change.slug,
        Change.operation,
        Change.version,
        rfc3339(Change.at).label("at"),
    ).where(Change.seq > since)
    if not editor:
        query = query.where(Change.public)
    rows = await session.execute(query.order_by(Change.seq).limit(limit))
    return [_entry(row) for row in rows]


async def last_seq(session: AsyncSession) -> int:
    return int((await session.execute(select(func.coalesce(func.max(Change.seq), 0)))).scalar_one())


def page(items: list[dict[str, Any]], since: int) -> bytes:
    """A page of the feed; `next_cursor` is where to resume, also when nothing came."""
    cursor = str(items[-1]["seq"] if items else since)
    return orjson.dumps({"items": items, "next_cursor": cursor})


class Announcements:
    """One LISTEN connection per process, waking every stream when a change commits.

    It opens when the first stream needs it and reopens after the database drops it; while it
    is down, streams fall back to reading the feed at every heartbeat.
    """

    def __init__(self, dsn: Callable[[], str]) -> None:
        self._dsn = dsn
        self._connection: Any = None
        self._announced_event = asyncio.Event()
        self.generation = 0
        """How many announcements this process has heard; a stream notes it before it reads."""
        self._lock = asyncio.Lock()

    async def listen(self) -> None:
        """Make sure the LISTEN connection is open."""
        async with self._lock:
            if self._connection is not None and not self._connection.is_closed():
                return
            try:
                self._connection = await asyncpg.connect(self._dsn(), timeout=3)
                await self._connection.add_listener(CHANNEL, self._announced)
            except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
                log.warning("change announcements unavailable: %s", exc)
                self._connection = None

    def _announced(self, *_args: object) -> None:
        self.generation += 1
        self._announced_event.set()
        self._announced_event = asyncio.Event()

    async def wait(self, seen: int, seconds: float) -> None:
        """Until an announcement after the `seen` generation, or `seconds` pass."""
        if self.generation != seen:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._announced_event.wait(), seconds)

    async def close(self) -> None:
        if self._connection is not None and not self._connection.is_closed():
            await self._connection.close()
        self._connection = None


HEARTBEAT = b": heartbeat\n\n"
UNAVAILABLE = (DBAPIError, PoolTimeoutError, OSError, TimeoutError)
"""What reading the feed raises while the database is away; the stream beats on and retries."""


async def _read(
    sessionmaker: async_sessionmaker[AsyncSession],
    announcements: Announcements,
    since: int,
    editor: bool,
) -> tuple[int, list[dict[str, Any]]]:
    """The announcement generation noted before reading, and the changes after `since`."""
    await announcements.listen()
    seen = announcements.generation
    try:
        async with sessionmaker() as session, session.begin():
            return seen, await changes_after(session, since, limit=BATCH, editor=editor)
    except UNAVAILABLE as exc:
        log.warning("change stream could not read the feed: %s", exc)
        return seen, []


async def stream(
    sessionmaker: async_sessionmaker[AsyncSession],
    announcements: Announcements,
    since: int,
    *,
    editor: bool,
    heartbeat_s: float,
    max_s: float,
) -> AsyncIterator[bytes]:
    """Server-Sent Events: every change after `since`, as it commits, with a
    comment line at least every `heartbeat_s` seconds, for `max_s` seconds (then the client
    reconnects and resumes where it stopped).

    The heartbeat does not wait for the database: while a read is slow, or the database does
    not answer at all, the stream keeps beating, and reads again once it is back."""
    clock = asyncio.get_running_loop().time
    yield b"retry: 2000\n\n"
    closing = clock() + max_s
    sent = clock()
    while clock() < closing:
        reading = asyncio.ensure_future(_read(sessionmaker, announcements, since, editor))
        try:
            while not reading.done():
                await asyncio.wait({reading}, timeout=max(0.0, sent + heartbeat_s - clock()))
                if not reading.done():
                    yield HEARTBEAT
                    sent = clock()
            seen, items = reading.result()
        finally:
            reading.cancel()
        for item in items:
            since = item["seq"]
            yield b"id: %d\nevent: change\ndata: %s\n\n" % (since, orjson.dumps(item))
        if len(items) == BATCH:
            continue
        yield HEARTBEAT
        sent = clock()
        await announcements.wait(seen, max(0.0, min(heartbeat_s, closing - clock())))
