"""Sentences with their offsets, and names compared without accents or case."""

import unicodedata
from dataclasses import dataclass
from functools import cache

import pysbd


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    """Offset of its first character in the article, in code points."""

    @property
    def end(self) -> int:
        return self.start + len(self.text)


CLOSING = "\u201d\u2019\"')"
"""Closing marks the segmenter sometimes leaves at the start of the next sentence."""


@cache
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def sentences(article: str) -> list[Sentence]:
    """The article's sentences, trailing spaces trimmed, each found at its own offsets."""
    found: list[Sentence] = []
    for span in _segmenter().segment(article):
        text = span.sent.rstrip()
        start = span.start + len(text) - len(text.lstrip())
        text = text.strip()
        closing = len(text) - len(text.lstrip(CLOSING))
        if closing and found:
            last = found.pop()
            found.append(Sentence(article[last.start : start + closing], last.start))
            text, start = text[closing:].lstrip(), start + closing
            start += len(article[start:]) - len(article[start:].lstrip())
        if text and article[start : start + len(text)] == text:
            found.append(Sentence(text, start))
    return found


def _plain(c: str) -> str:
    if c in "\u2019\u2018":
        return "'"
    if c in "\u201c\u201d":
        return '"'
    base = "".join(d for d in unicodedata.normalize("NFKD", c) if not unicodedata.combining(d))
    return base if len(base) == 1 else c


def fold(text: str) -> str:
    """`text` without accents and with plain quotes, character for character, so offsets in it
    are offsets in `text`."""
    return "".join(_plain(c) for c in text)
