"""Cross-checks of a row's dates and numbers against its quotes, as plain-English flags."""

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.dates import Bounds
from app.models.enums import Qualifier
from app.seed.dates import Resolved, weekday_name

Flag = dict[str, Any]

UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
UNITS += ["eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"]
UNITS += ["eighteen", "nineteen"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUES = {word: n for n, word in enumerate(UNITS)}
WORD_VALUES |= {word: 20 + 10 * n for n, word in enumerate(TENS)}
WORD_VALUES |= {"hundred": 100, "a hundred": 100, "a thousand": 1000, "dozen": 12}

QUALIFIER_WORDS = {
    "over": Qualifier.more_than,
    "more than": Qualifier.more_than,
    "in excess of": Qualifier.more_than,
    "at least": Qualifier.at_least,
    "no fewer than": Qualifier.at_least,
    "about": Qualifier.approx,
    "around": Qualifier.approx,
    "approximately": Qualifier.approx,
    "roughly": Qualifier.approx,
    "some": Qualifier.approx,
    "nearly": Qualifier.approx,
    "almost": Qualifier.approx,
    "up to": Qualifier.at_most,
    "at most": Qualifier.at_most,
    "fewer than": Qualifier.at_most,
    "less than": Qualifier.at_most,
}

_WORD_NUMBER = (
    rf"(?:(?:{'|'.join(TENS)})(?:-(?:{'|'.join(UNITS[1:10])}))?"
    rf"|{'|'.join(sorted(WORD_VALUES, key=len, reverse=True))})"
)
_NUMBER = re.compile(
    rf"(?:\b(?P<qualifier>{'|'.join(sorted(QUALIFIER_WORDS, key=len, reverse=True))})\s+)?"
    rf"(?:(?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.(?P<fraction>\d+))?(?!\d)"
    rf"|\b(?P<words>{_WORD_NUMBER})\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Number:
    value: Decimal
    qualifier: Qualifier
    text: str


def _word_value(words: str) -> int:
    words = words.lower()
    if "-" in words:
        tens, unit = words.split("-")
        return WORD_VALUES[tens] + WORD_VALUES[unit]
    return WORD_VALUES[words]


def numbers_in(text: str) -> list[Number]:
    """The numbers a quote states, digits or words, with any qualifier ("over 70")."""
    found: list[Number] = []
    for m in _NUMBER.finditer(text):
        if m.group("digits"):
            value = Decimal(m.group("digits").replace(",", "") + "." + (m.group("fraction") or "0"))
        else:
            value = Decimal(_word_value(m.group("words")))
        word = (m.group("qualifier") or "").lower()
        found.append(Number(value, QUALIFIER_WORDS.get(word, Qualifier.exact), m.group(0)))
    return found


def flag(kind: str, field: str | None, detail: str, chosen: object) -> Flag:
    return {"kind": kind, "field": field, "detail": detail, "chosen": chosen}


def check_value(
    *,
    field: str,
    value: Decimal | int,
    qualifier: Qualifier,
    quotes: list[str],
    reason: str | None,
) -> list[Flag]:
    """Does a number stand in its quotes, with the same qualifier? `reason` explains a number
    the quotes do not state (derived or inferred); ValueError when the two disagree."""
    stated = [n for quote in quotes for n in numbers_in(quote)]
    matching = [n for n in stated if n.value == Decimal(value)]
    chosen = int(value) if Decimal(value) == int(value) else str(value)
    if reason is not None:
        if matching:
            raise ValueError(f"the quoted words state {chosen}: its basis is `stated`")
        return [flag("inference", field, f"The text does not state {chosen}: {reason}", chosen)]
    if not matching:
        said = ", ".join(repr(n.text) for n in stated) or "no number"
        raise ValueError(
            f"the quoted words do not state {chosen} (they give {said}): quote the words that "
            "do, or give the basis and a `reason`"
        )
    if not any(n.qualifier is qualifier for n in matching):
        first = matching[0]
        detail = (
            f"The text says {first.text!r} ({first.qualifier.value.replace('_', ' ')}), "
            f"but the row records the value as {qualifier.value.replace('_', ' ')}."
        )
        return [flag("discrepancy", field, detail, chosen)]
    return []


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
    if r.weekday is None or r.bounds.start != r.bounds.end:
        return None
    actual = weekday_name(r.bounds.start)
    if actual.lower() == r.weekday.lower():
        return None
    detail = f"The text says {r.expression!r}, but {r.bounds.label} was a {actual}."
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
