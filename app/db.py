"""Engine, sessions and the one-transaction-per-request dependency.

The transaction begins with the request's first statement run through the session; a hot read
that runs its one statement on the session's connection directly (app/prepared.py) is a
transaction of its own, and costs no `BEGIN` or `COMMIT`.

With a read replica, a public read (a GET or HEAD without a key) runs there when the replica
has replayed the primary's WAL as far as it reached when the read began, so it sees every write
answered before; otherwise on the primary. Writes and editors' reads always run on the primary.
"""

import logging
from collections.abc import AsyncIterator
from typing import Annotated

import asyncpg
from fastapi import Depends, FastAPI, Request
from sqlalchemy import event, text
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from app.cache import Snapshots
from app.config import Settings
from app.pooler import CONNECT_ARGS as THROUGH_TRANSACTION_POOLER

log = logging.getLogger(__name__)


STARTUP_LOCK = 0x7061726C6579
"""The advisory lock that migrations and the seed hold, so that processes starting together
(replicas, workers) migrate and seed one at a time."""


def async_url(url: str | URL) -> URL:
    """Any PostgreSQL URL, pointed at the asyncpg driver."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise ValueError(f"Parley speaks PostgreSQL only, not {parsed.get_backend_name()!r}")
    return parsed.set(drivername="postgresql+asyncpg")


def server_settings(settings: Settings) -> dict[str, str]:
    """What Parley sets on each of its connections when it opens them."""
    return {
        "statement_timeout": str(settings.statement_timeout_ms),
        "idle_in_transaction_session_timeout": str(settings.statement_timeout_ms * 2),
        "application_name": "parley",
        # Pages are rendered as JSON in SQL over many small subqueries; their cost
        # estimates pass jit_above_cost at scale and compiling costs far more than
        # running them (about 0.8 s a query over a million events).
        "jit": "off",
        # Prepared statements would switch to a generic plan after five runs: blind to
        # the values, it reads every match of a common word where the values' own plan
        # reads the newest few (search at 100k events: 30 req/s generic, 100+ custom,
        # the events page unchanged).
        "plan_cache_mode": "force_custom_plan",
        # The tables a page reads stay in memory, where an index lookup costs about
        # what a sequential page read does; at the default (4) the planner scans all of
        # actors and places for every event of a page instead of looking up its few
        # (the events page at 1M: 5.2 ms of PostgreSQL's time, 3.8 ms at 1.1).
        "random_page_cost": "1.1",
    }


def create_engine(settings: Settings, url: str | URL) -> AsyncEngine:
    engine = create_async_engine(
        async_url(url),
        pool_size=settings.pool_size,
        max_overflow=settings.pool_max_overflow,
        pool_timeout=settings.pool_timeout_s,
        # No pre-ping (a round trip on every checkout): a connection the server dropped fails
        # its request with a 503, is discarded, and the next request gets a fresh one.
        connect_args={
            "timeout": settings.connect_timeout_s,
            "command_timeout": settings.statement_timeout_ms / 1000 + 1,
            "server_settings": server_settings(settings),
            **(THROUGH_TRANSACTION_POOLER if settings.database_pooler == "transaction" else {}),
        },
    )
    event.listen(engine.sync_engine, "handle_error", _lost_track_is_a_disconnect)
    return engine


def _lost_track_is_a_disconnect(context: ExceptionContext) -> None:
    """A connection whose driver lost track of the protocol (a server that went away mid-reply
    can leave it so) is discarded like a dropped one, and its request answered 503."""
    if isinstance(context.original_exception.__cause__, asyncpg.InternalClientError):
        context.is_disconnect = True


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


CAUGHT_UP = text(
    "SELECT coalesce(pg_last_wal_replay_lsn() >= CAST(CAST(:lsn AS text) AS pg_lsn), "
    "NOT pg_is_in_recovery())"
)
"""On a replica, whether it has replayed up to `:lsn`; on a primary, true."""


def attach(app: FastAPI, engine: AsyncEngine, read_engine: AsyncEngine | None = None) -> None:
    """Serve `app` from `engine`, and public reads from `read_engine` when it keeps up."""
    app.state.engine = engine
    app.state.sessionmaker = create_sessionmaker(engine)
    app.state.snapshots = Snapshots.of(engine)
    app.state.read_engine = read_engine
    app.state.read_sessionmaker = create_sessionmaker(read_engine) if read_engine else None


async def _caught_up(session: AsyncSession, lsn: str) -> bool:
    """Whether the replica has replayed up to `lsn`; a replica that cannot say leaves the read
    to the primary."""
    try:
        return bool((await session.execute(CAUGHT_UP, {"lsn": lsn})).scalar_one())
    except (DBAPIError, OSError, TimeoutError) as exc:
        log.warning("read replica unavailable, reading from the primary: %s", exc)
        return False


def _public_read(request: Request) -> bool:
    return request.method in ("GET", "HEAD") and "authorization" not in request.headers


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session and one transaction per request, committed before the response is sent."""
    replica: async_sessionmaker[AsyncSession] | None = getattr(
        request.app.state, "read_sessionmaker", None
    )
    if replica is not None and _public_read(request):
        position = await request.app.state.snapshots.current()
        async with replica() as session, session.begin():
            if await _caught_up(session, position.lsn):
                request.state.snapshot = position.snapshot
                yield session
                return
    sessionmaker: async_sessionmaker[AsyncSession] = request.app.state.sessionmaker
    async with sessionmaker() as session, session.begin():
        yield session


Session = Annotated[AsyncSession, Depends(get_session, scope="function")]
