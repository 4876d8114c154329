"""Which sentences of a source no row cites."""

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s|$)|\n+")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Excluded:
    sentence: Sentence
    reason: str


@dataclass(frozen=True)
class Coverage:
    """How much of one source the curation cites."""

    source: str
    sentences: int
    cited: int
    excluded: list[Excluded]
    uncited: list[Sentence]
    cited_chars: int
    countable_chars: int

    @property
    def complete(self) -> bool:
        return not self.uncited

    @property
    def char_share(self) -> float:
        return self.cited_chars / self.countable_chars if self.countable_chars else 1.0


def sentences(text: str) -> list[Sentence]:
    """Sentences: a stop (with any closing quote) before a space, or a line break, ends one."""
    found: list[Sentence] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end() if not m.group(0).startswith("\n") else m.start()
        _add(found, text, start, end)
        start = m.end()
    _add(found, text, start, len(text))
    return found


def _add(found: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        found.append(Sentence(start, end, text[start:end]))


def _overlaps(sentence: Sentence, span: tuple[int, int]) -> bool:
    return span[0] < sentence.end and sentence.start < span[1]


def coverage(
    source: str,
    text: str,
    cited: list[tuple[int, int]],
    exclusions: list[tuple[tuple[int, int], str]],
) -> Coverage:
    """Sentences cited by at least one span, excluded (with the reason), or left uncited."""
    all_sentences = sentences(text)
    excluded: list[Excluded] = []
    uncited: list[Sentence] = []
    cited_count = 0
    for sentence in all_sentences:
        reasons = [reason for span, reason in exclusions if _overlaps(sentence, span)]
        if reasons:
            excluded.append(Excluded(sentence, reasons[0]))
        elif any(_overlaps(sentence, span) for span in cited):
            cited_count += 1
        else:
            uncited.append(sentence)
    covered = [False] * len(text)
    for start, end in cited:
        covered[start:end] = [True] * (end - start)
    skipped = {e.sentence for e in excluded}
    countable = [
        i
        for s in all_sentences
        if s not in skipped
        for i in range(s.start, s.end)
        if not text[i].isspace()
    ]
    return Coverage(
        source=source,
        sentences=len(all_sentences),
        cited=cited_count,
        excluded=excluded,
        uncited=uncited,
        cited_chars=sum(1 for i in countable if covered[i]),
        countable_chars=len(countable),
    )
