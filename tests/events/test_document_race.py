"""A refresh running beside a writer never stores a document the writer has made stale."""

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine

from app.db import async_url
from app.events.documents import refresh_event_documents
from app.models import Actor, Event
from tests.dbserver import PgServer, alembic


@pytest.fixture
def race_url(pg_server: PgServer) -> Iterator[str]:
    name = pg_server.create_database("parley_race")
    url = pg_server.url_for(name)
    alembic("upgrade", url, "head")
    yield url
    pg_server.drop_database(name)


SETUP = [
    "INSERT INTO actors (slug, name, kind) VALUES ('someone', 'Old Name', 'state')",
    "INSERT INTO events (slug, type, title, date, date_start, date_end, date_precision,"
    " date_label, status) VALUES ('an-event', 'statement', 'An event', '2025-05-01',"
    " '2025-05-01', '2025-05-01', 'day', '1 May 2025', 'published')",
    "INSERT INTO event_participants (event_id, actor_id, role)"
    " SELECT e.id, a.id, 'party' FROM events e, actors a",
]


@pytest.fixture
async def race_engine(race_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(async_url(race_url))
    async with engine.begin() as conn:
        for statement in SETUP:
            await conn.execute(text(statement))
    yield engine
    await engine.dispose()


async def test_refresh_waits_for_a_writer_that_made_documents_stale(
    race_engine: AsyncEngine,
) -> None:
    async with race_engine.connect() as writer:
        await writer.begin()
        await writer.execute(update(Actor).values(name="New Name"))

        async def refresh() -> None:
            async with AsyncSession(race_engine) as session, session.begin():
                await refresh_event_documents(session)

        refreshing = asyncio.create_task(refresh())
        await asyncio.sleep(0.3)
        assert not refreshing.done()  # held back by the writer's lock
        await writer.commit()
        await asyncio.wait_for(refreshing, timeout=10)

    async with race_engine.connect() as reader:
        document = (await reader.execute(select(Event.document))).scalar_one()
    assert document is not None
    assert "New Name" in document
    assert "Old Name" not in document
