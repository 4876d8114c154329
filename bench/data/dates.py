"""Dates of generated records: days skewed toward recent ones, and some fuzzy EDTF dates.

Bounds, precision and labels come from the project's own EDTF code, once per distinct date.
Parsing a fuzzy date costs tens of milliseconds, so fuzzy dates come from a fixed pool that
`prepare` parses ahead (in a thread, while the database is being made ready).
"""

import bisect
import datetime as dt
import random
from dataclasses import dataclass

from app.dates import edtf_bounds
from bench.data.binary import micros
from bench.data.pick import Weighted

FIRST = dt.date(2022, 2, 24)
LAST = dt.date(2025, 5, 31)
DAYS = (LAST - FIRST).days + 1
SKEW = 0.5
"""A day is DAYS * u**SKEW for a uniform u: its density grows linearly toward the last day."""
UTC = dt.UTC


@dataclass(frozen=True, slots=True)
class DateCols:
    """What a table stores of one EDTF date, and when a record of it was first written."""

    edtf: str
    start: dt.date
    end: dt.date
    precision: str
    label: str
    written: int
    """Microseconds since 2000-01-01 UTC (bench/data/binary.py)."""


FUZZY_KINDS = {
    "month": 0.34,
    "range": 0.2,
    "approximate_day": 0.14,
    "season": 0.08,
    "approximate_month": 0.08,
    "uncertain_day": 0.05,
    "year": 0.04,
    "approximate_year": 0.03,
    "month_range": 0.04,
}
FUZZY_KIND = Weighted(list(FUZZY_KINDS), list(FUZZY_KINDS.values()))
POOL_SIZES = {
    "range": 30,
    "approximate_day": 24,
    "uncertain_day": 10,
    "month_range": 8,
    "approximate_month": 14,
}
"""Kinds whose distinct values would be too many to parse: drawn from a pool of this size."""
REFERENDUMS = "2022-09-23/2022-09-27"
ANNEXATION = "2022-09-30"
FIXED = (REFERENDUMS, ANNEXATION)
"""Dates some event types always have."""
SEASONS = {3: 21, 4: 21, 5: 21, 6: 22, 7: 22, 8: 22, 9: 23, 10: 23, 11: 23, 12: 24}
"""Month to EDTF season code (21 spring ... 24 winter); January and February have none here,
as the EDTF winter of a year is its December."""


def _day(index: int) -> dt.date:
    return FIRST + dt.timedelta(days=index)


class DateBook:
    """Draws days and fuzzy dates, and knows the columns of each date it has handed out."""

    def __init__(self) -> None:
        self._cols: dict[str, DateCols] = {}
        self._iso = [_day(i).isoformat() for i in range(DAYS)]
        self._pools = _pools(random.Random("parley-bench-dates"))
        self._starts: dict[str, list[int]] = {}

    def prepare(self) -> None:
        """Parse every pooled fuzzy date and the seasons (the slow part of EDTF)."""
        for kind, values in self._pools.items():
            starts = []
            for value in values:
                starts.append((self.cols(value).start - FIRST).days)
            self._starts[kind] = starts
        for year in range(FIRST.year, LAST.year + 1):
            for code in sorted(set(SEASONS.values())):
                self.cols(f"{year}-{code}")
            self.cols(f"{year}~")
        for fixed in FIXED:
            self.cols(fixed)

    def approximate(self, index: int) -> DateCols:
        """The pooled approximate day nearest day `index`."""
        return self._nearest("approximate_day", index)

    def draw(self, rng: random.Random) -> int:
        """A day (as its index from FIRST), more likely the more recent."""
        return int(DAYS * rng.random() ** SKEW)

    def day(self, index: int) -> DateCols:
        return self.cols(self._iso[max(0, min(DAYS - 1, index))])

    def fuzzy(self, index: int, rng: random.Random) -> DateCols:
        """A fuzzy date around day `index`: its month, season, year, a range, an approximation."""
        kind = FUZZY_KIND(rng)
        day = _day(max(0, min(DAYS - 1, index)))
        if kind == "month":
            return self.cols(day.isoformat()[:7])
        if kind == "year":
            return self.cols(str(day.year))
        if kind == "approximate_year":
            return self.cols(f"{day.year}~")
        if kind == "season" and day.month in SEASONS:
            return self.cols(f"{day.year}-{SEASONS[day.month]}")
        pool = "approximate_month" if kind == "season" else kind
        return self._nearest(pool, index)

    def _nearest(self, kind: str, index: int) -> DateCols:
        starts = self._starts[kind]
        at = min(bisect.bisect_left(starts, index), len(starts) - 1)
        if at > 0 and index - starts[at - 1] < starts[at] - index:
            at -= 1
        return self.cols(self._pools[kind][at])

    def cols(self, edtf: str) -> DateCols:
        found = self._cols.get(edtf)
        if found is None:
            bounds = edtf_bounds(edtf)
            written = micros(
                dt.datetime.combine(
                    min(bounds.end, LAST) + dt.timedelta(days=1), dt.time(8, tzinfo=UTC)
                )
            )
            found = DateCols(
                edtf, bounds.start, bounds.end, bounds.precision.value, bounds.label, written
            )
            self._cols[edtf] = found
        return found


def _pools(rng: random.Random) -> dict[str, list[str]]:
    """Fuzzy dates of each pooled kind, in order of their first day."""
    book: dict[str, list[str]] = {}
    for kind, size in POOL_SIZES.items():
        days = sorted(int(DAYS * rng.random() ** SKEW) for _ in range(size))
        values = dict.fromkeys(_pooled(kind, _day(i), rng) for i in days)
        book[kind] = list(values)
    return book


def _pooled(kind: str, day: dt.date, rng: random.Random) -> str:
    if kind == "approximate_day":
        return f"{day.isoformat()}~"
    if kind == "uncertain_day":
        return f"{day.isoformat()}?"
    if kind == "approximate_month":
        return f"{day.isoformat()[:7]}~"
    if kind == "range":
        last = min(day + dt.timedelta(days=rng.choice((1, 2, 3, 6, 9, 13))), LAST)
        return f"{day.isoformat()}/{last.isoformat()}" if last > day else day.isoformat()
    first = day.replace(day=1)
    last_month = min(first + dt.timedelta(days=rng.choice((40, 70))), LAST).isoformat()[:7]
    return (
        f"{first.isoformat()[:7]}/{last_month}"
        if last_month > day.isoformat()[:7]
        else (day.isoformat()[:7])
    )
