"""The read cache: repeats are served from memory, and a committed write is seen at once by
every process, because the cache is keyed by the database snapshot a read sees."""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.cache import Position, ResponseCache, Snapshots
from app.config import Settings
from app.db import attach, create_engine
from app.events import service as events_service
from app.main import create_app
from tests.dbserver import PgServer, alembic

EVENT = (
    "INSERT INTO events (slug, type, title, date, date_start, date_end, date_precision,"
    " date_label, status) VALUES (:slug, 'statement', :title, '2025-05-01', '2025-05-01',"
    " '2025-05-01', 'day', '1 May 2025', 'published')"
)


@pytest.fixture
async def committed(pg_server: PgServer) -> AsyncIterator[tuple[Settings, AsyncEngine]]:
    """A database of its own, where writes really commit."""
    name = pg_server.create_database("parley_cache")
    url = pg_server.url_for(name)
    alembic("upgrade", url, "head")
    settings = Settings(database_url=url, cache_mb=8)
    engine = create_engine(settings, url)
    yield settings, engine
    await engine.dispose()
    pg_server.drop_database(name)


def process(settings: Settings, engine: AsyncEngine) -> FastAPI:
    """An app as one server process has it: its own cache."""
    app = create_app(settings)
    attach(app, engine)
    return app


async def write(engine: AsyncEngine, sql: str, **params: str) -> None:
    async with engine.begin() as conn:
        await conn.execute(text(sql), params)


async def get(app: FastAPI, path: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://parley.test") as client:
        return await client.get(path)


async def test_a_committed_write_is_read_by_every_process_at_once(
    committed: tuple[Settings, AsyncEngine],
) -> None:
    settings, engine = committed
    first, second = process(settings, engine), process(settings, engine)
    await write(engine, EVENT, slug="first", title="First")

    before = [await get(app, "/v1/events") for app in (first, second, first, second)]
    assert {r.json()["items"][0]["title"] for r in before} == {"First"}
    cache: ResponseCache = first.state.cache
    assert cache.get(next(iter(cache._entries))) is not None
    assert before[0].headers["etag"] == before[2].headers["etag"]
    for app in (first, second):
        kept = await get(app, "/v1/events?type=statement")  # by the route, cached as well
        assert kept.json()["items"][0]["title"] == "First"

    await write(engine, "UPDATE events SET title = 'Corrected' WHERE slug = 'first'")

    for app in (first, second):
        after = await get(app, "/v1/events")
        assert after.json()["items"][0]["title"] == "Corrected"
        assert after.headers["etag"] != before[0].headers["etag"]
        filtered = await get(app, "/v1/events?type=statement")  # by the route
        assert filtered.json()["items"][0]["title"] == "Corrected"
        detail = await get(app, "/v1/events/first")
        assert detail.json()["title"] == "Corrected"


async def test_repeats_are_served_from_the_cache(committed: tuple[Settings, AsyncEngine]) -> None:
    settings, engine = committed
    app = process(settings, engine)
    await write(engine, EVENT, slug="cached", title="Cached")
    first = await get(app, "/v1/events/cached")
    cache: ResponseCache = app.state.cache
    [key] = list(cache._entries)
    cache._entries[key] = type(cache._entries[key])(b'{"served":"from the cache"}', '"x"')

    again = await get(app, "/v1/events/cached")

    assert first.json()["slug"] == "cached"
    assert again.json() == {"served": "from the cache"}


def test_the_cache_keeps_within_its_budget() -> None:
    cache = ResponseCache(max_bytes=1000)
    for n in range(20):
        cache.put(("snapshot", str(n)), b"x" * 100)
    assert cache._bytes <= 1000
    assert cache.get(("snapshot", "0")) is None and cache.get(("snapshot", "19")) is not None
    assert ResponseCache(0).put(("k",), b"body").etag.startswith('"')


async def _get(app: FastAPI, path: str, headers: dict[str, str]) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://parley.test") as client:
        return await client.get(path, headers=headers)


async def _unchanging() -> Position:
    return Position("1000:1000:", "0/0")


@pytest.mark.parametrize("encoding", ["identity", "gzip"])
async def test_a_hit_is_the_response_the_route_gave(
    committed: tuple[Settings, AsyncEngine], encoding: str
) -> None:
    settings, engine = committed
    for n in range(8):  # a page past the size from which bodies are compressed
        await write(engine, EVENT, slug=f"same-{n}", title=f"Same {n}")
    # A filter, so that the route answers (the unfiltered page is answered before routing, by
    # app/hotreads.py: tests/test_hotreads.py holds it to the route's answers).
    path, asked = "/v1/events?limit=8&type=statement", {"Accept-Encoding": encoding}
    app, other = process(settings, engine), process(settings, engine)
    for each in (app, other):
        # One snapshot throughout: a commit elsewhere on the server (autovacuum's, say) must
        # not turn the hit below into a miss.
        each.state.snapshots = Snapshots(_unchanging)
    routed = await _get(app, path, asked)
    known = asked | {"If-None-Match": routed.headers["etag"]}
    routed_304 = await _get(other, path, known)
    app.state.sessionmaker = None  # a hit needs no session: routing would fail now
    hit = await _get(app, path, asked)
    hit_304 = await _get(app, path, known)

    def described(response: httpx.Response) -> list[tuple[str, str]]:
        # gzip's level differs between a body sent once and one kept: so does its length
        sized = encoding == "identity" or response.status_code == 304
        own = {"x-request-id"} | ({"content-length"} if not sized else set())
        return sorted((k, v) for k, v in response.headers.items() if k not in own)

    assert len(routed.content) > 1024
    assert routed.headers.get("content-encoding") == (None if encoding == "identity" else "gzip")
    assert (hit.status_code, hit.content) == (200, routed.content)
    assert described(hit) == described(routed)
    assert (hit_304.status_code, hit_304.content) == (routed_304.status_code, b"") == (304, b"")
    assert described(hit_304) == described(routed_304)


async def test_only_the_public_json_read_is_served_from_the_cache(
    committed: tuple[Settings, AsyncEngine],
) -> None:
    settings, engine = committed
    app = process(settings, engine)
    await write(engine, EVENT, slug="public", title="Public")
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://parley.test") as client:
        for path in ("/v1/events", "/v1/timeline"):
            assert (await client.get(path)).status_code == 200
        keyed = await client.get("/v1/events", headers={"Authorization": "Bearer not-a-key"})
        csv = await client.get("/v1/timeline", headers={"Accept": "text/csv"})

    assert keyed.status_code == 401
    assert (csv.status_code, csv.headers["content-type"].split(";")[0]) == (200, "text/csv")


async def test_waiting_readers_share_a_snapshot_read_begun_after_they_asked() -> None:
    reads: list[asyncio.Event] = []

    async def read() -> Position:
        reads.append(asyncio.Event())
        await reads[-1].wait()
        return Position(f"snapshot {len(reads)}", "0/0")

    snapshots = Snapshots(read)
    early = [asyncio.create_task(snapshots.current()) for _ in range(3)]
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    late = [asyncio.create_task(snapshots.current()) for _ in range(3)]
    await asyncio.sleep(0)
    assert len(reads) == 1  # the late callers wait for a read that begins after this one
    reads[0].set()
    assert {(await t).snapshot for t in early} == {"snapshot 1"}
    await asyncio.sleep(0)
    assert len(reads) == 2
    reads[1].set()
    assert {(await t).snapshot for t in late} == {"snapshot 2"}


async def test_a_failed_snapshot_read_fails_its_waiters_only() -> None:
    failures = [RuntimeError("down")]

    async def read() -> Position:
        if failures:
            raise failures.pop()
        return Position("snapshot", "0/0")

    snapshots = Snapshots(read)
    with pytest.raises(RuntimeError):
        await snapshots.current()
    assert (await snapshots.current()).snapshot == "snapshot"


@pytest.mark.parametrize(
    ("path", "renderer"),
    [
        ("/v1/events", "public_page"),  # answered before routing (app/hotreads.py)
        ("/v1/events?type=statement", "list_events"),  # by the route
    ],
)
async def test_concurrent_misses_of_one_page_render_it_once(
    committed: tuple[Settings, AsyncEngine],
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    renderer: str,
) -> None:
    settings, engine = committed
    app = process(settings, engine)
    await write(engine, EVENT, slug="burst", title="Burst")
    renders = 0
    real: Callable[..., Awaitable[bytes]] = getattr(events_service, renderer)

    async def counted(*args: Any, **kwargs: Any) -> bytes:
        nonlocal renders
        renders += 1
        await asyncio.sleep(0.2)  # long enough for every request of the burst to miss
        return await real(*args, **kwargs)

    monkeypatch.setattr(events_service, renderer, counted)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://parley.test") as client:
        burst = await asyncio.gather(*(client.get(path) for _ in range(6)))

    assert [r.status_code for r in burst] == [200] * 6
    assert len({r.content for r in burst}) == 1 and b"Burst" in burst[0].content
    assert renders == 1


async def test_a_render_that_fails_fails_its_waiters_and_the_next_read_renders_again() -> None:
    cache = ResponseCache(max_bytes=1000)
    started = asyncio.Event()

    async def failing() -> bytes:
        started.set()
        await asyncio.sleep(0.01)
        raise RuntimeError("database gone")

    async def working() -> bytes:
        return b"body"

    owner = asyncio.create_task(cache.shared(("k",), failing))
    await started.wait()
    waiter = asyncio.create_task(cache.shared(("k",), working))
    for task in (owner, waiter):
        with pytest.raises(RuntimeError):
            await task
    entry = await cache.shared(("k",), working)
    assert entry is not None and entry.body == b"body"


async def test_a_render_cut_off_leaves_its_waiter_to_render() -> None:
    cache = ResponseCache(max_bytes=1000)
    started = asyncio.Event()

    async def slow() -> bytes:
        started.set()
        await asyncio.sleep(10)
        return b"never"

    async def quick() -> bytes:
        return b"quick"

    owner = asyncio.create_task(cache.shared(("k",), slow))
    await started.wait()
    waiter = asyncio.create_task(cache.shared(("k",), quick))
    await asyncio.sleep(0)
    owner.cancel()
    entry = await waiter
    assert entry is not None and entry.body == b"quick"
    with pytest.raises(asyncio.CancelledError):
        await owner
