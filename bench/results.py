"""What a load run measured, kept as JSON under bench/runs/."""

import dataclasses
import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).with_name("results")
"""What each run ran (scripts, bodies, servers' logs), not kept in the repository."""
RUNS_DIR = Path(__file__).with_name("runs")
"""Each run's figures as JSON, kept in the repository: bench/RESULTS.md is written from them."""
PARLEY = "parley"
LEAN = "lean"
FLOOR = "floor"
PGBENCH = "pgbench"
UNCACHED = "uncached"
WARM = "warm cache"


@dataclass(frozen=True)
class Round:
    """One timed run of a load tool against one target."""

    requests: int
    seconds: float
    """The time the requests took (for pgbench, without connecting)."""
    p50_ms: float | None
    p99_ms: float | None
    errors: int
    """Responses of 400 or more and socket errors (wrk), failed transactions (pgbench)."""
    mean_ms: float | None = None
    bytes: int = 0

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class Endpoint:
    name: str
    path: str
    family: str
    """`events` or `timeline`: the first page whose lean handler and floor it is set against."""
    headers: tuple[tuple[str, str], ...] = ()
    status: int = 200
    body_bytes: int = 0


@dataclass
class Measurement:
    """The rounds of one target (Parley in a mode, or a reference) on one endpoint."""

    endpoint: str
    target: str
    mode: str
    workers: int | None
    """None for pgbench, which runs no HTTP server."""
    rounds: list[Round] = field(default_factory=list)
    note: str = ""

    @property
    def rates(self) -> list[float]:
        return [r.rate for r in self.rounds]

    @property
    def rate(self) -> float | None:
        return statistics.median(self.rates) if self.rounds else None

    @property
    def p50_ms(self) -> float | None:
        """The median p50 of the rounds that completed requests."""
        return _median([r.p50_ms for r in self.rounds if r.requests])

    @property
    def p99_ms(self) -> float | None:
        return _median([r.p99_ms for r in self.rounds if r.requests])

    @property
    def errors(self) -> int:
        return sum(r.errors for r in self.rounds)


@dataclass(frozen=True)
class PeakRss:
    target: str
    mode: str
    workers: int
    kib: list[int]
    """VmHWM of each worker process."""


@dataclass(frozen=True)
class Plan:
    """`EXPLAIN (ANALYZE, BUFFERS)` of the statement that reads an endpoint's body."""

    endpoint: str
    path: str
    text: str
    findings: list[str]
    """A sequential scan of a large table, a sort of more rows than pages hold."""


@dataclass
class Run:
    started_at: str
    command: str
    machine: dict[str, Any]
    versions: dict[str, str]
    database: dict[str, str]
    """`kind` (server or embedded), `version`, and `label` naming both."""
    scale: dict[str, int]
    settings: dict[str, Any]
    endpoints: list[Endpoint] = field(default_factory=list)
    measurements: list[Measurement] = field(default_factory=list)
    peak_rss: list[PeakRss] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """What makes the run's figures wrong or missing; any fails the run."""
    notes: list[str] = field(default_factory=list)
    """What a reader should know to trust the figures."""
    plans: list[Plan] = field(default_factory=list)

    def find(
        self, endpoint: str, target: str, mode: str, workers: int | None
    ) -> Measurement | None:
        for m in self.measurements:
            if (m.endpoint, m.target, m.mode, m.workers) == (endpoint, target, mode, workers):
                return m
        return None

    @property
    def errors(self) -> int:
        return sum(m.errors for m in self.measurements)


def _median(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None


def to_json(run: Run) -> str:
    return json.dumps(dataclasses.asdict(run), indent=1) + "\n"


def from_json(text: str) -> Run:
    raw = json.loads(text)
    return Run(
        **{
            k: v
            for k, v in raw.items()
            if k not in {"endpoints", "measurements", "peak_rss", "plans"}
        },
        endpoints=[
            Endpoint(**e | {"headers": tuple(tuple(h) for h in e["headers"])})
            for e in raw["endpoints"]
        ],
        measurements=[
            Measurement(**m | {"rounds": [Round(**r) for r in m["rounds"]]})
            for m in raw["measurements"]
        ],
        peak_rss=[PeakRss(**p) for p in raw["peak_rss"]],
        plans=[Plan(**p) for p in raw.get("plans", [])],
    )


def save(run: Run, directory: Path = RUNS_DIR, *, complete: bool = True) -> Path:
    """Keeps the run; one cut short is kept apart (`.json.partial`), out of the report."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = run.started_at.replace(":", "").replace("-", "")
    kind = run.database.get("kind", "db")
    path = directory / f"{stamp}-{kind}-{run.scale.get('events', 0)}.json"
    if not complete:
        path = path.with_suffix(".json.partial")
    path.write_text(to_json(run))
    return path


def load_all(directory: Path = RUNS_DIR) -> list[Run]:
    return [from_json(p.read_text()) for p in sorted(directory.glob("*.json"))]
