"""Real PostgreSQL for every test: one migrated database per run, one rolled-back
transaction per test, the app's sessions joining it through savepoints."""

import logging
import uuid
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from app.config import Settings
from app.db import create_engine
from app.editorial.keys import create_key
from app.main import create_app
from app.models.enums import KeyRole
from app.seed.loader import SeedReport, default_seed_dir, run_seed
from tests.dbserver import PgServer, alembic
from tests.logs import Kept


@pytest.fixture(scope="session", autouse=True)
def no_secret_in_any_log() -> Iterator[Kept]:
    """Every record the run logs, at every level, searched at its end for keys and passwords."""
    kept = Kept()
    root = logging.getLogger()
    level = root.level
    root.addHandler(kept)
    root.setLevel(logging.DEBUG)
    yield kept
    root.removeHandler(kept)
    root.setLevel(level)
    found = kept.secrets()
    assert not found, f"secrets in the logs: {found[:3]}"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    server = PgServer()
    yield server
    server.close()


@pytest.fixture(scope="session")
def database_url(pg_server: PgServer) -> Iterator[str]:
    name = pg_server.create_database()
    url = pg_server.url_for(name)
    alembic("upgrade", url, "head")
    yield url
    pg_server.drop_database(name)


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    # Each test runs inside one rolled-back transaction, whose own writes do not change the
    # snapshot the read cache is keyed by: the cache is tested apart, with real commits.
    return Settings(database_url=database_url, statement_timeout_ms=10_000, cache_mb=0)


@pytest.fixture(scope="session")
async def engine(settings: Settings, database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(settings, database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    async with engine.connect() as connection:
        transaction = await connection.begin()
        # A test's one transaction may idle between requests longer than the app's connections
        # may (a slow machine, a long contract run): PostgreSQL must not end it meanwhile.
        await connection.execute(text("SET LOCAL idle_in_transaction_session_timeout = 0"))
        yield connection
        if transaction.is_active:
            await transaction.rollback()


@pytest.fixture
def sessionmaker(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(
        bind=connection,
        join_transaction_mode="create_savepoint",
        expire_on_commit=False,
        autoflush=False,
    )


@pytest.fixture
async def session(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    async with sessionmaker() as session:
        yield session


@pytest.fixture
def app(
    settings: Settings, engine: AsyncEngine, sessionmaker: async_sessionmaker[AsyncSession]
) -> FastAPI:
    app = create_app(settings)
    app.state.engine = engine
    app.state.sessionmaker = sessionmaker
    return app


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://parley.test") as client:
        yield client


async def _key_headers(session: AsyncSession, role: KeyRole) -> dict[str, str]:
    key = await create_key(session, name=f"test-{role.value}-{uuid.uuid4().hex[:8]}", role=role)
    await session.commit()
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
async def editor(session: AsyncSession) -> dict[str, str]:
    """Headers carrying a fresh editor's API key."""
    return await _key_headers(session, KeyRole.editor)


@pytest.fixture
async def admin(session: AsyncSession) -> dict[str, str]:
    return await _key_headers(session, KeyRole.admin)


@pytest.fixture
async def reader(session: AsyncSession) -> dict[str, str]:
    return await _key_headers(session, KeyRole.reader)


@pytest.fixture
async def seeded(session: AsyncSession) -> SeedReport:
    """The repository's seed, loaded (and committed to the test's outer transaction)."""
    report = await run_seed(session, seed_dir=default_seed_dir(), dry_run=False)
    await session.commit()
    return report


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0


@pytest.fixture
def query_counter(connection: AsyncConnection) -> Iterator[QueryCounter]:
    """Counts the SQL statements sent on the test's connection."""
    counter = QueryCounter()
    sync_connection = connection.sync_connection
    assert sync_connection is not None

    def count(*_args: object) -> None:
        counter.count += 1

    event.listen(sync_connection, "before_cursor_execute", count)
    yield counter
    event.remove(sync_connection, "before_cursor_execute", count)
