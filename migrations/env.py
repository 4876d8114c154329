"""Alembic environment: async engine, the app's metadata, one migrating process at a time, a
lock timeout on every migration."""

import asyncio

from alembic import context
from sqlalchemy import pool, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from app.db import STARTUP_LOCK, async_url
from app.models import Base

config = context.config
target_metadata = Base.metadata


def database_url() -> str:
    url = config.attributes.get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        from app.config import get_settings

        url = get_settings().database_url
    if not url:
        raise RuntimeError("No database: set DATABASE_URL or use `parley migrate`.")
    return async_url(url).render_as_string(hide_password=False)


def run_with(connection: Connection) -> None:
    # One process migrates at a time (replicas starting together wait their turn, then find
    # nothing left to do); the lock is the session's, released when the connection closes.
    connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": STARTUP_LOCK})
    connection.execute(text("SET lock_timeout = '5s'"))
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        compare_server_default=True,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_async(engine: AsyncEngine | None = None) -> None:
    own = engine is None
    engine = engine or create_async_engine(database_url(), poolclass=pool.NullPool)
    async with engine.connect() as connection:
        await connection.run_sync(run_with)
        await connection.commit()
    if own:
        await engine.dispose()


if context.is_offline_mode():
    context.configure(url=database_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    # A caller may hand over what to migrate through (pytest-alembic does): a connection, or
    # an async engine; otherwise the URL says.
    given = config.attributes.get("connection")
    if isinstance(given, Connection):
        run_with(given)
    else:
        asyncio.run(run_async(given))
