"""EDTF dates: parse, compute the ISO bounds they cover, and read date filters."""

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import edtf

from app.datelabels import date_label
from app.errors import invalid_parameter
from app.models.enums import DatePrecision


@dataclass(frozen=True)
class Bounds:
    edtf: str
    start: dt.date
    end: dt.date
    precision: DatePrecision

    @property
    def label(self) -> str:
        """How prose says this date: "autumn 2022", "about 16 May 2025"."""
        return date_label(self.edtf, self.start, self.end)


def _precision(parsed: object, text: str) -> DatePrecision:
    kind = type(parsed).__name__
    if "Season" in kind:
        return DatePrecision.season
    if "Interval" in kind or kind in {"OneOfASet", "MultipleDates"}:
        return DatePrecision.range
    core = re.sub(r"[?~%]", "", text)
    if re.fullmatch(r"-?\d{1,3}X+(-XX){0,2}", core):
        return DatePrecision.range
    if re.fullmatch(r"-?\d{4}", core) or core.endswith("-XX-XX"):
        return DatePrecision.year
    if re.fullmatch(r"-?\d{4}-\d{2}", core) or core.endswith("-XX"):
        return DatePrecision.month
    return DatePrecision.day


@lru_cache(maxsize=4096)
def edtf_bounds(text: str) -> Bounds:
    """Bounds of an EDTF expression; ValueError when it is not valid EDTF or is open-ended.

    Cached: parsing EDTF costs milliseconds, and the same dates recur; plain ISO dates (the
    most common) skip the parser."""
    plain = _plain(text)
    if plain is not None:
        return plain
    if "/" in text:
        first, _, last = text.partition("/")
        if first in ("", "..") or last in ("", ".."):
            raise ValueError(f"an interval with an open or unknown end has no bounds: {text!r}")
    try:
        parsed = edtf.parse_edtf(text)
        lower, upper = parsed.lower_strict(), parsed.upper_strict()
    except Exception as exc:  # the edtf package raises several unrelated types
        raise ValueError(f"not an EDTF date: {text!r}") from exc
    start = dt.date(lower.tm_year, lower.tm_mon, lower.tm_mday)
    end = dt.date(upper.tm_year, upper.tm_mon, upper.tm_mday)
    return Bounds(text, start, end, _precision(parsed, text))


_PLAIN = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2])(?:-(\d{2}))?)?")


def _plain(text: str) -> Bounds | None:
    """Bounds of a plain ISO year, month or day (`2025`, `2025-05`, `2025-05-23`), or None."""
    m = _PLAIN.fullmatch(text)
    if m is None or m.group(1) == "0000":
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if month is None:
        return Bounds(text, dt.date(year, 1, 1), dt.date(year, 12, 31), DatePrecision.year)
    last = calendar.monthrange(year, int(month))[1]
    if day is None:
        start, end = dt.date(year, int(month), 1), dt.date(year, int(month), last)
        return Bounds(text, start, end, DatePrecision.month)
    if not 1 <= int(day) <= last:
        raise ValueError(f"not an EDTF date: {text!r}")
    exact = dt.date(year, int(month), int(day))
    return Bounds(text, exact, exact, DatePrecision.day)


_FILTER_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?$")


def filter_bounds(name: str, value: str | None) -> tuple[dt.date, dt.date] | None:
    """A `from`/`to` filter (YYYY, YYYY-MM or YYYY-MM-DD) as the day range it covers."""
    if value is None:
        return None
    if not _FILTER_DATE.fullmatch(value):
        raise invalid_parameter(name, "expected YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        bounds = edtf_bounds(value)
    except ValueError:
        raise invalid_parameter(name, f"{value!r} is not a calendar date") from None
    if value.count("-") == 2:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise invalid_parameter(name, f"{value!r} is not a calendar date") from None
    return bounds.start, bounds.end


def date_range(date_from: str | None, date_to: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The `from`/`to` query pair as the first and last day it admits."""
    start = filter_bounds("from", date_from)
    end = filter_bounds("to", date_to)
    first, last = (start[0] if start else None), (end[1] if end else None)
    if first and last and first > last:
        raise invalid_parameter("to", "must not be before 'from'")
    return first, last
