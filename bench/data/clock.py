"""Elapsed time, phase by phase."""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class Clock:
    def __init__(self, say: Callable[[str], None]) -> None:
        self.say = say
        self.phases: dict[str, float] = {}
        self._started = time.perf_counter()

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        took = time.perf_counter() - started
        self.phases[name] = self.phases.get(name, 0.0) + took
        self.say(f"  {name:<28}{took:8.1f} s")

    def total(self) -> float:
        return time.perf_counter() - self._started
