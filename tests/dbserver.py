"""Throwaway databases for the test run: on `DATABASE_URL`'s server, else an embedded one."""

import asyncio
import os
import tempfile
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
from sqlalchemy.engine import make_url

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent


def in_thread(fn: Callable[[], T]) -> T:
    """Run `fn` in its own thread, clear of the tests' event loop (it may run a loop of its own)."""
    result: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            result.append(fn())
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return result[0]


class PgServer:
    """A PostgreSQL server the run may create and drop databases on."""

    def __init__(self) -> None:
        self._embedded: Any = None
        url = os.environ.get("DATABASE_URL")
        if not url:
            from app.embedded import start_embedded

            data = Path(tempfile.mkdtemp(prefix="parley-test-pg-"))
            self._embedded, url = start_embedded(data, cleanup="delete")
        self.admin_url = make_url(url)

    def _dsn(self, database: str) -> str:
        url = self.admin_url.set(drivername="postgresql", database=database)
        return url.render_as_string(hide_password=False)

    def url_for(self, database: str) -> str:
        return self._dsn(database)

    def create_database(self, prefix: str = "parley_test") -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        self._admin(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _admin(self, sql: str) -> None:
        async def go() -> None:
            connection = await _connect(self._dsn(self.admin_url.database or "postgres"))
            try:
                await connection.execute(sql)
            finally:
                await connection.close()

        in_thread(lambda: asyncio.run(go()))

    def close(self) -> None:
        if self._embedded is not None:
            self._embedded.cleanup()


async def _connect(dsn: str) -> asyncpg.Connection:
    url = make_url(dsn)
    return await asyncpg.connect(
        user=url.username,
        password=url.password or None,
        host=url.query.get("host") or url.host,
        port=url.port,
        database=url.database,
    )


def alembic_config(url: str) -> Any:
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["url"] = url
    return config


def alembic(command_name: str, url: str, *args: str) -> None:
    """Run an alembic command against `url` (alembic's env runs its own loop, so in a thread)."""
    from alembic import command

    config = alembic_config(url)
    in_thread(lambda: getattr(command, command_name)(config, *args))
