"""Two `parley serve` processes behind a local pgbouncer in transaction mode.

Debian's pgbouncer (1.18) keeps no prepared statements across server connections, so Parley
runs with `PARLEY_DATABASE_POOLER=transaction`. The pool is kept smaller than the processes'
own, so that the two processes' transactions take turns on the same server connections.
"""

import asyncio
import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Literal

import asyncpg
import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from app.config import Settings
from app.db import attach, create_engine, server_settings
from app.main import create_app
from tests.dbserver import PgServer, alembic, in_thread
from tests.editorial import desk
from tests.required import unavailable
from tests.serving import Process, free_port

SERVER_CONNECTIONS = 2
TRACKED = {"application_name", "client_encoding", "datestyle", "timezone"}
"""Startup parameters pgbouncer keeps per client; any other it refuses unless ignored."""


def pgbouncer_binary() -> str:
    found = shutil.which("pgbouncer") or shutil.which("pgbouncer", path="/usr/sbin")
    if found is None:
        unavailable("pgbouncer is missing", install="make pgbouncer")
    return found


@pytest.fixture(scope="module")
def newsroom(pg_server: PgServer) -> Iterator[tuple[str, dict[str, str]]]:
    """A migrated database of the test's own, with a newsroom; its URL and an editor's key."""
    name = pg_server.create_database("parley_pooler")
    url = pg_server.url_for(name)
    alembic("upgrade", url, "head")

    key = desk.newsroom_at(url, editor="pooler-editor")
    yield url, {"Authorization": f"Bearer {key}"}
    pg_server.drop_database(name)


@contextlib.contextmanager
def pgbouncer(url: str) -> Iterator[str]:
    """pgbouncer in transaction mode in front of `url`'s database; yields the URL through it."""
    binary = pgbouncer_binary()
    target = make_url(url)
    host = target.host or (target.query.get("host") or "")
    assert isinstance(host, str) and host, f"no host in {url}"
    port = free_port()
    ignored = ",".join(sorted(set(server_settings(Settings())) - TRACKED))
    with tempfile.TemporaryDirectory(prefix="parley-pgbouncer-") as folder:
        work = Path(folder)
        work.chmod(0o755)
        (work / "users.txt").write_text(f'"{target.username}" ""\n')
        password = f" password={target.password}" if target.password else ""
        config = work / "pgbouncer.ini"
        config.write_text(
            "[databases]\n"
            f"parley = host={host} port={target.port or 5432} dbname={target.database} "
            f"user={target.username}{password}\n"
            "[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n"
            f"auth_type = trust\nauth_file = {work / 'users.txt'}\n"
            "pool_mode = transaction\n"
            f"default_pool_size = {SERVER_CONNECTIONS}\nmax_client_conn = 200\n"
            f"ignore_startup_parameters = {ignored}\n"
        )
        for file in work.iterdir():
            file.chmod(0o644)
        log = (work / "pgbouncer.log").open("wb")
        as_user = ["-u", _owner(host)] if os.geteuid() == 0 else []
        process = subprocess.Popen([binary, *as_user, str(config)], stdout=log, stderr=log)
        try:
            pooled = f"postgresql://{target.username}@127.0.0.1:{port}/parley"
            in_thread(lambda: asyncio.run(_answering(pooled, process)))
            yield pooled
        finally:
            process.terminate()
            process.wait(timeout=10)
            log.close()
            print((work / "pgbouncer.log").read_text(errors="replace")[-4000:])


def _owner(host: str) -> str:
    """Whom pgbouncer, refusing to run as root, runs as: the owner of a socket's folder, which
    alone may reach it (the embedded server's), or nobody."""
    return pwd.getpwuid(Path(host).stat().st_uid).pw_name if host.startswith("/") else "nobody"


async def _answering(url: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(30):
        if process.poll() is not None:
            raise AssertionError(f"pgbouncer exited with {process.returncode}")
        with contextlib.suppress(OSError, asyncpg.PostgresError):
            connection = await asyncpg.connect(url, statement_cache_size=0, timeout=1)
            await connection.close()
            return
        await asyncio.sleep(0.1)
    raise AssertionError("pgbouncer never answered")


@contextlib.asynccontextmanager
async def two_processes(
    url: str, **environment: str
) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient]]:
    processes = [
        Process(url, PARLEY_DATABASE_POOLER="transaction", **environment) for _ in range(2)
    ]
    try:
        await asyncio.gather(*(process.ready() for process in processes))
        async with (
            httpx.AsyncClient(base_url=processes[0].base_url, timeout=30) as first,
            httpx.AsyncClient(base_url=processes[1].base_url, timeout=30) as second,
        ):
            yield first, second
    finally:
        for process in processes:
            process.stop()


READS = (
    "/v1/events",
    "/v1/events?type=prisoner_exchange",
    "/v1/timeline",
    "/v1/timeline?record=event&sort=asc",
    "/v1/search?q=servicemen",
    "/v1/stats/exchanges",
)


async def test_a_write_through_one_process_is_read_through_the_other_at_once(
    newsroom: tuple[str, dict[str, str]],
) -> None:
    url, editor = newsroom
    slug = f"pooled-{uuid.uuid4().hex[:8]}"
    with pgbouncer(url) as pooled:
        async with two_processes(pooled) as (first, second):
            for client in (first, second):  # each process's cache holds the pages before
                for path in READS:
                    assert (await client.get(path)).status_code == 200, path

            await desk.create(first, editor, "/v1/events", desk.event_body(slug))
            await desk.publish(first, editor, f"/v1/events/{slug}")

            page = await second.get("/v1/events")
            assert slug in [item["slug"] for item in page.json()["items"]]
            filtered = await second.get("/v1/events?type=prisoner_exchange")
            assert slug in [item["slug"] for item in filtered.json()["items"]]
            assert (await second.get(f"/v1/events/{slug}")).status_code == 200

            current = await second.get(f"/v1/events/{slug}", headers=editor)
            corrected = await second.patch(
                f"/v1/events/{slug}",
                json={"title": "Exchange: 270 servicemen return, the ministry says"},
                headers={
                    **editor,
                    "If-Match": current.headers["etag"],
                    "X-Edit-Reason": "shorter title",
                    "X-Correction-Note": "The title no longer names the side.",
                },
            )
            assert corrected.status_code == 200, corrected.text

            detail = await first.get(f"/v1/events/{slug}")
            assert detail.json()["title"] == "Exchange: 270 servicemen return, the ministry says"
            [item] = [
                i for i in (await first.get("/v1/events")).json()["items"] if i["slug"] == slug
            ]
            assert item["title"] == detail.json()["title"]


async def test_reads_from_both_processes_share_the_server_connections_without_error(
    newsroom: tuple[str, dict[str, str]],
) -> None:
    url, _ = newsroom
    with pgbouncer(url) as pooled:
        async with two_processes(pooled, PARLEY_CACHE_MB="0") as (first, second):
            answers = await asyncio.gather(
                *(
                    client.get(path)
                    for _ in range(10)
                    for client in (first, second)
                    for path in READS
                )
            )
            direct = await asyncpg.connect(url)
            try:
                server_connections = await direct.fetchval(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            finally:
                await direct.close()

    assert [a.status_code for a in answers] == [200] * len(answers), [
        a.text for a in answers if a.status_code != 200
    ][:3]
    assert server_connections <= SERVER_CONNECTIONS


@pytest.mark.parametrize("pooler", ["transaction", "none"])
async def test_through_a_transaction_pooler_no_statement_stays_prepared(
    database_url: str, pooler: Literal["transaction", "none"]
) -> None:
    settings = Settings(database_url=database_url, database_pooler=pooler, cache_mb=0)
    engine = create_engine(settings.model_copy(update={"pool_size": 1}), database_url)
    app = create_app(settings)
    attach(app, engine)
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://parley.test") as client:
            for path in READS:
                assert (await client.get(path)).status_code == 200, path
        async with engine.connect() as connection:  # the one the reads ran on
            prepared = (
                await connection.execute(text("SELECT count(*) FROM pg_prepared_statements"))
            ).scalar_one()
    finally:
        await app.state.announcements.close()
        await engine.dispose()

    if pooler == "transaction":
        assert prepared == 0
    else:
        assert prepared > 0
