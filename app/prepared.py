"""Hot reads: statements built once for their shape, compiled once, and run on the session's
own asyncpg connection, so a page costs one round trip and little Python.

SQLAlchemy still writes every statement. Running one through the session would look its
compiled form up again on each request by a key as large as the statement (a page of nested
JSON is hundreds of nodes), which costs more than PostgreSQL spends on many pages.
"""

import asyncio
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import asyncpg
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
from sqlalchemy.pool import PoolProxiedConnection
from sqlalchemy.util import greenlet_spawn

from app.sqljson import AnySelect

Reader = AsyncSession | AsyncConnection | PoolProxiedConnection
"""Where a hot read runs: a request's session, a connection, or one taken from the engine's
pool as it is (`pooled`)."""

_DIALECT = asyncpg_dialect()  # type: ignore[no-untyped-call]
_KEPT = 2048
"""Statements compiled at most: the shapes the services cache, with room to spare."""


@dataclass(frozen=True)
class Compiled:
    sql: str
    names: tuple[str, ...]
    """The bound parameters' names, in the order of `$1`, `$2`, …"""
    fixed: Mapping[str, Any]
    """The values the statement itself carries (its literals)."""

    def arguments(self, values: Mapping[str, Any]) -> list[Any]:
        return [values[name] if name in values else self.fixed[name] for name in self.names]


_compiled: dict[int, tuple[AnySelect, Compiled]] = {}


def compiled(statement: AnySelect) -> Compiled:
    """`statement` as SQL for asyncpg, compiled on its first use."""
    kept = _compiled.get(id(statement))
    if kept is not None and kept[0] is statement:
        return kept[1]
    form = statement.compile(dialect=_DIALECT)
    fixed = form.construct_params(_check=False)
    if "POSTCOMPILE" in form.string:
        raise ValueError("a hot read binds lists as arrays (`one_of`), not as expanding IN")
    result = Compiled(form.string, tuple(form.positiontup or ()), fixed)
    if len(_compiled) >= _KEPT:
        _compiled.clear()
    _compiled[id(statement)] = (statement, result)
    return result


async def fetch(
    reader: Reader, statement: AnySelect, values: Mapping[str, Any]
) -> list[Sequence[Any]]:
    """The rows of `statement` with `values` bound, read on the session's connection (in its
    transaction, if it has one) or on the connection given."""
    form = compiled(statement)
    if isinstance(reader, AsyncSession):
        reader = await reader.connection()
    raw = await reader.get_raw_connection() if isinstance(reader, AsyncConnection) else reader
    driver: asyncpg.Connection = raw.driver_connection
    try:
        return list(await driver.fetch(form.sql, *form.arguments(values)))
    except asyncpg.PostgresError as exc:
        raise DBAPIError(form.sql, None, exc) from exc
    except (asyncpg.InterfaceError, asyncpg.InternalClientError, OSError) as exc:
        if isinstance(reader, AsyncConnection):
            await reader.invalidate(exc)
        else:
            await greenlet_spawn(reader.invalidate, exc)
        raise DBAPIError(form.sql, None, exc, connection_invalidated=True) from exc
    except asyncio.CancelledError:
        # Cut off mid-query (a deadline): the connection may be mid-reply, so it is not reused.
        driver.terminate()
        raise


@asynccontextmanager
async def pooled(engine: AsyncEngine) -> AsyncIterator[PoolProxiedConnection]:
    """A connection from `engine`'s pool, for hot reads alone: without the `AsyncConnection`
    and `Connection` around it (and the task that closing those starts), which cost a page
    about a tenth of a worker's CPU. It goes back to the pool as a session's would, reset."""
    dialect = engine.dialect
    try:
        connection = await engine.raw_connection()
    except dialect.loaded_dbapi.Error as exc:
        # What a session would raise (the pool hands the driver's own error on as it is).
        raise DBAPIError.instance(
            None,
            None,
            exc,
            dialect.loaded_dbapi.Error,
            connection_invalidated=dialect.is_disconnect(exc, None, None),
            dialect=dialect,
        ) from exc
    try:
        yield connection
    finally:
        await greenlet_spawn(connection.close)
