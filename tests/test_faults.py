"""The database failing under traffic: restarted, frozen. A real uvicorn serves the app from a
PostgreSQL server of the test's own; clients keep reading through it, and every answer is
either the page or a 503 problem with `Retry-After`, never a 500, never a long wait."""

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import httpx
import pytest

from app.cli import migrate
from app.config import Settings
from app.db import attach, create_engine
from app.main import create_app
from tests.cluster import Cluster, cluster
from tests.dbserver import in_thread
from tests.serving import served

POOL = 4
CLIENTS = 6
PATHS = ("/v1/events?limit=5", "/v1/sources", "/v1/search?q=exchange", "/readyz")
"""A hot page, a list read through the session, a search, and the readiness probe."""


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
        update={"database_url": scratch.url, "cache_mb": 0, "pool_size": POOL}
    )
    app = create_app(own)
    attach(app, create_engine(own, scratch.url))
    try:
        async with served(app) as url:
            yield url
    finally:
        await app.state.engine.dispose()


class Traffic:
    """Clients reading one page in a loop until stopped, every answer kept."""

    def __init__(self, base_url: str) -> None:
        self.client = httpx.AsyncClient(base_url=base_url, timeout=30)
        self.answers: list[Answer] = []
        self.running = True

    async def _read(self, first: int) -> None:
        turn = first
        while self.running:
            started = time.monotonic()
            response = await self.client.get(PATHS[turn % len(PATHS)])
            turn += 1
            self.answers.append(
                Answer(
                    started,
                    time.monotonic() - started,
                    response.status_code,
                    response.headers.get("content-type", ""),
                    response.headers.get("retry-after"),
                )
            )
            await asyncio.sleep(0.01)

    @classmethod
    @contextlib.asynccontextmanager
    async def running_on(cls, base_url: str) -> AsyncIterator["Traffic"]:
        traffic = cls(base_url)
        readers = [asyncio.create_task(traffic._read(n)) for n in range(CLIENTS)]
        try:
            yield traffic
        finally:
            traffic.running = False
            await asyncio.gather(*readers)
            await traffic.client.aclose()

    def after(self, moment: float) -> list[Answer]:
        return [a for a in self.answers if a.started >= moment]


def assert_only_pages_or_unavailable(answers: list[Answer]) -> None:
    assert answers, "no request was answered"
    assert {a.status for a in answers} <= {200, 503}
    for answer in answers:
        if answer.status == 503:
            assert answer.content_type == "application/problem+json"
            assert answer.retry_after is not None and int(answer.retry_after) > 0


@pytest.mark.parametrize("mode", ["fast", "immediate"])
async def test_a_restarted_database_costs_503s_while_down_and_nothing_after(
    scratch: Cluster, base_url: str, mode: str
) -> None:
    async with Traffic.running_on(base_url) as traffic:
        await asyncio.sleep(1)
        down = time.monotonic()
        await asyncio.to_thread(scratch.restart, mode)
        up = time.monotonic()
        await asyncio.sleep(3)

    assert_only_pages_or_unavailable(traffic.answers)
    before = [a for a in traffic.answers if a.started + a.took < down]
    assert before and all(a.status == 200 for a in before)
    back = traffic.after(up)
    assert sum(a.status == 503 for a in back) <= POOL, "more than one 503 per pooled connection"
    settled = traffic.after(up + 2)
    assert settled and all(a.status == 200 for a in settled)


async def test_a_frozen_database_keeps_no_request_waiting_past_five_seconds(
    scratch: Cluster, base_url: str
) -> None:
    async with Traffic.running_on(base_url) as traffic:
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
