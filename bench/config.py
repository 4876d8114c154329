"""A load run's settings, from BENCH_* environment variables."""

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class BenchSettings:
    seconds: int = 10
    rounds: int = 3
    warmup: int = 2
    """Seconds of load before each measured target's rounds (wrk and pgbench take whole seconds)."""
    connections: int = 32
    threads: int = 2
    workers: tuple[int, ...] = (1,)
    cache_mb: int = 64
    """Parley's response cache in the warm runs (the uncached ones run with 0)."""
    first_pages_in_turn: bool = True
    """Parley's uncached first pages and the lean handler's measured a round of each in turn."""
    in_turn_rounds: int = 9
    """Rounds of those: the comparison the first-page target rests on, between figures a few
    percent apart on a shared machine, gets more than the others."""
    pgbench_clients: int = 8
    pgbench_threads: int = 2

    @classmethod
    def from_environment(
        cls, environ: Mapping[str, str], *, default_workers: int, cache_mb: int
    ) -> "BenchSettings":
        """BENCH_SECONDS, BENCH_ROUNDS, BENCH_IN_TURN_ROUNDS, BENCH_WARMUP, BENCH_CONNECTIONS,
        BENCH_THREADS, BENCH_WORKERS (a comma-separated list, e.g. `1,2`); the workers default
        to what `make run` serves with (PARLEY_WORKERS), the warm cache to PARLEY_CACHE_MB or
        64."""
        workers = environ.get("BENCH_WORKERS", "")
        settings = cls(
            seconds=int(environ.get("BENCH_SECONDS", cls.seconds)),
            rounds=int(environ.get("BENCH_ROUNDS", cls.rounds)),
            in_turn_rounds=int(environ.get("BENCH_IN_TURN_ROUNDS", cls.in_turn_rounds)),
            warmup=int(environ.get("BENCH_WARMUP", cls.warmup)),
            connections=int(environ.get("BENCH_CONNECTIONS", cls.connections)),
            threads=int(environ.get("BENCH_THREADS", cls.threads)),
            workers=tuple(int(w) for w in workers.split(",") if w.strip()) or (default_workers,),
            cache_mb=cache_mb or cls.cache_mb,
        )
        if (
            min(
                settings.seconds,
                settings.warmup,
                settings.rounds,
                settings.in_turn_rounds,
                *settings.workers,
            )
            < 1
        ):
            raise SystemExit(
                "BENCH_SECONDS, BENCH_WARMUP, BENCH_ROUNDS, BENCH_IN_TURN_ROUNDS and "
                "BENCH_WORKERS must be 1 or more"
            )
        return settings

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "workers": list(self.workers)}
