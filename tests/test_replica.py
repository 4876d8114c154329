"""Public reads go to a read replica when it has caught up, else to the primary; writes and
editors' reads always go to the primary."""

import asyncio
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.config import Settings
from app.db import attach, create_engine
from app.main import create_app
from tests.dbserver import alembic
from tests.replica import Replicated, replicated

EVENT = (
    "INSERT INTO events (slug, type, title, date, date_start, date_end, date_precision,"
    " date_label, status) VALUES (:slug, 'statement', :title, '2025-05-01', '2025-05-01',"
    " '2025-05-01', 'day', '1 May 2025', 'published')"
)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Replicated]:
    with replicated() as made:
        alembic("upgrade", made.primary_url, "head")
        yield made


@dataclass
class Served:
    client: httpx.AsyncClient
    primary: AsyncEngine
    replica: AsyncEngine
    reads: dict[str, int]
    """Connections each engine handed out."""


@pytest.fixture
async def served(cluster: Replicated) -> AsyncIterator[Served]:
    settings = Settings(
        database_url=cluster.primary_url, read_database_url=cluster.replica_url, cache_mb=0
    )
    primary = create_engine(settings, cluster.primary_url)
    replica = create_engine(settings, cluster.replica_url)
    reads = {"primary": 0, "replica": 0}
    for name, engine in (("primary", primary), ("replica", replica)):

        def count(*_: object, name: str = name) -> None:
            reads[name] += 1

        event.listen(engine.sync_engine, "checkout", count)
    app = create_app(settings)
    attach(app, primary, replica)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://parley.test") as client:
        yield Served(client, primary, replica, reads)
    await primary.dispose()
    await replica.dispose()


async def write(engine: AsyncEngine, slug: str) -> None:
    async with engine.begin() as conn:
        await conn.execute(text(EVENT), {"slug": slug, "title": slug.title()})


async def replay(engine: AsyncEngine, *, paused: bool) -> None:
    async with engine.connect() as conn:
        verb = "pause" if paused else "resume"
        await conn.execute(text(f"SELECT pg_wal_replay_{verb}()"))


async def titles(served: Served, **headers: str) -> list[str]:
    response = await served.client.get("/v1/events", headers=headers)
    assert response.status_code == 200, response.text
    return [e["title"] for e in response.json()["items"]]


async def test_a_caught_up_replica_answers_public_reads(served: Served) -> None:
    await write(served.primary, "first-write")

    for _ in range(100):  # the replica replays within moments; until then the primary reads
        before = dict(served.reads)
        found = await titles(served)
        if served.reads["primary"] == before["primary"] + 1:
            break  # the primary said where it stood, the replica read
        await asyncio.sleep(0.05)
    assert served.reads == {"primary": before["primary"] + 1, "replica": before["replica"] + 1}
    assert "First-Write" in found


async def test_a_replica_behind_leaves_the_read_to_the_primary(served: Served) -> None:
    await replay(served.replica, paused=True)
    try:
        await write(served.primary, "while-paused")
        served.reads.update(primary=0, replica=0)
        assert "While-Paused" in await titles(served)
        assert served.reads == {"primary": 2, "replica": 1}  # position, the read; the check
    finally:
        await replay(served.replica, paused=False)


async def test_writes_and_keyed_reads_never_touch_the_replica(served: Served) -> None:
    served.reads.update(primary=0, replica=0)
    keyed = await served.client.get("/v1/events", headers={"Authorization": "Bearer nobody"})
    written = await served.client.post("/v1/events", json={})
    assert (keyed.status_code, written.status_code) == (401, 401)
    assert served.reads["replica"] == 0
