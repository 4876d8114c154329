"""Tables of load runs: one run as text, and bench/RESULTS.md from every run kept in
bench/runs/ (the newest run of each database and scale, then curves across scales).

Usage: python -m bench.report
"""

import statistics
from collections.abc import Sequence
from pathlib import Path

from bench.results import (
    FLOOR,
    LEAN,
    PARLEY,
    PGBENCH,
    RUNS_DIR,
    UNCACHED,
    WARM,
    Endpoint,
    Measurement,
    Run,
    load_all,
)

RESULTS_MD = Path(__file__).with_name("RESULTS.md")
TARGETS_MD = Path(__file__).with_name("TARGETS.md")
"""Written by hand: each target against the runs below, and why one is not met."""
COLUMNS = (
    "endpoint",
    "mode",
    "workers",
    "req/s",
    "min-max",
    "p50 ms",
    "p99 ms",
    "vs lean",
    "vs floor",
    "pgbench tps",
    "errors",
    "body KB",
)
NUMERIC = {"workers", "req/s", "min-max", "p50 ms", "p99 ms", "vs lean", "vs floor"} | {
    "pgbench tps",
    "errors",
    "body KB",
}
NONE = "—"


def _number(value: float | None, digits: int = 0) -> str:
    return NONE if value is None else f"{value:,.{digits}f}"


def _ratio(part: float | None, whole: float | None) -> str:
    return NONE if part is None or not whole else f"{part / whole:.2f}"


def _reference(run: Run, family: str, target: str, workers: int | None) -> Measurement | None:
    names = {e.name for e in run.endpoints if e.family == family}
    for m in run.measurements:
        if m.target == target and m.endpoint in names and m.workers == workers and m.rounds:
            return m
    return None


def _row(run: Run, endpoint: Endpoint, m: Measurement, *, errors_mark: str = "{}") -> list[str]:
    family = endpoint.family
    lean = _reference(run, family, LEAN, m.workers)
    floor = _reference(run, family, FLOOR, m.workers)
    pgbench = _reference(run, family, PGBENCH, None)
    rates = m.rates
    spread = f"{min(rates):,.0f}-{max(rates):,.0f}" if rates else NONE
    compared_to_lean = m.target == PARLEY
    compared_to_floor = m.target in {PARLEY, LEAN}
    return [
        endpoint.name,
        m.mode,
        NONE if m.workers is None else str(m.workers),
        _number(m.rate) if m.rounds else m.note or NONE,
        spread,
        _number(m.p50_ms, 1),
        _number(m.p99_ms, 1),
        _ratio(m.rate, lean.rate if lean else None) if compared_to_lean else NONE,
        _ratio(m.rate, floor.rate if floor else None) if compared_to_floor else NONE,
        _number(pgbench.rate) if pgbench and m.target == PARLEY else NONE,
        _errors(m, errors_mark),
        f"{endpoint.body_bytes / 1000:,.1f}",
    ]


def _errors(m: Measurement, mark: str) -> str:
    """The errors, and the rounds in which no request completed (slower than a round)."""
    empty = sum(1 for r in m.rounds if r.requests == 0)
    if not m.errors and not empty:
        return "0"
    text = str(m.errors) + (f", {empty} empty round{'s' if empty > 1 else ''}" if empty else "")
    return mark.format(text)


def rows(run: Run, *, errors_mark: str = "{}") -> list[list[str]]:
    """For each worker count: each endpoint's Parley figures, uncached then warm, and after
    each first page its references (the lean handler, the floor, and pgbench once)."""
    table: list[list[str]] = []
    pgbench_shown: set[str] = set()
    for workers in run.settings["workers"]:
        for endpoint in run.endpoints:
            for target, mode, count in (
                (PARLEY, UNCACHED, workers),
                (PARLEY, WARM, workers),
                (LEAN, LEAN, workers),
                (FLOOR, FLOOR, workers),
                (PGBENCH, PGBENCH, None),
            ):
                m = run.find(endpoint.name, target, mode, count)
                if m is None or (target == PGBENCH and endpoint.name in pgbench_shown):
                    continue
                if target == PGBENCH:
                    pgbench_shown.add(endpoint.name)
                table.append(_row(run, endpoint, m, errors_mark=errors_mark))
    return table


def text_table(header: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        cells = [
            cell.rjust(w) if name in NUMERIC else cell.ljust(w)
            for cell, w, name in zip(row, widths, header, strict=True)
        ]
        return "  ".join(cells).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, body)])


def markdown_table(header: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    align = ["---:" if name in NUMERIC else "---" for name in header]
    lines = [header, align, *body]
    return "\n".join("| " + " | ".join(row) + " |" for row in lines)


def rss_rows(run: Run) -> list[list[str]]:
    return [
        [p.target, p.mode, str(p.workers), ", ".join(f"{k / 1024:,.0f}" for k in p.kib)]
        for p in run.peak_rss
    ]


RSS_COLUMNS = ("server", "mode", "workers", "peak RSS per worker, MiB")


def describe(run: Run) -> list[str]:
    """What a run measured, on what, with what."""
    m, s = run.machine, run.settings
    versions = ", ".join(f"{k} {v}" for k, v in run.versions.items())
    scale = ", ".join(f"{v:,} {k}" for k, v in run.scale.items())
    return [
        f"- run: {run.started_at}, `{run.command}`",
        f"- machine: {m.get('cpus')} CPUs, {m.get('cpu_model')}, {m.get('memory_gib')} GiB, "
        f"Linux {m.get('kernel')}, load average at start {m.get('load_average')}",
        f"- database: {run.database.get('kind')} PostgreSQL {run.database.get('version')}",
        f"- versions: {versions}",
        f"- scale: {scale}",
        f"- load: wrk -t{s['threads']} -c{s['connections']}, a {s['warmup']:g} s warm-up "
        f"then {s['rounds']} rounds of {s['seconds']:g} s per endpoint"
        + (
            f" ({s['in_turn_rounds']} for the first pages Parley uncached and lean, in turn)"
            if s.get("in_turn_rounds")
            else ""
        )
        + f"; pgbench -M prepared "
        f"-c{s['pgbench_clients']} -j{s['pgbench_threads']}; Parley's response cache "
        f"{s['cache_mb']} MiB when warm",
    ]


def in_turn(run: Run) -> list[str]:
    """For runs that measured Parley's uncached first pages and the lean handler's a round of
    each in turn: the ratio of each pair of rounds, and their median (what drifts on the
    machine between two rounds weighs on both; between two blocks of rounds, it need not)."""
    if not run.settings.get("first_pages_in_turn"):
        return []
    lines = []
    for workers in run.settings["workers"]:
        for family in ("events", "timeline"):
            endpoint = next((e for e in run.endpoints if e.family == family), None)
            if endpoint is None:
                continue
            parley = run.find(endpoint.name, PARLEY, UNCACHED, workers)
            lean = run.find(endpoint.name, LEAN, LEAN, workers)
            if parley is None or lean is None or len(parley.rounds) != len(lean.rounds):
                continue
            ratios = [p / q for p, q in zip(parley.rates, lean.rates, strict=True) if q]
            if ratios:
                lines.append(
                    f"{endpoint.name}, {workers} workers, uncached ÷ lean round by round: "
                    + ", ".join(f"{r:.2f}" for r in ratios)
                    + f" (median {statistics.median(ratios):.2f})"
                )
    return lines


def run_text(run: Run) -> str:
    parts = [
        "\n".join(describe(run)),
        text_table(COLUMNS, rows(run)),
        *(["\n".join(in_turn(run))] if in_turn(run) else []),
        text_table(RSS_COLUMNS, rss_rows(run)),
    ]
    if run.notes:
        parts.append("\n".join(f"note: {n}" for n in run.notes))
    if run.problems:
        parts.append("\n".join(f"PROBLEM: {p}" for p in run.problems))
    return "\n\n".join(parts)


def newest_by_scale(runs: Sequence[Run]) -> dict[tuple[str, int], Run]:
    """The newest run of each database and scale, ordered by database then scale."""
    newest: dict[tuple[str, int], Run] = {}
    for run in sorted(runs, key=lambda r: r.started_at):
        newest[(run.database.get("label", "?"), run.scale.get("events", 0))] = run
    return dict(sorted(newest.items()))


def curve_rows(runs: Sequence[Run]) -> tuple[list[str], list[list[str]]]:
    """p50 / p99 (ms) and req/s of each Parley endpoint, mode and worker count, per scale."""
    ordered = sorted(runs, key=lambda r: r.scale.get("events", 0))
    header = ["endpoint", "mode", "workers"] + [
        f"{r.scale.get('events', 0):,} events" for r in ordered
    ]
    keys: list[tuple[str, str, int | None]] = []
    for run in ordered:
        for m in run.measurements:
            key = (m.endpoint, m.mode, m.workers)
            if m.target == PARLEY and key not in keys:
                keys.append(key)
    body = []
    for endpoint, mode, workers in keys:
        cells = [endpoint, mode, NONE if workers is None else str(workers)]
        for run in ordered:
            found = run.find(endpoint, PARLEY, mode, workers)
            cells.append(
                f"{_number(found.p50_ms, 1)} / {_number(found.p99_ms, 1)} · {_number(found.rate)}/s"
                if found is not None and found.rounds
                else NONE
            )
        body.append(cells)
    return header, body


INTRO = """# Load benchmark results

Written by `python -m bench.report` (which `make bench` runs after each run) from the runs kept
in `bench/runs/`: for each database and scale the newest run, then each database's curve
across scales. See `bench/README.md` for how they are measured.

How to read a table: **req/s** is the median over rounds, **min-max** its spread; **p50** and
**p99** are the medians over rounds of each round's percentile. **vs lean** and **vs floor** divide
Parley's req/s by that of the lean FastAPI + asyncpg handler and of the bare FastAPI floor, both
serving the first page of the endpoint's family (events or timeline) with as many workers;
for the first pages that is like for like, for the others a yardstick. **pgbench tps** is
PostgreSQL alone running the statements Parley runs for that first page. **errors** counts
responses of 400 or more and socket errors; any at all make the run fail loudly.
"""


def plans_markdown(run: Run) -> str:
    """Each hot endpoint's plan, folded, with what it flags."""
    parts = [
        "Query plans (`EXPLAIN (ANALYZE, BUFFERS)` of the statement that reads each body, "
        "with the settings Parley's connections use):"
    ]
    for plan in run.plans:
        verdict = "; ".join(plan.findings) if plan.findings else "index reads only, no large sort"
        parts.append(
            f"<details><summary>{plan.endpoint}: {verdict}</summary>\n\n"
            f"`{plan.path}`\n\n```\n{plan.text}\n```\n</details>"
        )
    return "\n\n".join(parts)


def markdown(runs: Sequence[Run], targets: str = "") -> str:
    parts = [INTRO.strip()]
    if targets.strip():
        parts.append(targets.strip())
    chosen = newest_by_scale(runs)
    for (label, events), run in chosen.items():
        parts += [
            f"## {label}, {events:,} events",
            "\n".join(describe(run)),
            markdown_table(COLUMNS, rows(run, errors_mark="**{}**")),
            *(["\n".join(f"- {line}" for line in in_turn(run))] if in_turn(run) else []),
            markdown_table(RSS_COLUMNS, rss_rows(run)),
        ]
        if run.notes or run.problems:
            parts.append(
                "\n".join(
                    [f"- Note: {n}" for n in run.notes]
                    + [f"- **Problem:** {p}" for p in run.problems]
                )
            )
        if run.plans:
            parts.append(plans_markdown(run))
    for label in dict.fromkeys(label for label, _ in chosen):
        header, body = curve_rows([r for (lb, _), r in chosen.items() if lb == label])
        parts += [
            f"## Curve: {label}",
            "p50 / p99 in ms · req/s, per scale (Parley only).",
            markdown_table(header, body),
        ]
    return "\n\n".join(parts) + "\n"


def write(directory: Path = RUNS_DIR, target: Path = RESULTS_MD) -> Path:
    targets = TARGETS_MD.read_text() if TARGETS_MD.exists() else ""
    target.write_text(markdown(load_all(directory), targets))
    return target


if __name__ == "__main__":
    print(f"wrote {write()}")
