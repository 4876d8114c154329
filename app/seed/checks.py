"""Cross-checks of a row's dates against its quotes and neighbours, as plain-English flags."""

import re
from dataclasses import dataclass

from app.dates import Bounds
from app.editorial.datephrases import Resolved, weekday_mismatch, weekday_name
from app.editorial.numbers import Flag, flag


@dataclass(frozen=True)
class Neighbour:
    """A row this one is said to come after (or before) in the article's account."""

    relation: str
    label: str
    bounds: Bounds


def _disjoint(a: Bounds, b: Bounds) -> bool:
    return a.end < b.start or b.end < a.start


def _breaks_order(bounds: Bounds, other: Neighbour) -> bool:
    if other.relation == "after":
        return bounds.end < other.bounds.start
    return bounds.start > other.bounds.end


def _weekday_flag(r: Resolved, field: str, chosen: Bounds) -> Flag | None:
    detail = weekday_mismatch(r)
    if detail is None or r.weekday is None:
        return None
    if chosen.start == chosen.end and weekday_name(chosen.start).lower() == r.weekday.lower():
        detail += f" {chosen.label} was a {r.weekday}."
    return flag("discrepancy", field, detail, chosen.edtf)


def date_flags(
    *,
    field: str,
    chosen: Bounds,
    resolved: list[Resolved],
    neighbours: list[Neighbour],
    reason: str | None,
) -> list[Flag]:
    """Flags for a row's date: contradictions in the text, and what Parley inferred."""
    flags: list[Flag] = []
    agreeing = [r for r in resolved if not _disjoint(r.bounds, chosen)]
    for r in resolved:
        if (weekday := _weekday_flag(r, field, chosen)) is not None:
            flags.append(weekday)
        if _disjoint(r.bounds, chosen):
            detail = f"The text says {r.expression!r}, read as {r.bounds.label}; Parley dates "
            detail += f"this {chosen.label}." + (f" {reason}" if reason else "")
            flags.append(flag("discrepancy", field, detail, chosen.edtf))
        for other in neighbours:
            if _breaks_order(r.bounds, other):
                where, verb = (
                    ("before", "follows") if other.relation == "after" else ("after", "precedes")
                )
                detail = (
                    f"Read as {r.bounds.label}, {r.expression!r} would put this {where} "
                    f"{other.label} ({other.bounds.label}), which it {verb} in the article's "
                    "account."
                )
                flags.append(flag("discrepancy", field, detail, chosen.edtf))
    if not resolved:
        detail = f"The article does not date this; Parley dates it {chosen.label}."
        flags.append(
            flag("inference", field, detail + (f" {reason}" if reason else ""), chosen.edtf)
        )
    elif not agreeing:
        detail = f"{chosen.label} is a corrected date the text does not give (see the discrepancy)."
        flags.append(flag("inference", field, detail, chosen.edtf))
    elif not any(r.explicit for r in agreeing):
        detail = "; ".join(r.how for r in agreeing if not r.explicit) + "."
        flags.append(
            flag("inference", field, detail + (f" {reason}" if reason else ""), chosen.edtf)
        )
    return flags


def order_problems(chosen: Bounds, neighbours: list[Neighbour]) -> list[str]:
    """How the chosen date itself contradicts the order the curation declares."""
    return [
        f"{chosen.label} is not {n.relation} {n.label} ({n.bounds.label})"
        for n in neighbours
        if _breaks_order(chosen, n)
    ]


_QUOTED = re.compile('"[^"]*"|\u201c[^\u201d]*\u201d|\u2018[^\u2019]*\u2019')
"""Text in straight or curly quotation marks."""


def framing_outside_quotes(text: str, terms: list[str]) -> list[str]:
    """The framing terms `text` uses in its own voice, outside quotation marks."""
    bare = _QUOTED.sub(" ", text)
    return [t for t in terms if re.search(rf"(?<!\w){re.escape(t)}(?!\w)", bare, re.IGNORECASE)]
