"""Migrations upgrade, downgrade and upgrade again, and agree with the models."""

import asyncio
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, inspect, text
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


OLD_ROWS = [
    "INSERT INTO actors (slug, name, kind) VALUES ('ukraine', 'Ukraine', 'state')",
    "INSERT INTO places (slug, name, kind, iso_code) VALUES ('kursk', 'Kursk', 'region', 'RU-KRS')",
    "INSERT INTO negotiations (slug, title, format, phase, date, date_start, date_end,"
    " date_precision, status) VALUES ('talks', 'Talks', 'direct', 'ongoing', '2022-23',"
    " '2022-09-01', '2022-11-30', 'season', 'published')",
    "INSERT INTO events (slug, type, title, date, date_start, date_end, date_precision, status,"
    " place_id) VALUES"
    " ('late', 'prisoner_exchange', 'Late', '2025-05-23', '2025-05-23', '2025-05-23', 'day',"
    " 'published', (SELECT id FROM places)),"
    " ('early', 'prisoner_exchange', 'Early', '2024~', '2024-01-01', '2024-12-31', 'year',"
    " 'published', NULL)",
    "INSERT INTO quantities (event_id, category, recipient_id, value, is_best)"
    " SELECT e.id, c.category, a.id, c.value, true FROM events e, actors a,"
    " (VALUES ('military', 270), ('civilians', 120), ('people', 390)) AS c(category, value)"
    " WHERE e.slug = 'late'",
    "INSERT INTO outcomes (negotiation_id, slug, kind, description)"
    " SELECT id, 'agreed', 'agreed', 'An exchange' FROM negotiations",
    "INSERT INTO outcome_events (outcome_id, event_id) SELECT o.id, e.id FROM outcomes o, events e",
]


def _rows(url: str, sql: str) -> list[tuple[object, ...]]:
    return _inspect(url, lambda connection: [tuple(r) for r in connection.execute(text(sql))])


def test_existing_rows_are_carried_into_the_curation_model(fresh_url: str) -> None:
    alembic("upgrade", fresh_url, "0002")

    def fill(connection: Connection) -> None:
        for statement in OLD_ROWS:
            connection.execute(text(statement))
        connection.commit()

    _inspect(fresh_url, fill)
    alembic("upgrade", fresh_url, "head")

    assert _rows(fresh_url, "SELECT slug, date_label FROM events ORDER BY slug") == [
        ("early", "about 2024"),
        ("late", "23 May 2025"),
    ]
    assert _rows(fresh_url, "SELECT role FROM event_places") == [("location",)]
    figures = _rows(
        fresh_url, "SELECT category, is_best, total_of FROM quantities ORDER BY category"
    )
    assert figures == [
        ("civilians", True, []),
        ("military", True, []),
        ("people", False, ["civilians", "military"]),
    ]
    assert _rows(fresh_url, "SELECT date, date_label FROM outcomes") == [("2022-23", "autumn 2022")]
    stages = "SELECT e.slug, s.stage FROM outcome_events s JOIN events e ON e.id = s.event_id"
    assert sorted(_rows(fresh_url, stages)) == [("early", 1), ("late", 2)]

    alembic("downgrade", fresh_url, "0002")
    assert _rows(fresh_url, "SELECT count(*) FROM events WHERE place_id IS NOT NULL") == [(1,)]
