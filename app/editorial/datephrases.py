"""Date expressions in text, resolved against the article's date into EDTF plus bounds: the one
resolver of the seed's curated quotes and of the ingester's sentences.

Years left out ("May 16", "in June") are the article's year; "currently", "last week", "on
Friday" and "in the coming days" count from the article's date (a weekday alone is the nearest
one on or before it, or after it when the sentence speaks of what will happen); "the day
before" or "a year earlier" count from an anchor, the date the text measures from.
"""

import calendar
import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from app.dates import Bounds, edtf_bounds
from app.models.enums import DatePrecision

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
WEEKDAYS = [name.lower() for name in calendar.day_name]
SEASONS = {"spring": 21, "summer": 22, "fall": 23, "autumn": 23, "winter": 24}
SMALL_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
COMING_DAYS = 7
""""In the coming days" is read as from the next day to about a week after the article's date."""


@dataclass(frozen=True)
class Context:
    article: dt.date
    anchor: Bounds
    anchor_label: str


@dataclass(frozen=True)
class Resolved:
    """One date expression found in a quote and what it means."""

    expression: str
    start: int
    end: int
    bounds: Bounds
    how: str
    weekday: str | None = None
    year_inferred: bool = False
    relative: bool = False
    anchors: bool = True
    """Whether a relative phrase after it counts from it ("currently" restates the article's
    date, which anchors nothing)."""

    @property
    def edtf(self) -> str:
        return self.bounds.edtf

    @property
    def explicit(self) -> bool:
        return not (self.year_inferred or self.relative)


Handler = Callable[[re.Match[str], Context], Resolved]

_MONTH = "(?P<month>" + "|".join(m.title() for m in MONTHS) + ")"
_WEEKDAY = "(?P<weekday>" + "|".join(d.title() for d in WEEKDAYS) + ")"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"


FUTURE = re.compile(
    r"\b(?:will|shall|is\s+(?:expected|scheduled|due|set|planned)|are\s+(?:expected|scheduled|"
    r"due|set|planned)|is\s+to|are\s+to|plans?\s+to|intends?\s+to)\b",
    re.IGNORECASE,
)
"""Words that put a sentence's weekday in the days after the article, not before it."""


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _label(edtf: str) -> str:
    return edtf_bounds(edtf).label


def _resolved(
    m: re.Match[str],
    edtf: str,
    how: str,
    *,
    weekday: str | None = None,
    year_inferred: bool = False,
    relative: bool = False,
) -> Resolved:
    bounds = edtf_bounds(edtf)
    return Resolved(m.group(0), m.start(), m.end(), bounds, how, weekday, year_inferred, relative)


def _day_of(anchor: Bounds, label: str) -> dt.date:
    if anchor.precision is not DatePrecision.day or anchor.start != anchor.end:
        raise ValueError(f"counting days needs an anchor dated to the day, not {label}")
    return anchor.start


def _full_date(m: re.Match[str], ctx: Context) -> Resolved:
    month, day = MONTHS[m.group("month").lower()], int(m.group("day"))
    year_text = m.group("year")
    year = int(year_text) if year_text else ctx.article.year
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{m.group(0)!r} is not a calendar date in {year}") from None
    weekday = m.group("weekday")
    if year_text:
        how = f"{m.group(0)!r} is {_iso(date)}"
    else:
        how = (
            f"{m.group(0)!r} gives no year; read as {year}, the year of the article's date "
            f"({_iso(ctx.article)}): {_iso(date)}"
        )
    return _resolved(m, _iso(date), how, weekday=weekday, year_inferred=not year_text)


def _season(m: re.Match[str], ctx: Context) -> Resolved:
    code = SEASONS[m.group("season").lower()]
    edtf = f"{m.group('year')}-{code}"
    return _resolved(m, edtf, f"{m.group(0)!r} is {_label(edtf)} (northern hemisphere)")


def _month(m: re.Match[str], ctx: Context) -> Resolved:
    edtf = f"{m.group('year')}-{MONTHS[m.group('month').lower()]:02d}"
    return _resolved(m, edtf, f"{m.group(0)!r} is {_label(edtf)}")


def _year(m: re.Match[str], ctx: Context) -> Resolved:
    return _resolved(m, m.group("year"), f"{m.group(0)!r} is the year {m.group('year')}")


def easter(year: int, *, orthodox: bool = False) -> dt.date:
    """Easter Sunday (Gregorian calendar date) by the Western or the Orthodox computus."""
    if orthodox:
        a, b, c = year % 4, year % 7, year % 19
        d = (19 * c + 15) % 30
        e = (2 * a + 4 * b - d + 34) % 7
        month, day = divmod(d + e + 114, 31)
        julian_gap = year // 100 - year // 400 - 2
        return dt.date(year, month, day + 1) + dt.timedelta(days=julian_gap)
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m_ = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m_ + 114, 31)
    return dt.date(year, month, day + 1)


def _eve_of_easter(m: re.Match[str], ctx: Context) -> Resolved:
    year = ctx.anchor.start.year
    eves = {easter(year, orthodox=o) - dt.timedelta(days=1) for o in (False, True)}
    if m.group("orthodox"):
        eves = {easter(year, orthodox=True) - dt.timedelta(days=1)}
    if len(eves) == 1:
        edtf = _iso(next(iter(eves)))
        how = f"{m.group(0)!r} in {year} (Easter {year} fell on the next day): {_label(edtf)}"
    else:
        edtf = "[" + ", ".join(sorted(_iso(e) for e in eves)) + "]"
        how = f"{m.group(0)!r} in {year}: Western and Orthodox Easter differ, so {_label(edtf)}"
    return _resolved(m, edtf, how, year_inferred=True)


def _days_relative(m: re.Match[str], ctx: Context) -> Resolved:
    count_text = m.group("count").lower()
    count = SMALL_NUMBERS.get(count_text) or int(count_text)
    sign = -1 if m.group("direction").lower() in {"before", "earlier"} else 1
    date = _day_of(ctx.anchor, ctx.anchor_label) + dt.timedelta(days=sign * count)
    how = f"{m.group(0)!r} counted from {ctx.anchor_label}: {_iso(date)}"
    return _resolved(m, _iso(date), how, relative=True)


def _one_day(m: re.Match[str], ctx: Context) -> Resolved:
    word = (m.group("direction") or m.group("direction2")).lower()
    sign = -1 if word in {"before", "previous"} else 1
    date = _day_of(ctx.anchor, ctx.anchor_label) + dt.timedelta(days=sign)
    how = f"{m.group(0)!r} counted from {ctx.anchor_label}: {_iso(date)}"
    return _resolved(m, _iso(date), how, relative=True)


def _year_relative(m: re.Match[str], ctx: Context) -> Resolved:
    sign = 1 if m.group("direction").lower() == "later" else -1
    year = ctx.anchor.start.year + sign
    how = f"{m.group(0)!r} counted from {ctx.anchor_label}: about {year} (approximate year)"
    return _resolved(m, f"{year}~", how, relative=True)


def _immediately_after(m: re.Match[str], ctx: Context) -> Resolved:
    day = _day_of(ctx.anchor, ctx.anchor_label)
    how = f"{m.group(0)!r} counted from {ctx.anchor_label}: about {_iso(day)} (approximate day)"
    return _resolved(m, f"{_iso(day)}~", how, relative=True)


def _currently(m: re.Match[str], ctx: Context) -> Resolved:
    how = f"{m.group(0)!r} is the article's date, {_iso(ctx.article)}"
    return dataclasses.replace(_resolved(m, _iso(ctx.article), how, relative=True), anchors=False)


def _coming_days(m: re.Match[str], ctx: Context) -> Resolved:
    first = ctx.article + dt.timedelta(days=1)
    last = ctx.article + dt.timedelta(days=COMING_DAYS)
    edtf = f"{_iso(first)}/{_iso(last)}~"
    how = (
        f"{m.group(0)!r} counted from the article's date ({_iso(ctx.article)}): from the next "
        f"day to about a week later, {_label(edtf)}"
    )
    return _resolved(m, edtf, how, relative=True)


def _weekday_alone(m: re.Match[str], ctx: Context) -> Resolved:
    weekday = WEEKDAYS.index(m.group("weekday").lower())
    future = m.group("which") in ("next", "Next") or bool(FUTURE.search(m.string))
    if future:
        date = ctx.article + dt.timedelta(days=(weekday - ctx.article.weekday() - 1) % 7 + 1)
        side = "the first after"
    else:
        date = ctx.article - dt.timedelta(days=(ctx.article.weekday() - weekday) % 7)
        if m.group("which") in ("last", "Last") and date == ctx.article:
            date -= dt.timedelta(days=7)
        side = "the last on or before"
    how = (
        f"{m.group(0)!r} names a weekday alone: {side} the article's date "
        f"({_iso(ctx.article)}), {_iso(date)}"
    )
    return _resolved(m, _iso(date), how, relative=True)


def _yesterday(m: re.Match[str], ctx: Context) -> Resolved:
    date = ctx.article - dt.timedelta(days=1)
    how = f"{m.group(0)!r} is the day before the article's date: {_iso(date)}"
    return _resolved(m, _iso(date), how, relative=True)


def _week(m: re.Match[str], ctx: Context) -> Resolved:
    shift = {"last": -1, "previous": -1, "this": 0, "next": 1}[m.group("which").lower()]
    monday = ctx.article - dt.timedelta(days=ctx.article.weekday()) + dt.timedelta(weeks=shift)
    edtf = f"{_iso(monday)}/{_iso(monday + dt.timedelta(days=6))}"
    how = f"{m.group(0)!r} counted from the article's date ({_iso(ctx.article)}): {_label(edtf)}"
    return _resolved(m, edtf, how, relative=True)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _by_end_of(m: re.Match[str], ctx: Context) -> Resolved:
    if m.group("month"):
        year = int(m.group("year")) if m.group("year") else ctx.article.year
        last = _month_end(year, MONTHS[m.group("month").lower()])
    elif m.group("unit").lower() == "month":
        last = _month_end(ctx.article.year, ctx.article.month)
    else:
        last = dt.date(ctx.article.year, 12, 31)
    edtf = f"{_iso(ctx.article)}/{_iso(last)}"
    how = f"{m.group(0)!r}: from the article's date ({_iso(ctx.article)}) to {_iso(last)}"
    return _resolved(m, edtf, how, relative=True)


def _month_alone(m: re.Match[str], ctx: Context) -> Resolved:
    edtf = f"{ctx.article.year}-{MONTHS[m.group('month').lower()]:02d}"
    how = f"{m.group(0)!r} gives no year; read as {ctx.article.year}, the article's year"
    return _resolved(m, edtf, how, year_inferred=True)


def _season_alone(m: re.Match[str], ctx: Context) -> Resolved:
    year = ctx.article.year - (1 if (m.group("which") or "").lower() == "last" else 0)
    edtf = f"{year}-{SEASONS[m.group('season').lower()]}"
    how = f"{m.group(0)!r} counted from the article's date: {_label(edtf)} (northern hemisphere)"
    return _resolved(m, edtf, how, relative=True)


def _calendar_relative(m: re.Match[str], ctx: Context) -> Resolved:
    which, unit = m.group("which").lower(), m.group("unit").lower()
    if unit == "year":
        edtf = str(ctx.article.year - (1 if which == "last" else 0))
    else:
        first = ctx.article.replace(day=1)
        if which == "last":
            first = (first - dt.timedelta(days=1)).replace(day=1)
        edtf = f"{first.year}-{first.month:02d}"
    how = f"{m.group(0)!r} counted from the article's date ({_iso(ctx.article)}): {_label(edtf)}"
    return _resolved(m, edtf, how, relative=True)


def _weeks_relative(m: re.Match[str], ctx: Context) -> Resolved:
    count_text = m.group("count").lower()
    count = SMALL_NUMBERS.get(count_text) or int(count_text)
    sign = -1 if m.group("direction").lower() in {"before", "earlier"} else 1
    date = _day_of(ctx.anchor, ctx.anchor_label) + dt.timedelta(weeks=sign * count)
    how = f"{m.group(0)!r} counted from {ctx.anchor_label}: about {_iso(date)}"
    return _resolved(m, f"{_iso(date)}~", how, relative=True)


_COUNT = r"(?P<count>\d+|" + "|".join(SMALL_NUMBERS) + ")"
PATTERNS: list[tuple[re.Pattern[str], Handler]] = [
    (
        re.compile(rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})\b(?:,?\s+{_YEAR}\b)?"),
        _full_date,
    ),
    (
        re.compile(rf"(?:{_WEEKDAY},?\s+)?(?P<day>\d{{1,2}})\s+{_MONTH}\b(?:,?\s+{_YEAR}\b)?"),
        _full_date,
    ),
    (
        re.compile(
            r"(?:the\s+)?(?P<season>spring|summer|fall|autumn|winter)\s+(?:of\s+)?" + _YEAR,
            re.IGNORECASE,
        ),
        _season,
    ),
    (re.compile(rf"{_MONTH},?\s+{_YEAR}\b"), _month),
    (
        re.compile(r"the\s+eve\s+of\s+(?P<orthodox>Orthodox\s+)?Easter", re.IGNORECASE),
        _eve_of_easter,
    ),
    (
        re.compile(
            r"the\s+(?:day|evening|night)\s+(?P<direction>before|after)"
            r"|the\s+(?P<direction2>previous|next|following)\s+day",
            re.IGNORECASE,
        ),
        _one_day,
    ),
    (
        re.compile(rf"{_COUNT}\s+days\s+(?P<direction>earlier|before|later|after)", re.I),
        _days_relative,
    ),
    (
        re.compile(r"\ba\s+year\s+(?P<direction>earlier|before|ago|later)\b", re.IGNORECASE),
        _year_relative,
    ),
    (re.compile(r"\bimmediately\s+after\b", re.IGNORECASE), _immediately_after),
    (re.compile(r"\b(?:currently|today|at\s+present)\b", re.IGNORECASE), _currently),
    (re.compile(r"(?:in\s+the\s+)?[\"“]?coming\s+days\b[\"”]?", re.IGNORECASE), _coming_days),
    (
        re.compile(rf"{_COUNT}\s+weeks?\s+(?P<direction>earlier|before|later|after)", re.I),
        _weeks_relative,
    ),
    (
        re.compile(
            rf"\bby\s+the\s+end\s+of\s+(?:{_MONTH}(?:,?\s+{_YEAR})?|the\s+(?P<unit>month|year))",
            re.IGNORECASE,
        ),
        _by_end_of,
    ),
    (re.compile(r"\b(?P<which>[Ll]ast|[Pp]revious|[Tt]his|[Nn]ext)\s+week\b"), _week),
    (
        re.compile(
            r"\b(?:(?P<which>earlier\s+this|later\s+this|this|last)\s+(?P<unit>month|year))\b",
            re.IGNORECASE,
        ),
        _calendar_relative,
    ),
    (
        re.compile(
            r"\b(?:in\s+the|(?P<which>this|last))\s+(?P<season>spring|summer|fall|autumn|winter)\b",
            re.IGNORECASE,
        ),
        _season_alone,
    ),
    (re.compile(r"\byesterday\b", re.IGNORECASE), _yesterday),
    (
        re.compile(rf"\b(?:(?P<which>[Ll]ast|[Nn]ext|[Tt]his|[Oo]n)\s+)?{_WEEKDAY}\b"),
        _weekday_alone,
    ),
    (re.compile(rf"\b{_YEAR}\b"), _year),
    (re.compile(rf"\b(?:(?:early|mid|late)[-\s])?{_MONTH}\b(?!\s+\d)"), _month_alone),
]


def _matches(text: str) -> list[tuple[re.Match[str], Handler]]:
    """Every date expression in `text`, in order; earlier patterns win where two overlap."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[re.Match[str], Handler]] = []
    for pattern, handler in PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append((match, handler))
    return sorted(found, key=lambda f: f[0].start())


def resolve_all(text: str, ctx: Context) -> list[Resolved]:
    """Every date expression in `text`, in order, each resolved in the one context `ctx`."""
    return [handler(match, ctx) for match, handler in _matches(text)]


def resolve_running(text: str, article: dt.date, anchor: Resolved | None) -> list[Resolved]:
    """Every date expression in `text`, in order, each counted (where it counts from a date)
    from the last one before it, the first from `anchor`, or else from the article's date; an
    expression that cannot be counted from those (a day counted from a month) is left out."""
    found: list[Resolved] = []
    last = anchor
    last_day = (
        anchor if anchor is not None and anchor.bounds.precision is DatePrecision.day else None
    )
    for match, handler in _matches(text):
        tried: list[Resolved | None] = [r for r in (last, last_day) if r is not None] or [None]
        for base in dict.fromkeys(tried):
            bounds = base.bounds if base is not None else edtf_bounds(article.isoformat())
            label = f"{base.expression!r} ({base.bounds.label})" if base else "the article's date"
            try:
                resolved = handler(match, Context(article, bounds, label))
            except ValueError:
                continue
            found.append(resolved)
            if resolved.anchors:
                last = resolved
                if resolved.bounds.precision is DatePrecision.day:
                    last_day = resolved
            break
    return found


def weekday_mismatch(r: Resolved) -> str | None:
    """What is wrong when the weekday written beside a date is not that date's weekday."""
    if r.weekday is None or r.bounds.start != r.bounds.end:
        return None
    actual = weekday_name(r.bounds.start)
    if actual.lower() == r.weekday.lower():
        return None
    return f"The text says {r.expression!r}, but {r.bounds.label} was a {actual}."


def weekday_name(day: dt.date) -> str:
    return calendar.day_name[day.weekday()]
