"""Human labels for EDTF dates ("autumn 2022", "about 16 May 2025"), for prose and display.

Labels never contain EDTF syntax: qualifiers become words ("about", "possibly"), season codes
become season names, intervals and sets become ranges and alternatives. Whatever the grammar
below does not cover is labelled by the days it spans.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

SEASONS = {
    21: "spring",
    22: "summer",
    23: "autumn",
    24: "winter",
    25: "spring (northern hemisphere)",
    26: "summer (northern hemisphere)",
    27: "autumn (northern hemisphere)",
    28: "winter (northern hemisphere)",
    29: "spring (southern hemisphere)",
    30: "summer (southern hemisphere)",
    31: "autumn (southern hemisphere)",
    32: "winter (southern hemisphere)",
    33: "the first quarter of",
    34: "the second quarter of",
    35: "the third quarter of",
    36: "the fourth quarter of",
    37: "the first four months of",
    38: "the second four months of",
    39: "the last four months of",
    40: "the first half of",
    41: "the second half of",
}

_DATE = re.compile(
    r"(?P<year>\d{4}|\d{3}X|\d{2}XX)(?:-(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?)?"
)
_QUALIFIERS = re.compile(r"[?~%]")
DASH = "\u2013"
"""An en dash, as ranges are written in prose."""


@dataclass(frozen=True)
class _Part:
    """One date of an expression: its label pieces, so ranges can share a month or year."""

    day: str
    month: str
    year: str
    prefix: str

    def text(self, *, with_year: bool = True) -> str:
        words = [self.prefix, self.day, self.month, self.year if with_year else ""]
        return " ".join(w for w in words if w)


def _qualifier_words(qualifiers: str) -> str:
    approximate = "~" in qualifiers or "%" in qualifiers
    uncertain = "?" in qualifiers or "%" in qualifiers
    return " ".join(
        w for w in ("possibly" if uncertain else "", "about" if approximate else "") if w
    )


def _part(text: str) -> _Part | None:
    """A single date with qualifiers anywhere in it; None when it is not one."""
    core = _QUALIFIERS.sub("", text)
    m = _DATE.fullmatch(core)
    if m is None:
        return None
    prefix = _qualifier_words("".join(_QUALIFIERS.findall(text)))
    year, month, day = m.group("year"), m.group("month"), m.group("day")
    if "X" in year:
        if month is not None:
            return None
        decade = year.replace("X", "0")
        return _Part("", "", f"the {decade}s", prefix)
    if month is None or month == "XX":
        return _Part("", "", year, prefix) if day in (None, "XX") else None
    number = int(month)
    if number in SEASONS:
        return _Part("", SEASONS[number], year, prefix) if day is None else None
    if not 1 <= number <= 12:
        return None
    name = calendar.month_name[number]
    if day is None or day == "XX":
        return _Part("", name, year, prefix)
    return _Part(str(int(day)), name, year, prefix)


def _range(first: _Part, last: _Part) -> str:
    """Days or months of one year share it: "16-23 May 2025", "24 May to about 30 May 2025"."""
    qualified = bool(first.prefix or last.prefix)
    head = first.text()
    if first.year == last.year and first.month and last.month:
        if not qualified and first.month == last.month and first.day and last.day:
            return f"{first.day}{DASH}{last.text()}"
        head = first.text(with_year=False)
    if qualified:
        return f"{head} to {last.text()}"
    return f"{head}{f' {DASH} ' if ' ' in head else DASH}{last.text()}"


def _alternatives(parts: list[_Part], joiner: str) -> str:
    same = {(p.month, p.year, p.prefix) for p in parts}
    if len(same) == 1 and all(p.day for p in parts):
        days = [p.day for p in parts]
        return f"{', '.join(days[:-1])} {joiner} {parts[-1].text()}"
    texts = [p.text() for p in parts]
    return f"{', '.join(texts[:-1])} {joiner} {texts[-1]}"


def _days(start: dt.date, end: dt.date) -> str:
    first, last = (_part(d.isoformat()) for d in (start, end))
    assert first is not None and last is not None
    if start == end:
        return first.text()
    return f"between {first.text()} and {last.text()}"


def date_label(text: str, start: dt.date, end: dt.date) -> str:
    """The label of EDTF `text`, whose bounds are `start` and `end`."""
    if "/" in text:
        first, _, last = text.partition("/")
        parts = [_part(first), _part(last)]
        if parts[0] is not None and parts[1] is not None:
            return _range(parts[0], parts[1])
    elif text[:1] in "[{" and text[-1:] in "]}" and ".." not in text:
        items = [_part(item.strip()) for item in text[1:-1].split(",")]
        if items and all(item is not None for item in items):
            found = [item for item in items if item is not None]
            if len(found) == 1:
                return found[0].text()
            return _alternatives(found, "or" if text[0] == "[" else "and")
    else:
        part = _part(text)
        if part is not None:
            return part.text()
    return _days(start, end)
