"""The database failing under traffic: restarted, frozen. A real uvicorn serves the app from a
PostgreSQL server of the test's own; clients keep reading through it, and every answer is
either the page or a 503 problem with `Retry-After`, never a 500, never a long wait. And the
process failing mid-write: killed, its write is retried safely; stopped, it finishes it."""

import asyncio
import contextlib
import datetime
import itertools
import signal
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Iterator
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx
import pytest
from sqlalchemy.engine import make_url

from app.cli import migrate
from app.config import Settings
from app.db import attach, create_engine
from app.main import create_app
from tests.cluster import Cluster, cluster
from tests.dbserver import in_thread
from tests.editorial import desk
from tests.serving import Process, served

POOL = 4
CLIENTS = 6
PATHS = ("/v1/events?limit=5", "/v1/sources", "/v1/search?q=exchange", "/readyz")
"""A hot page, a list read through the session, a search, and the readiness probe."""
WRITERS = 2
HEARTBEAT_S = 1.0


@dataclass(frozen=True)
class Answer:
    started: float
    took: float
    status: int
    content_type: str
    retry_after: str | None


@pytest.fixture(scope="module")
def scratch() -> Iterator[Cluster]:
    with cluster() as server:
        in_thread(lambda: migrate(server.url))
        yield server


@pytest.fixture
async def base_url(scratch: Cluster, settings: Settings) -> AsyncIterator[str]:
    own = settings.model_copy(
        update={
            "database_url": scratch.url,
            "cache_mb": 0,
            "pool_size": POOL,
            "stream_heartbeat_s": HEARTBEAT_S,
            "write_limit": "100000/minute",
        }
    )
    app = create_app(own)
    attach(app, create_engine(own, scratch.url))
    try:
        async with served(app) as url:
            yield url
    finally:
        await app.state.announcements.close()
        await app.state.engine.dispose()


class Traffic:
    """Clients reading pages in a loop, and editors creating events, until stopped; every
    answer kept, and every write's Idempotency-Key with it."""

    def __init__(self, base_url: str, editor_key: str | None) -> None:
        self.client = httpx.AsyncClient(base_url=base_url, timeout=30)
        self.editor_key = editor_key
        self.answers: list[Answer] = []
        self.writes: dict[str, int] = {}
        """The status each write was answered with, by its Idempotency-Key (also its slug)."""
        self.running = True

    async def _timed(self, request: Awaitable[httpx.Response]) -> httpx.Response:
        started = time.monotonic()
        response = await request
        self.answers.append(
            Answer(
                started,
                time.monotonic() - started,
                response.status_code,
                response.headers.get("content-type", ""),
                response.headers.get("retry-after"),
            )
        )
        return response

    async def _read(self, first: int) -> None:
        turn = first
        while self.running:
            await self._timed(self.client.get(PATHS[turn % len(PATHS)]))
            turn += 1
            await asyncio.sleep(0.01)

    async def _write(self) -> None:
        while self.running:
            slug = f"load-{uuid.uuid4().hex[:12]}"
            response = await self._timed(
                self.client.post("/v1/events", **write(slug, self.editor_key or ""))
            )
            self.writes[slug] = response.status_code
            await asyncio.sleep(0.02)

    @classmethod
    @contextlib.asynccontextmanager
    async def running_on(
        cls, base_url: str, editor_key: str | None = None
    ) -> AsyncIterator["Traffic"]:
        traffic = cls(base_url, editor_key)
        clients = [asyncio.create_task(traffic._read(n)) for n in range(CLIENTS)]
        if editor_key is not None:
            clients += [asyncio.create_task(traffic._write()) for _ in range(WRITERS)]
        try:
            yield traffic
        finally:
            traffic.running = False
            await asyncio.gather(*clients)
            await traffic.client.aclose()

    def after(self, moment: float) -> list[Answer]:
        return [a for a in self.answers if a.started >= moment]


def write(slug: str, editor_key: str) -> dict[str, Any]:
    """A new event's POST, the same each time for one slug: the slug is its Idempotency-Key,
    and gives it a day of its own."""
    day = datetime.date(2024, 1, 1) + datetime.timedelta(days=int(slug[-4:], 16) % 3000)
    return {
        "json": desk.event_body(slug, date=day.isoformat()),
        "headers": {"Authorization": f"Bearer {editor_key}", "Idempotency-Key": slug},
    }


def assert_only_pages_or_unavailable(answers: list[Answer]) -> None:
    assert answers, "no request was answered"
    assert {a.status for a in answers} <= {200, 201, 503}
    for answer in answers:
        if answer.status == 503:
            assert answer.content_type == "application/problem+json"
            assert answer.retry_after is not None and int(answer.retry_after) > 0


@pytest.mark.parametrize("mode", ["fast", "immediate"])
async def test_a_restarted_database_costs_503s_while_down_and_loses_no_write(
    scratch: Cluster, base_url: str, editor_key: str, mode: str
) -> None:
    async with Traffic.running_on(base_url, editor_key) as traffic:
        await asyncio.sleep(1)
        down = time.monotonic()
        await asyncio.to_thread(scratch.restart, mode)
        up = time.monotonic()
        await asyncio.sleep(3)

    assert_only_pages_or_unavailable(traffic.answers)
    before = [a for a in traffic.answers if a.started + a.took < down]
    assert before and all(a.status in (200, 201) for a in before)
    back = traffic.after(up)
    assert sum(a.status == 503 for a in back) <= POOL, "more than one 503 per pooled connection"
    settled = traffic.after(up + 2)
    assert settled and all(a.status in (200, 201) for a in settled)

    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        for slug, status in traffic.writes.items():
            if status == 503:
                retried = await client.post("/v1/events", **write(slug, editor_key))
                assert retried.status_code == 201, retried.text
    answered = [slug for slug, status in traffic.writes.items() if status == 201]
    unsettled = [slug for slug, status in traffic.writes.items() if status == 503]
    assert answered, "no write was answered while the database was up"
    kept = await written(scratch.url, list(traffic.writes))
    assert kept == dict.fromkeys(answered + unsettled, (1, 1, 1))


async def written(url: str, slugs: list[str]) -> dict[str, tuple[int, int, int]]:
    """For each of `slugs` stored: its events, their revisions and their entries in the change
    feed."""
    connection = await asyncpg.connect(make_url(url).render_as_string(hide_password=False))
    try:
        rows = await connection.fetch(
            "SELECT e.slug, count(DISTINCT e.id) AS events,"
            " (SELECT count(*) FROM revisions r"
            "   WHERE r.entity_type = 'event' AND r.entity_id = e.id) AS revisions,"
            " (SELECT count(*) FROM changes c WHERE c.kind = 'event' AND c.record_id = e.id)"
            "   AS changes"
            " FROM events e WHERE e.slug = ANY($1::text[]) GROUP BY e.slug, e.id",
            slugs,
        )
        return {row["slug"]: (row["events"], row["revisions"], row["changes"]) for row in rows}
    finally:
        await connection.close()


async def test_a_frozen_database_keeps_no_request_waiting_past_five_seconds(
    scratch: Cluster, base_url: str
) -> None:
    async with Listener.on(base_url) as listener, Traffic.running_on(base_url) as traffic:
        await asyncio.sleep(0.5)
        with scratch.frozen():
            frozen = time.monotonic()
            await asyncio.sleep(10)
        thawed = time.monotonic()
        await asyncio.sleep(3)

    assert_only_pages_or_unavailable(traffic.answers)
    assert max(a.took for a in traffic.answers) <= 5.0
    during = [a for a in traffic.answers if frozen <= a.started < thawed - 5]
    assert during and all(a.status == 503 for a in during)
    settled = traffic.after(thawed + 2)
    assert settled and all(a.status == 200 for a in settled)

    assert listener.arrivals[0] < frozen and listener.arrivals[-1] > thawed + 2
    gaps = [b - a for a, b in itertools.pairwise(listener.arrivals)]
    assert max(gaps) <= HEARTBEAT_S + 1.0, "the change stream fell silent"


class Listener:
    """A client of the change stream, noting when each of its lines arrives."""

    def __init__(self) -> None:
        self.arrivals: list[float] = []
        self.opened = asyncio.Event()

    async def _listen(self, client: httpx.AsyncClient) -> None:
        async with client.stream("GET", "/v1/changes/stream") as response:
            assert response.status_code == 200
            async for _line in response.aiter_lines():
                self.arrivals.append(time.monotonic())
                self.opened.set()

    @classmethod
    @contextlib.asynccontextmanager
    async def on(cls, base_url: str) -> AsyncIterator["Listener"]:
        listener = cls()
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
            listening = asyncio.create_task(listener._listen(client))
            opened = asyncio.create_task(listener.opened.wait())
            await asyncio.wait({listening, opened}, return_when=asyncio.FIRST_COMPLETED)
            opened.cancel()
            if listening.done():
                listening.result()
            try:
                yield listener
            finally:
                listening.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await listening


@pytest.fixture(scope="module")
def editor_key(scratch: Cluster) -> str:
    """A newsroom to write about, and an editor's key, in the test's own server."""
    return desk.newsroom_at(scratch.url, editor="faults-editor")


@contextlib.asynccontextmanager
async def events_locked(url: str) -> AsyncIterator[asyncpg.Connection]:
    """The events table locked against writes until the block ends (the lock's transaction is
    rolled back)."""
    connection = await asyncpg.connect(make_url(url).render_as_string(hide_password=False))
    transaction = connection.transaction()
    await transaction.start()
    await connection.execute("LOCK TABLE events IN EXCLUSIVE MODE")
    try:
        yield connection
    finally:
        await transaction.rollback()
        await connection.close()


async def wait_for_blocked_write(lock: asyncpg.Connection) -> None:
    for _ in range(200):
        waiting = await lock.fetchval(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE application_name = 'parley' AND wait_event_type = 'Lock'"
        )
        if waiting:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the write never reached the locked table")


async def stored(url: str, slug: str) -> tuple[int, int]:
    """Events with `slug`, and revisions of them."""
    connection = await asyncpg.connect(make_url(url).render_as_string(hide_password=False))
    try:
        events = await connection.fetchval("SELECT count(*) FROM events WHERE slug = $1", slug)
        revisions = await connection.fetchval(
            "SELECT count(*) FROM revisions r JOIN events e "
            "ON r.entity_type = 'event' AND r.entity_id = e.id WHERE e.slug = $1",
            slug,
        )
        return int(events), int(revisions)
    finally:
        await connection.close()


async def test_a_write_cut_off_by_a_killed_process_is_settled_by_its_retry(
    scratch: Cluster, editor_key: str
) -> None:
    headers = {"Authorization": f"Bearer {editor_key}", "Idempotency-Key": "killed-mid-write"}
    body = desk.event_body("killed-mid-write")
    first = Process(scratch.url)
    try:
        await first.ready()
        async with events_locked(scratch.url) as lock, httpx.AsyncClient(timeout=30) as client:
            attempt = asyncio.create_task(
                client.post(f"{first.base_url}/v1/events", json=body, headers=headers)
            )
            await wait_for_blocked_write(lock)
            first.process.send_signal(signal.SIGKILL)
            with pytest.raises(httpx.TransportError):
                await attempt
    finally:
        first.stop()
    assert await stored(scratch.url, "killed-mid-write") == (0, 0)

    second = Process(scratch.url)
    try:
        await second.ready()
        async with httpx.AsyncClient(base_url=second.base_url, timeout=30) as client:
            retried = await client.post("/v1/events", json=body, headers=headers)
            replayed = await client.post("/v1/events", json=body, headers=headers)
    finally:
        second.stop()

    assert retried.status_code == 201, retried.text
    assert replayed.status_code == 201
    assert replayed.headers.get("idempotent-replayed") == "true"
    assert await stored(scratch.url, "killed-mid-write") == (1, 1)


async def test_sigterm_lets_a_write_in_flight_finish(scratch: Cluster, editor_key: str) -> None:
    headers = {"Authorization": f"Bearer {editor_key}"}
    body = desk.event_body("finished-on-sigterm")
    server = Process(scratch.url)
    try:
        await server.ready()
        async with httpx.AsyncClient(timeout=30) as client:
            async with events_locked(scratch.url) as lock:
                attempt = asyncio.create_task(
                    client.post(f"{server.base_url}/v1/events", json=body, headers=headers)
                )
                await wait_for_blocked_write(lock)
                server.process.send_signal(signal.SIGTERM)
                await asyncio.sleep(0.5)
            response = await attempt
        exit_code = await asyncio.to_thread(server.process.wait, 10)
    finally:
        server.stop()

    assert response.status_code == 201, response.text
    assert exit_code == 128 + signal.SIGTERM
    assert await stored(scratch.url, "finished-on-sigterm") == (1, 1)
