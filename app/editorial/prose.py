"""Prose in Parley's voice: no raw EDTF, and quotation marks only around the source's words."""

import re

RAW_EDTF = re.compile(
    r"""\d{4}(?:-\d{2}){0,2}[~?%]          # a qualified date: 2024~, 2025-05-16?
    | [~?%]\d{4}                            # a leading qualifier
    | \b\d{4}-(?:2[1-9]|3\d|4[01])\b        # a season or quarter code: 2022-23
    | \b\d{4}(?:-\d{2}){0,2}/(?:\d{4}|\.\.) # an interval: 2025-05-16/2025-05-23
    | \.\./\d{4}                            # an open start
    | \b\d{2,3}X+\b | \b\d{4}-XX            # unspecified digits: 202X, 2025-XX
    | \[\d{4}[^\]]*\]                       # a set: [2025-04-19, 2025-04-20]
    """,
    re.VERBOSE,
)
_QUOTED = re.compile('"([^"\u201c\u201d]*)["\u201d]|\u201c([^"\u201c\u201d]*)["\u201d]')
_FOLD = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def raw_edtf(text: str) -> list[str]:
    """EDTF syntax in prose, which should use the date's label instead."""
    return [m.group(0) for m in RAW_EDTF.finditer(text)]


def _normal(text: str) -> str:
    return " ".join(text.translate(_FOLD).split())


def quotes_not_in(text: str, source: str) -> list[str]:
    """Words `text` puts in double quotation marks that `source` does not contain.

    Curly and straight marks and runs of spaces count alike, and so does the case of the
    first letter (a quote may start a sentence); an ellipsis splits a quote into fragments.
    """
    haystack = _normal(source)
    missing = []
    for m in _QUOTED.finditer(text):
        quote = m.group(1) if m.group(1) is not None else m.group(2)
        for fragment in re.split(r"\s*(?:\u2026|\.\.\.)\s*", _normal(quote)):
            fragment = fragment.strip(" ,;:")
            if not fragment:
                continue
            variants = {fragment, fragment[:1].swapcase() + fragment[1:]}
            if not any(v in haystack for v in variants):
                missing.append(quote)
                break
    return missing
