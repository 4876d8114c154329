"""A per-process cache of JSON read bodies, keyed by the database snapshot they were read at.

`pg_current_snapshot()` names exactly which transactions a read can see: two reads with the
same snapshot see the same data, and any commit changes the snapshot of every later read. So a
body cached under one snapshot is served only to reads that would have read the same bytes,
and a read that starts after a write has committed always misses and reads afresh, in every
process. Writes need no invalidation, locks or triggers.

A public read whose body is cached is answered before routing (`app.middleware.CachedReads`),
after one snapshot read that many concurrent requests share (`Snapshots`). A read that misses
while another is rendering the same key waits for that body instead of rendering it again: that
render reads at the key's snapshot or later, so it reflects every commit the waiter must see.
"""

import asyncio
import zlib
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import asyncpg
import xxhash
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from starlette.datastructures import Headers
from starlette.types import Scope

SNAPSHOT = text("SELECT pg_current_snapshot()::text")
POSITION_SQL = "SELECT pg_current_snapshot()::text, pg_current_wal_insert_lsn()::text"
Key = tuple[str, ...]


@dataclass(frozen=True)
class Position:
    """Where the primary stood: the snapshot a read would see, and how far its WAL reached
    (a replica that has replayed this far holds every commit the snapshot sees)."""

    snapshot: str
    lsn: str


GZIP_LEVEL = 6
"""For bodies compressed as they are sent: about half the time of level 9 for 4 % more bytes."""


@dataclass
class Cached:
    body: bytes
    etag: str
    gzipped: bytes | None = None
    """The body gzipped (at the highest level: once per body), when a client first asks."""

    def compressed(self) -> bytes:
        if self.gzipped is None:
            packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
            self.gzipped = packer.compress(self.body) + packer.flush()
        return self.gzipped


def etag_of(body: bytes) -> str:
    """A strong ETag: a 128-bit digest of the exact bytes (XXH3, some twenty times faster than a
    cryptographic hash; nothing here needs to resist a forger)."""
    return '"' + xxhash.xxh3_128_hexdigest(body) + '"'


class ResponseCache:
    """Least recently used bodies, up to a byte budget (0 turns the cache off)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Key, Cached] = OrderedDict()
        self._bytes = 0
        self._rendering: dict[Key, asyncio.Future[Cached | None]] = {}

    @property
    def enabled(self) -> bool:
        return self.max_bytes > 0

    def get(self, key: Key) -> Cached | None:
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    async def shared(
        self, key: Key, render: Callable[[], Awaitable[bytes | None]]
    ) -> Cached | None:
        """The body for `key`: kept, or being rendered for another request, or rendered now
        (None when `render` finds nothing). A render cut off leaves its waiters to render."""
        hit = self.get(key)
        if hit is not None:
            return hit
        running = self._rendering.get(key)
        if running is not None:
            try:
                return await asyncio.shield(running)
            except asyncio.CancelledError:
                if not running.cancelled():
                    raise
        rendering: asyncio.Future[Cached | None] = asyncio.get_running_loop().create_future()
        self._rendering[key] = rendering
        try:
            body = await render()
        except asyncio.CancelledError:
            rendering.cancel()
            raise
        except Exception as exc:
            rendering.set_exception(exc)
            rendering.exception()  # retrieved: there may be no waiter
            raise
        finally:
            if self._rendering.get(key) is rendering:
                del self._rendering[key]
        entry = None if body is None else self.put(key, body)
        rendering.set_result(entry)
        return entry

    def put(self, key: Key, body: bytes) -> Cached:
        entry = Cached(body, etag_of(body))
        if not self.enabled or len(body) > self.max_bytes // 4:
            return entry
        previous = self._entries.pop(key, None)
        if previous is not None:
            self._bytes -= len(previous.body)
        self._entries[key] = entry
        self._bytes += len(body)
        while self._bytes > self.max_bytes:
            _, evicted = self._entries.popitem(last=False)
            self._bytes -= len(evicted.body)
        return entry


async def snapshot(session: AsyncSession) -> str:
    return str((await session.execute(SNAPSHOT)).scalar_one())


def key_of(snapshot: str, audience: str, scope: Scope) -> Key:
    """What a cached body depends on besides the data: who reads, the request, and the `Accept`
    header (a timeline route answers CSV to some)."""
    accept = Headers(scope=scope).get("accept", "")
    return (snapshot, audience, scope["path"], scope["query_string"].decode("latin-1"), accept)


class Snapshots:
    """The primary's current `Position`, read once for every request waiting on it.

    `current()` returns a position read that began after it was called, so it reflects every
    commit before the call: the same answer as a read of its own. Callers that arrive while a
    read is under way share the next one, so a burst costs a round trip, not one per request.
    """

    def __init__(self, read: Callable[[], Awaitable[Position]]) -> None:
        self._read = read
        self._next: asyncio.Future[Position] | None = None
        self._reading: asyncio.Task[None] | None = None

    @classmethod
    def of(cls, engine: AsyncEngine) -> "Snapshots":
        async def read() -> Position:
            async with engine.connect() as connection:
                driver: asyncpg.Connection = (
                    await connection.get_raw_connection()
                ).driver_connection
                snapshot, lsn = await driver.fetchrow(POSITION_SQL)
                return Position(snapshot, lsn)

        return cls(read)

    async def current(self) -> Position:
        if self._next is None:
            self._next = asyncio.get_running_loop().create_future()
            if self._reading is None:
                self._reading = asyncio.create_task(self._read_while_asked())
        return await asyncio.shield(self._next)

    async def _read_while_asked(self) -> None:
        try:
            while self._next is not None:
                asked, self._next = self._next, None
                try:
                    asked.set_result(await self._read())
                except Exception as exc:
                    asked.set_exception(exc)
                    asked.exception()  # retrieved: waiters may all have gone
        finally:
            self._reading = None
