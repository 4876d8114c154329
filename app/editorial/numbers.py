"""Numbers in quotes: digits and number words with their qualifiers, checked against a value."""

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from text_to_num import text2num

from app.models.enums import Qualifier

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

_SCALES = ["hundred", "thousand", "million"]
_WORD = (
    rf"(?:(?:{'|'.join(TENS)})(?:-(?:{'|'.join(UNITS[1:10])}))?"
    rf"|{'|'.join(sorted([*WORD_VALUES, *_SCALES], key=len, reverse=True))})"
)
_WORD_NUMBER = rf"{_WORD}(?:(?:\s+and\s+|[\s-]+){_WORD})*"
"""Number words in a row: "six", "forty-eight", "six thousand", "two hundred and twelve"."""
_NUMBER = re.compile(
    rf"(?:\b(?P<qualifier>{'|'.join(sorted(QUALIFIER_WORDS, key=len, reverse=True))})\s+)?"
    rf"(?:(?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.(?P<fraction>\d+))?(?!\d)"
    rf"(?:\s+(?P<scale>thousand|million)\b)?"
    rf"|\b(?P<words>{_WORD_NUMBER})\b)",
    re.IGNORECASE,
)


_PARTICLE = re.compile(
    r"\b(?:hand(?:s|ed|ing)?|turn(?:s|ed|ing)?|pass(?:es|ed|ing)?|t[ao]ok|tak(?:en|es|ing)|"
    r"g[ai]ve|giv(?:en|es|ing)|sign(?:s|ed|ing)?)\s+$",
    re.IGNORECASE,
)
"""Verbs whose "over" is their own ("handed over 390"), not a qualifier of the number."""


@dataclass(frozen=True)
class Number:
    value: Decimal
    qualifier: Qualifier
    text: str
    start: int = 0
    """Where `text` starts in the text searched."""


def _word_value(words: str) -> int:
    words = words.lower()
    if words in WORD_VALUES:
        return WORD_VALUES[words]
    try:
        return int(text2num(words, "en"))
    except ValueError:
        return WORD_VALUES.get(words.split()[0].split("-")[0], 0)


def numbers_in(text: str) -> list[Number]:
    """The numbers a quote states, digits or words, with any qualifier ("over 70")."""
    found: list[Number] = []
    for m in _NUMBER.finditer(text):
        if m.group("digits"):
            value = Decimal(m.group("digits").replace(",", "") + "." + (m.group("fraction") or "0"))
            if m.group("scale"):
                value *= 1000 if m.group("scale").lower() == "thousand" else 1_000_000
        else:
            value = Decimal(_word_value(m.group("words")))
        word = (m.group("qualifier") or "").lower()
        start = m.start()
        if word == "over" and _PARTICLE.search(text[: m.start()]):
            word, start = "", m.start("digits") if m.group("digits") else m.start("words")
        qualifier = QUALIFIER_WORDS.get(word, Qualifier.exact)
        found.append(Number(value, qualifier, text[start : m.end()], start))
    return found


RAISED = {"by": "parley"}
"""Marks a flag Parley's own checks raise: recomputed at every write, never taken as input."""


def flag(kind: str, field: str | None, detail: str, chosen: object) -> Flag:
    return {"kind": kind, "field": field, "detail": detail, "chosen": chosen}


def _chosen(value: Decimal | int) -> int | str:
    return int(value) if Decimal(value) == int(value) else str(value)


def inference_flag(field: str, value: Decimal | int, reason: str) -> Flag:
    """The note a worked-out value carries: what the text says instead, and how it was read."""
    chosen = _chosen(value)
    return flag("inference", field, f"The text does not state {chosen}: {reason}", chosen)


def check_value(
    *,
    field: str,
    value: Decimal | int,
    qualifier: Qualifier,
    quotes: list[str],
    worked_out: bool,
) -> list[Flag]:
    """Does a number stand in its quotes, with the same qualifier?

    ValueError when a stated value is not in its quotes, or a worked-out (derived or inferred)
    one is; a discrepancy flag, raised by Parley, when the qualifiers differ.
    """
    stated = [n for quote in quotes for n in numbers_in(quote)]
    matching = [n for n in stated if n.value == Decimal(value)]
    chosen = _chosen(value)
    if worked_out:
        if matching:
            raise ValueError(f"the quoted words state {chosen}: its basis is `stated`")
        return []
    if not matching:
        said = ", ".join(repr(n.text) for n in stated) or "no number"
        raise ValueError(
            f"the quoted words do not state {chosen} (they give {said}): quote the words that "
            "do, or say how it was worked out"
        )
    if not any(n.qualifier is qualifier for n in matching):
        first = matching[0]
        detail = (
            f"The text says {first.text!r} ({first.qualifier.value.replace('_', ' ')}), "
            f"but the row records the value as {qualifier.value.replace('_', ' ')}."
        )
        return [flag("discrepancy", field, detail, chosen) | RAISED]
    return []
