"""A Parley whose requests really commit, on a database of its own, for concurrency tests; and a
real uvicorn server in front of it where a test needs sockets (streams)."""

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from app.config import Settings
from app.db import attach, create_engine
from app.editorial.keys import create_key
from app.main import create_app
from app.models.enums import KeyRole
from tests.dbserver import PgServer, alembic
from tests.editorial.desk import newsroom


@dataclass
class Live:
    app: FastAPI
    engine: AsyncEngine
    keys: list[dict[str, str]]
    """Headers of 20 editors' keys."""

    def client(self) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=self.app)
        return httpx.AsyncClient(transport=transport, base_url="http://parley.test")


@contextlib.asynccontextmanager
async def live_parley(pg_server: PgServer, *, editors: int = 20) -> AsyncIterator[Live]:
    name = pg_server.create_database("parley_live")
    url = pg_server.url_for(name)
    alembic("upgrade", url, "head")
    settings = Settings(
        database_url=url,
        cache_mb=8,
        pool_size=10,
        pool_max_overflow=25,
        stream_heartbeat_s=1,
        statement_timeout_ms=10_000,
        # Twenty editors queue on one row's lock; on a busy machine a turn can pass the default
        # deadline, whose 503 is tested elsewhere and would make an editor's retry ambiguous.
        request_timeout_s=60,
    )
    engine = create_engine(settings, url)
    app = create_app(settings)
    attach(app, engine)
    keys = []
    async with app.state.sessionmaker() as session:
        await newsroom(session)
        for n in range(editors):
            key = await create_key(session, name=f"editor-{n}", role=KeyRole.editor)
            keys.append({"Authorization": f"Bearer {key}"})
        await session.commit()
    try:
        yield Live(app, engine, keys)
    finally:
        await app.state.announcements.close()
        await engine.dispose()
        pg_server.drop_database(name)
