"""Migrations upgrade, downgrade and upgrade again, and agree with the models."""

import asyncio
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, inspect
from sqlalchemy.ext.asyncio import create_async_engine

from app.db import async_url
from app.models import Base
from tests.dbserver import PgServer, alembic, in_thread

T = TypeVar("T")


@pytest.fixture
def fresh_url(pg_server: PgServer) -> Iterator[str]:
    name = pg_server.create_database("parley_migrations")
    yield pg_server.url_for(name)
    pg_server.drop_database(name)


def _inspect(url: str, fn: Callable[[Connection], T]) -> T:
    async def go() -> T:
        engine = create_async_engine(async_url(url))
        try:
            async with engine.connect() as connection:
                return await connection.run_sync(fn)
        finally:
            await engine.dispose()

    return in_thread(lambda: asyncio.run(go()))


def _tables(url: str) -> set[str]:
    return _inspect(url, lambda connection: set(inspect(connection).get_table_names()))


def _differences(url: str) -> list[object]:
    def compare(connection: Connection) -> list[object]:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True}
        )
        return list(compare_metadata(context, Base.metadata))

    return _inspect(url, compare)


def test_upgrade_downgrade_upgrade_and_no_drift(fresh_url: str) -> None:
    alembic("upgrade", fresh_url, "head")
    assert set(Base.metadata.tables) <= _tables(fresh_url)

    alembic("downgrade", fresh_url, "base")
    assert _tables(fresh_url) == {"alembic_version"}

    alembic("upgrade", fresh_url, "head")
    assert _differences(fresh_url) == []
