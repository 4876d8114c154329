"""The statements Parley sends PostgreSQL for one request, seen from inside the process.

The app is built in process with its read cache off, on an engine whose connections report
every statement twice over: SQLAlchemy's `after_cursor_execute` (statements run through a
session) and asyncpg's query logger (statements run on the driver connection directly, and the
BEGIN and COMMIT of each transaction). Both report a statement as it completes, so the list is
in the order PostgreSQL ran them.
"""

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import event

from app.config import get_settings
from app.db import create_engine, create_sessionmaker
from app.main import create_app
from bench.statements import Statement

CLIENT_SETTINGS = "SELECT name, setting FROM pg_settings WHERE source = 'client'"
NOT_COPIED = {"application_name"}


@dataclass(frozen=True)
class Capture:
    path: str
    statements: list[Statement]
    body: bytes

    @property
    def page_statement(self) -> Statement:
        """The statement that reads the page: the largest one outside transaction control."""
        candidates = [s for s in self.statements if not s.controls_transaction]
        if not candidates:
            raise ValueError(f"{self.path}: no statement read the page")
        return max(candidates, key=lambda s: len(s.sql))


async def capture(url: str, paths: Sequence[str]) -> tuple[dict[str, Capture], dict[str, str]]:
    """What Parley runs for each path (each requested twice, the second one kept), and the
    server settings its connections set (`statement_timeout`, `jit`, …) for the references."""
    settings = get_settings().model_copy(update={"database_url": url, "cache_mb": 0})
    engine = create_engine(settings, url)
    seen: list[Statement] = []

    def on_query(record: Any) -> None:
        seen.append(Statement(record.query, tuple(record.args or ())))

    @event.listens_for(engine.sync_engine, "connect")
    def log_queries(connection: Any, _record: Any) -> None:
        connection.driver_connection.add_query_logger(on_query)

    @event.listens_for(engine.sync_engine, "after_cursor_execute")
    def log_statement(
        _conn: Any, _cursor: Any, sql: str, args: Any, _context: Any, _many: bool
    ) -> None:
        seen.append(Statement(sql, tuple(args or ())))

    app = create_app(settings)
    app.state.engine = engine
    app.state.sessionmaker = create_sessionmaker(engine)
    captured: dict[str, Capture] = {}
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://parley") as client:
            for path in paths:
                (await client.get(path)).raise_for_status()
                await asyncio.sleep(0.05)
                seen.clear()
                response = await client.get(path)
                response.raise_for_status()
                await asyncio.sleep(0.05)  # query loggers are called soon after, not at once
                captured[path] = Capture(path, list(seen), response.content)
        async with engine.connect() as connection:
            rows = (await connection.exec_driver_sql(CLIENT_SETTINGS)).mappings().all()
    finally:
        await engine.dispose()
    options = {r["name"]: r["setting"] for r in rows if r["name"] not in NOT_COPIED}
    return captured, options
