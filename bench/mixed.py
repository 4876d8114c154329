"""`make load`: reads, searches, exports and editors' writes from 64 clients at once, for 60 s,
against `parley serve` on loopback; then every write is accounted for.

A write answered 2xx must be in the database, in its revisions and in the change feed; one
answered 4xx must have left nothing; one answered 503 is retried with its Idempotency-Key until
it settles. Any 500 fails the run, as does any lost write.

Usage: python -m bench.mixed   (LOAD_CLIENTS, LOAD_SECONDS; DATABASE_URL's server, or an
embedded one under .data/load; a database of its own, dropped afterwards)
"""

import asyncio
import contextlib
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from sqlalchemy.engine import make_url

from app.cli import migrate, seed
from app.config import Settings
from app.db import create_engine, create_sessionmaker
from app.editorial.keys import create_key
from app.models.enums import KeyRole

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "pravda-ru-2025-05-23-prisoner-exchange"
QUOTE = "270 military personnel and 120 civilians have returned to Russia"
READS = (
    "/v1/events?limit=50",
    "/v1/timeline?limit=50",
    "/v1/events/2025-05-23-prisoner-exchange",
    "/v1/claims",
    "/v1/stats/exchanges",
    "/v1/changes?limit=50",
)
WORDS = ("exchange", "prisoners", "Istanbul", "bodies", "Ukraine", "talks", "memorandum")
EDITORS = 8
MIX = (("read", 0.45), ("search", 0.15), ("export", 0.05), ("write", 0.35))


@dataclass
class Write:
    operation: str
    slug: str
    reason: str
    idempotency_key: str | None
    status: int
    version: int | None = None
    body: dict[str, Any] = field(default_factory=dict)


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    writes: list[Write] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def note(self, kind: str, response: httpx.Response, seconds: float) -> None:
        self.latencies[kind].append(seconds)
        self.statuses[(kind, response.status_code)] += 1
        if response.status_code >= 500 and response.status_code != 503:
            self.failures.append(f"{kind} {response.request.url}: {response.status_code}")
        if response.status_code == 503 and "retry-after" not in response.headers:
            self.failures.append(f"{kind} {response.request.url}: 503 without Retry-After")


def _event(slug: str, title: str) -> dict[str, Any]:
    return {
        "slug": slug,
        "type": "statement",
        "title": title,
        "date": "2025-05-16",
        "stated_by": "kremlin",
        "citations": [{"quote": QUOTE, "source": SOURCE}],
    }


async def _timed(
    tally: Tally, kind: str, client: httpx.AsyncClient, method: str, url: str, **kw: Any
) -> httpx.Response:
    started = time.perf_counter()
    response = await client.request(method, url, **kw)
    await response.aread()
    tally.note(kind, response, time.perf_counter() - started)
    return response


async def _create(tally: Tally, client: httpx.AsyncClient, key: dict[str, str], n: str) -> None:
    slug = f"load-{n}"
    body = _event(slug, f"Load statement {n}")
    idempotency_key = uuid.uuid4().hex
    headers = key | {"Idempotency-Key": idempotency_key, "X-Edit-Reason": f"create {n}"}
    response = await _timed(
        tally, "write", client, "POST", "/v1/events", json=body, headers=headers
    )
    version = response.json().get("version") if response.status_code == 201 else None
    tally.writes.append(
        Write("create", slug, f"create {n}", idempotency_key, response.status_code, version, body)
    )


async def _update(tally: Tally, client: httpx.AsyncClient, key: dict[str, str], slug: str) -> None:
    reason = f"update {uuid.uuid4().hex[:12]}"
    current = await _timed(tally, "read", client, "GET", f"/v1/events/{slug}", headers=key)
    if current.status_code != 200:
        return
    headers = key | {"If-Match": current.headers["etag"], "X-Edit-Reason": reason}
    body = {"summary": reason}
    response = await _timed(
        tally, "write", client, "PATCH", f"/v1/events/{slug}", json=body, headers=headers
    )
    version = response.json().get("version") if response.status_code == 200 else None
    tally.writes.append(Write("update", slug, reason, None, response.status_code, version, body))


async def _client(number: int, base: str, key: dict[str, str], until: float, tally: Tally) -> None:
    rng = random.Random(number)
    mine: list[str] = []
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        turn = 0
        while time.monotonic() < until:
            turn += 1
            kind = rng.choices([k for k, _ in MIX], [w for _, w in MIX])[0]
            if kind == "read":
                await _timed(tally, "read", client, "GET", rng.choice(READS))
            elif kind == "search":
                await _timed(tally, "search", client, "GET", f"/v1/search?q={rng.choice(WORDS)}")
            elif kind == "export":
                await _timed(tally, "export", client, "GET", "/v1/timeline?format=csv")
            elif mine and rng.random() < 0.4:
                await _update(tally, client, key, rng.choice(mine))
            else:
                before = len(tally.writes)
                await _create(tally, client, key, f"{number}-{turn}")
                written = tally.writes[before]
                if written.status == 201:
                    mine.append(written.slug)


async def _settle(base: str, keys: list[dict[str, str]], tally: Tally) -> int:
    """Retries every create answered 503 with its Idempotency-Key; returns how many."""
    unsettled = [w for w in tally.writes if w.operation == "create" and w.status == 503]
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        for write in unsettled:
            number = int(write.slug.split("-")[1])
            headers = keys[number % len(keys)] | {
                "Idempotency-Key": write.idempotency_key or "",
                "X-Edit-Reason": write.reason,
            }
            for _ in range(20):
                response = await client.post("/v1/events", json=write.body, headers=headers)
                if response.status_code != 503:
                    break
                await asyncio.sleep(float(response.headers.get("retry-after", "1")))
            write.status = response.status_code
            write.version = response.json().get("version") if response.status_code == 201 else None
    return len(unsettled)


async def _lost(url: str, tally: Tally) -> list[str]:
    """Writes whose answer the database does not bear out."""
    connection = await asyncpg.connect(url)
    lost = []
    try:
        for w in tally.writes:
            revision = await connection.fetchval(
                "SELECT r.entity_version FROM revisions r JOIN events e ON r.entity_type = 'event' "
                "AND r.entity_id = e.id WHERE e.slug = $1 AND r.reason = $2",
                w.slug,
                w.reason,
            )
            change = await connection.fetchval(
                "SELECT count(*) FROM changes WHERE kind = 'event' AND slug = $1 AND version = $2",
                w.slug,
                w.version,
            )
            answered = 200 <= w.status < 300
            if answered and (revision != w.version or change != 1):
                lost.append(f"{w.operation} {w.slug} v{w.version}: answered {w.status}, not stored")
            if 400 <= w.status < 500 and revision is not None:
                lost.append(f"{w.operation} {w.slug}: answered {w.status}, yet stored")
    finally:
        await connection.close()
    return lost


@contextlib.asynccontextmanager
async def _database() -> AsyncIterator[str]:
    """A database of the run's own on DATABASE_URL's server (or an embedded one)."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        from app.embedded import start_embedded

        _server, url = start_embedded(ROOT / ".data" / "load" / "pg")
    admin = make_url(url).set(drivername="postgresql")
    name = f"parley_load_{uuid.uuid4().hex[:8]}"
    connection = await asyncpg.connect(admin.render_as_string(hide_password=False))
    await connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.close()


async def _keys(url: str) -> list[dict[str, str]]:
    engine = create_engine(Settings(database_url=url), url)
    try:
        async with create_sessionmaker(engine)() as session:
            keys = [
                await create_key(session, name=f"load-{n}", role=KeyRole.editor)
                for n in range(EDITORS)
            ]
            await session.commit()
    finally:
        await engine.dispose()
    return [{"Authorization": f"Bearer {k}"} for k in keys]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _serve(url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    environment = os.environ | {
        "DATABASE_URL": url,
        "PARLEY_PORT": str(port),
        "PARLEY_LOG_LEVEL": "warning",
    }
    process = subprocess.Popen(  # noqa: ASYNC220 (it runs beside the loop; nothing waits on it)
        [sys.executable, "-m", "app.cli", "serve"],
        env=environment,
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    async with httpx.AsyncClient(base_url=base) as client:
        for _ in range(300):
            with contextlib.suppress(httpx.TransportError):
                if (await client.get("/readyz")).status_code == 200:
                    return process, base
            await asyncio.sleep(0.1)
    process.kill()
    raise RuntimeError("parley serve did not start")


def _report(tally: Tally, seconds: float, clients: int, retried: int, lost: list[str]) -> None:
    total = sum(tally.statuses.values())
    print(f"\n{clients} clients, {seconds:.0f} s: {total} requests, {total / seconds:.0f} a second")
    print(f"{'kind':8} {'requests':>9} {'p50 ms':>8} {'p99 ms':>8}  statuses")
    for kind, latencies in sorted(tally.latencies.items()):
        ordered = sorted(latencies)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        statuses = ", ".join(
            f"{status}: {n}" for (k, status), n in sorted(tally.statuses.items()) if k == kind
        )
        print(
            f"{kind:8} {len(ordered):9} {statistics.median(ordered) * 1000:8.1f} "
            f"{p99 * 1000:8.1f}  {statuses}"
        )
    answered = Counter(
        (w.operation, "2xx" if 200 <= w.status < 300 else str(w.status)) for w in tally.writes
    )
    by_answer = ", ".join(f"{op} {status}: {n}" for (op, status), n in sorted(answered.items()))
    print(f"writes: {by_answer}")
    print(f"503s retried with their Idempotency-Key: {retried}")
    print(f"server errors (500s): {len(tally.failures)}")
    print(f"lost writes: {len(lost)}")
    for line in (tally.failures + lost)[:20]:
        print("  " + line)


async def run(clients: int, seconds: float) -> int:
    async with _database() as url:
        await asyncio.to_thread(migrate, url)
        if await asyncio.to_thread(seed, Settings(database_url=url), url, dry_run=False):
            return 1
        keys = await _keys(url)
        process, base = await _serve(url)
        tally = Tally()
        try:
            until = time.monotonic() + seconds
            await asyncio.gather(
                *(_client(n, base, keys[n % EDITORS], until, tally) for n in range(clients))
            )
            retried = await _settle(base, keys, tally)
        finally:
            process.terminate()
            process.wait(timeout=30)
        lost = await _lost(url, tally)
    _report(tally, seconds, clients, retried, lost)
    return 1 if tally.failures or lost else 0


def main() -> int:
    clients = int(os.environ.get("LOAD_CLIENTS", "64"))
    seconds = float(os.environ.get("LOAD_SECONDS", "60"))
    return asyncio.run(run(clients, seconds))


if __name__ == "__main__":
    sys.exit(main())
