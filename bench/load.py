"""`make bench`: Parley's hot endpoints under wrk, uncached and with a warm response cache, beside
references measured in the same run on the same data: pgbench on the statements Parley runs for
the first pages, a lean FastAPI + asyncpg handler serving those pages, and a bare FastAPI floor
serving their bytes. Raw results go to bench/runs/, what each run ran to bench/results/, the
tables to bench/RESULTS.md.

Usage: python -m bench.load   (DATABASE_URL, or the embedded server under PARLEY_DATA_DIR,
default .data/bench; BENCH_* settings in bench/config.py)
"""

import asyncio
import base64
import datetime as dt
import json
import os
import signal
import sys
from collections import Counter
from collections.abc import Set as AbstractSet
from contextlib import AbstractContextManager
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import asyncpg
import httpx

from app.cli import database_url
from app.config import get_settings
from bench import capture, endpoints, floor, lean, machine, pgbench, plans, report, servers, wrk
from bench.config import BenchSettings
from bench.results import (
    FLOOR,
    LEAN,
    PARLEY,
    PGBENCH,
    RESULTS_DIR,
    UNCACHED,
    WARM,
    Endpoint,
    Measurement,
    PeakRss,
    Round,
    Run,
    save,
)
from bench.statements import to_json

FIRST_PAGES = endpoints.FIRST_PAGES
BUSY_SESSIONS = (
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
    "AND backend_type = 'client backend' AND state <> 'idle' AND pid <> pg_backend_pid()"
)


class LoadRun:
    def __init__(
        self,
        run: Run,
        settings: BenchSettings,
        url: str,
        captures: dict[str, capture.Capture],
        options: dict[str, str],
        work: Path,
    ) -> None:
        self.run = run
        self.settings = settings
        self.url = url
        self.captures = captures
        self.options = options
        self.work = work
        self.bodies: dict[str, bytes] = {}
        """Each first page as Parley served it, by family."""

    def all(self, survey: endpoints.Survey) -> None:
        measured_pgbench = False
        for workers in self.settings.workers:
            with self.parley(UNCACHED, workers) as server:
                if not self.run.endpoints:
                    with httpx.Client(base_url=server.base_url, timeout=60) as client:
                        self.run.endpoints = endpoints.endpoints(survey, client)
                    self.keep_first_pages(server)
                    self.explain()
                first_pages = {self.first_page(family).name for family in FIRST_PAGES}
                self.measure_parley(server, UNCACHED, workers, skip=first_pages)
                self.measure_lean_beside(server, workers)
                self.note_rss(server, PARLEY, UNCACHED, workers)
            self.note_log(server)
            self.measure_floor(workers)
            if not measured_pgbench:
                self.measure_pgbench(int(survey.server_version.split(".")[0]))
                measured_pgbench = True
            with self.parley(WARM, workers) as server:
                self.measure_parley(server, WARM, workers)
                self.note_rss(server, PARLEY, WARM, workers)
            self.note_log(server)

    def explain(self) -> None:
        bodies = [e for e in self.run.endpoints if e.status == 200]
        self.run.plans = asyncio.run(plans.explain(self.url, bodies))
        for plan in self.run.plans:
            (self.work / f"plan-{plan.endpoint.replace(' ', '-')}.txt").write_text(plan.text)
            for finding in plan.findings:
                self.run.notes.append(f"plan of {plan.endpoint}: {finding}")

    def parley(self, mode: str, workers: int) -> AbstractContextManager[servers.Server]:
        port = servers.free_port()
        env = {
            **os.environ,
            "DATABASE_URL": self.url,
            "PORT": str(port),
            "PARLEY_HOST": servers.HOST,
            "PARLEY_WORKERS": str(workers),
            "PARLEY_SEED_ON_RUN": "false",
            "PARLEY_CACHE_MB": "0" if mode == UNCACHED else str(self.settings.cache_mb),
            "PARLEY_LOG_LEVEL": "warning",
        }
        log = self.work / f"parley-{mode.replace(' ', '-')}-{workers}w.log"
        argv = [sys.executable, "-m", "app.cli", "run"]
        return servers.running("Parley", argv, env, port, log, ready="/readyz")

    def keep_first_pages(self, server: servers.Server) -> None:
        for family, path in FIRST_PAGES.items():
            body = httpx.get(server.base_url + path, timeout=60).content
            self.bodies[family] = body
            if body != self.captures[path].body:
                self.problem(f"{path}: the server's body differs from the one read in process")

    def measure_parley(
        self,
        server: servers.Server,
        mode: str,
        workers: int,
        *,
        skip: AbstractSet[str] = frozenset(),
    ) -> None:
        for endpoint in self.run.endpoints:
            if endpoint.name not in skip:
                self.measure(endpoint, endpoint.path, [(server, PARLEY, mode)], workers)

    def note_rss(self, server: servers.Server, target: str, mode: str, workers: int) -> None:
        self.run.peak_rss.append(PeakRss(target, mode, workers, server.peak_rss_kib()))

    def measure_floor(self, workers: int) -> None:
        files = {}
        for family, body in self.bodies.items():
            file = self.work / f"body-{family}.json"
            file.write_bytes(body)
            files[_route(FIRST_PAGES[family])] = str(file)
        spec = self.work / "floor.json"
        spec.write_text(json.dumps(files))
        factory = "bench.floor:from_environment"
        with self.reference("floor", factory, floor.SPEC, spec, workers) as server:
            self.measure_references(server, FLOOR, workers)

    def measure_lean_beside(self, parley: servers.Server, workers: int) -> None:
        """The first pages from Parley (uncached) and from the lean handler, a round of each in
        turn, so that what else the machine does weighs on both alike."""
        settings = get_settings()
        pages = [
            {
                "path": _route(path),
                "statement": to_json([self.captures[path].page_statement])[0],
                "limit": int(parse_qs(urlsplit(path).query)["limit"][0]),
                "cursor_name": _cursor_name(self.bodies[family]),
            }
            for family, path in FIRST_PAGES.items()
        ]
        spec = self.work / "lean.json"
        spec.write_text(
            json.dumps(
                {
                    "dsn": self.url,
                    "min_size": settings.pool_size,
                    "max_size": settings.pool_size + settings.pool_max_overflow,
                    "server_settings": self.options,
                    "pages": pages,
                },
                indent=1,
            )
        )
        factory = "bench.lean:from_environment"
        with self.reference("lean", factory, lean.SPEC, spec, workers) as server:
            for family, path in FIRST_PAGES.items():
                targets = [(parley, PARLEY, UNCACHED)]
                if self.serves_the_same(server, LEAN, family, workers):
                    targets.append((server, LEAN, LEAN))
                rounds = self.settings.in_turn_rounds
                self.measure(self.first_page(family), path, targets, workers, rounds)
            self.note_rss(server, LEAN, LEAN, workers)

    def reference(
        self, name: str, factory: str, variable: str, spec: Path, workers: int
    ) -> AbstractContextManager[servers.Server]:
        port = servers.free_port()
        argv = servers.uvicorn_command(factory, port, workers)
        env = {**os.environ, variable: str(spec)}
        log = self.work / f"{name}-{workers}w.log"
        return servers.running(name, argv, env, port, log, ready=_route(FIRST_PAGES["events"]))

    def measure_references(self, server: servers.Server, target: str, workers: int) -> None:
        for family, path in FIRST_PAGES.items():
            if self.serves_the_same(server, target, family, workers):
                self.measure(self.first_page(family), path, [(server, target, target)], workers)
        self.note_rss(server, target, target, workers)

    def serves_the_same(
        self, server: servers.Server, target: str, family: str, workers: int
    ) -> bool:
        """Whether a reference serves the first page Parley served, byte for byte; if not, it
        is noted and not measured."""
        path = FIRST_PAGES[family]
        served = httpx.get(server.base_url + path, timeout=60).content
        if served == self.bodies[family]:
            return True
        (self.work / f"{target}-{family}-differs.json").write_bytes(served)
        self.problem(f"{target}'s {path} differs from Parley's byte for byte; not measured")
        self.run.measurements.append(
            Measurement(self.first_page(family).name, target, target, workers, note="body differs")
        )
        return False

    def measure_pgbench(self, server_major: int) -> None:
        binary = pgbench.find_binary(server_major)
        self.run.versions["pgbench"] = pgbench.version(binary)
        s = self.settings
        for family, path in FIRST_PAGES.items():
            script, variables = pgbench.script(self.captures[path].statements)
            script_path = self.work / f"pgbench-{family}.sql"
            script_path.write_text(script)
            (self.work / f"pgbench-{family}.vars.json").write_text(json.dumps(variables, indent=1))
            m = Measurement(self.first_page(family).name, PGBENCH, PGBENCH, None)
            self.run.measurements.append(m)
            self.pgbench_round(binary, script_path, variables, s.warmup)
            for number in range(1, s.rounds + 1):
                m.rounds.append(self.pgbench_round(binary, script_path, variables, s.seconds))
                _progress(m, number, s.rounds)
            self.settle(m)

    def pgbench_round(
        self, binary: str, script_path: Path, variables: dict[str, str], seconds: int
    ) -> Round:
        return pgbench.run(
            binary,
            script_path,
            variables,
            self.url,
            seconds=seconds,
            clients=self.settings.pgbench_clients,
            threads=self.settings.pgbench_threads,
            options=self.options,
        )

    def measure(
        self,
        endpoint: Endpoint,
        path: str,
        targets: list[tuple[servers.Server, str, str]],
        workers: int,
        rounds: int | None = None,
    ) -> None:
        """`path` on each of `targets` (a server, its target and mode): a warm-up each, then
        their rounds in turn (`rounds`, or the settings')."""
        s = self.settings
        rounds = rounds or s.rounds
        measurements = []
        for _, target, mode in targets:
            measurements.append(Measurement(endpoint.name, target, mode, workers))
            self.run.measurements.append(measurements[-1])

        def once(server: servers.Server, seconds: int) -> Round:
            return wrk.run(
                server.base_url + path,
                seconds=seconds,
                connections=s.connections,
                threads=s.threads,
                headers=endpoint.headers,
            )

        for server, _, _ in targets:
            once(server, s.warmup)
        for number in range(1, rounds + 1):
            for (server, _, _), m in zip(targets, measurements, strict=True):
                m.rounds.append(once(server, s.seconds))
                _progress(m, number, rounds)
        for m in measurements:
            self.settle(m)

    def settle(self, m: Measurement) -> None:
        """Checks the rounds, then waits for the backlog they leave in the database to drain,
        so that it does not weigh on the next measurement."""
        if any(r.requests == 0 for r in m.rounds):
            self.problem(f"{m.target} {m.mode}, {m.endpoint}: a round completed no request")
        if not asyncio.run(_database_idle(self.url)):
            self.run.notes.append(f"the database was still busy a minute after {m.endpoint}")

    def note_log(self, server: servers.Server) -> None:
        """What a server logged at WARNING or above, counted, with its most frequent line."""
        lines = [
            line.split(":", 2)[-1].strip()
            for line in server.log.read_text(errors="replace").splitlines()
            if line.startswith(("WARNING", "ERROR", "CRITICAL"))
        ]
        if lines:
            common, count = Counter(lines).most_common(1)[0]
            self.problem(
                f"{server.log.name}: {len(lines)} warnings or errors logged, "
                f"{count} of them: {common[:200]}"
            )

    def first_page(self, family: str) -> Endpoint:
        return next(e for e in self.run.endpoints if e.path == FIRST_PAGES[family])

    def problem(self, text: str) -> None:
        self.run.problems.append(text)
        print(f"PROBLEM: {text}", flush=True)


async def _database_idle(url: str, seconds: float = 60) -> bool:
    """Whether, within `seconds`, no other session of the database is inside a statement or a
    transaction (twice in a row, a fifth of a second apart)."""
    connection = await asyncpg.connect(url)
    try:
        quiet = 0
        deadline = asyncio.get_running_loop().time() + seconds
        while asyncio.get_running_loop().time() < deadline:
            busy = await connection.fetchval(BUSY_SESSIONS)
            quiet = quiet + 1 if busy == 0 else 0
            if quiet == 2:
                return True
            await asyncio.sleep(0.2)
        return False
    finally:
        await connection.close()


def _route(path: str) -> str:
    return urlsplit(path).path


def _cursor_name(body: bytes) -> str | None:
    """The keyset name a page's `next_cursor` carries (base64 of `[name, *keys]`)."""
    cursor = json.loads(body)["next_cursor"]
    if cursor is None:
        return None
    name: str = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))[0]
    return name


def _progress(m: Measurement, number: int, rounds: int) -> None:
    r = m.rounds[-1]
    workers = "" if m.workers is None else f" {m.workers}w"
    if r.p50_ms is not None and r.p99_ms is not None:
        latency = f"p50 {r.p50_ms:.1f} ms, p99 {r.p99_ms:.1f} ms"
    else:
        latency = "mean " + ("—" if r.mean_ms is None else f"{r.mean_ms:.1f} ms")
    errors = f", {r.errors} ERRORS" if r.errors else ""
    print(
        f"{m.target} {m.mode}{workers} | {m.endpoint} | round {number}/{rounds}: "
        f"{r.rate:,.0f}/s, {latency}{errors}",
        flush=True,
    )


def _stop(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def main() -> int:
    # A SIGTERM or SIGHUP unwinds like Ctrl-C, so every server started is stopped on the way out.
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGHUP, _stop)
    command = machine.command(os.environ)
    os.environ.setdefault("PARLEY_DATA_DIR", ".data/bench")
    get_settings.cache_clear()  # importing the app read the settings before that default
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    wrk.ensure_installed()
    parley_settings = get_settings()
    kind = "server" if parley_settings.database_url else "embedded"
    url = database_url(parley_settings)
    settings = BenchSettings.from_environment(
        os.environ, default_workers=parley_settings.workers, cache_mb=parley_settings.cache_mb
    )
    survey = asyncio.run(endpoints.survey(url))
    major = survey.server_version.split(".")[0]
    print(
        f"{kind} PostgreSQL {survey.server_version}: {survey.events:,} events, "
        f"{survey.claims:,} claims, {survey.outcomes:,} outcomes",
        flush=True,
    )
    captures, options = asyncio.run(capture.capture(url, list(FIRST_PAGES.values())))
    run = Run(
        started_at=started,
        command=command,
        machine=machine.machine(),
        versions=machine.versions() | {"postgresql": survey.server_version, "wrk": wrk.version()},
        database={
            "kind": kind,
            "version": survey.server_version,
            "label": f"{kind} PostgreSQL {major}",
        },
        scale=survey.scale,
        settings=settings.as_dict(),
    )
    if survey.unanalyzed:
        run.notes.append(
            "never analyzed, so planned on default estimates: " + ", ".join(survey.unanalyzed)
        )
    work = RESULTS_DIR / started.replace(":", "").replace("-", "")
    work.mkdir(parents=True, exist_ok=True)
    complete = False
    try:
        LoadRun(run, settings, url, captures, options, work).all(survey)
        complete = True
    finally:
        kept = save(run, complete=complete)
        print(f"\nraw results: {kept}; logs, scripts and bodies: {work}/")
    print("\n" + report.run_text(run))
    print(f"\nwrote {report.write()}")
    if run.errors or run.problems:
        failed = [m for m in run.measurements if m.errors]
        print("\n" + "!" * 78)
        print(f"!! THIS RUN IS NOT CLEAN: {run.errors} errors, {len(run.problems)} problems")
        for m in failed:
            print(f"!!   {m.errors} errors: {m.target} {m.mode} {m.workers}w, {m.endpoint}")
        for text in run.problems:
            print(f"!!   {text}")
        print("!" * 78)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
