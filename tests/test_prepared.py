"""Hot reads: compiled once per statement, run on the session's connection, failures mapped to
the errors the app answers as problems."""

import pytest
from sqlalchemy import bindparam, func, literal_column, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from app import prepared
from app.events.service import KEYSET
from app.models import Event
from app.sqljson import one_of


def test_a_statement_is_compiled_once_and_takes_its_values_by_name() -> None:
    statement = select(Event.id).where(
        one_of(Event.type, "type"), Event.date_start >= bindparam("since")
    )
    first = prepared.compiled(statement)
    assert prepared.compiled(statement) is first
    assert first.arguments({"since": "2025-01-01", "type": ["prisoner_exchange"]}) == [
        ["prisoner_exchange"],
        "2025-01-01",
    ]


def test_lists_are_bound_as_arrays_not_expanded_into_the_sql() -> None:
    expanded = select(Event.id).where(Event.type.in_(["prisoner_exchange", "negotiation_round"]))
    with pytest.raises(ValueError, match="arrays"):
        prepared.compiled(expanded)


async def test_rows_come_from_the_sessions_own_transaction(session: AsyncSession) -> None:
    await session.execute(select(func.set_config("parley.probe", "seen", True)))
    probe = select(func.current_setting("parley.probe"), bindparam("n") + literal_column("1"))
    assert [tuple(row) for row in await prepared.fetch(session, probe, {"n": 41})] == [("seen", 42)]


async def test_a_database_error_is_one_the_app_answers(session: AsyncSession) -> None:
    statement = select(literal_column("1") / bindparam("zero"))
    with pytest.raises(DBAPIError) as raised:
        await prepared.fetch(session, statement, {"zero": 0})
    assert getattr(raised.value.orig, "sqlstate", None) == "22012"


async def outdated_composite(session: AsyncSession) -> str:
    """A statement whose type the driver has cached in an older shape: it loses track of the
    reply, as it can when a server goes away mid-reply."""
    await session.execute(text("CREATE TYPE pg_temp.probe AS (a int)"))
    await session.execute(text("SELECT CAST(ROW(1) AS pg_temp.probe)"))
    await session.execute(text("ALTER TYPE pg_temp.probe ADD ATTRIBUTE b int"))
    return "SELECT CAST(ROW(1, 2) AS pg_temp.probe)"


@pytest.mark.parametrize("path", ["prepared", "session"])
async def test_a_driver_that_lost_track_discards_its_connection(
    session: AsyncSession, path: str
) -> None:
    statement = await outdated_composite(session)
    run = (
        prepared.fetch(session, select(literal_column(statement[7:])), {})
        if path == "prepared"
        else session.execute(text(statement))
    )
    with pytest.raises(DBAPIError) as raised:
        await run
    assert raised.value.connection_invalidated


def test_a_page_statement_is_keyset_paged_with_bound_keys() -> None:
    page = KEYSET.paged(select(Event.date_start, Event.id), after=True)
    form = prepared.compiled(page)
    assert set(form.names) >= {"after_0", "after_1", "limit"}
