"""Articles written sentence by sentence, remembering where each cited phrase stands."""

from dataclasses import dataclass, field

from app.editorial.quotes import CONTEXT


class Sentence:
    """A sentence and the spans of its marked phrases (offsets within the sentence)."""

    __slots__ = ("_parts", "_size", "marks")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._size = 0
        self.marks: dict[str, tuple[int, int]] = {}

    def say(self, text: str) -> "Sentence":
        self._parts.append(text)
        self._size += len(text)
        return self

    def mark(self, name: str, text: str) -> "Sentence":
        """Say `text`, and remember it under `name` so a citation can quote it."""
        self.marks[name] = (self._size, self._size + len(text))
        return self.say(text)

    @property
    def text(self) -> str:
        return "".join(self._parts)


Quote = tuple[int, int, int, str | None, int, int]
"""A citation waiting for its article's text: its id, start and end, field, which record column
it fills (an index into TARGETS) and that record's id."""


TARGETS = ("event_id", "quantity_id", "negotiation_id", "outcome_id", "claim_id")
EVENT, QUANTITY, NEGOTIATION, OUTCOME, CLAIM = range(len(TARGETS))
NO_TARGETS = (None,) * len(TARGETS)


@dataclass
class Article:
    """A source's text, grown sentence by sentence, and the citations that quote it."""

    source_id: int
    parts: list[str] = field(default_factory=list)
    size: int = 0
    quotes: list[Quote] = field(default_factory=list)

    def cite(
        self, quote_id: int, start: int, end: int, field: str | None, target: int, record: int
    ) -> None:
        self.quotes.append((quote_id, start, end, field, target, record))

    def add(self, sentence: Sentence, *, paragraph: bool = False) -> int:
        """Append a sentence; its offset in the text."""
        if self.parts:
            joint = "\n" if paragraph else " "
            self.parts.append(joint)
            self.size += 1
        start = self.size
        text = sentence.text
        self.parts.append(text)
        self.size += len(text)
        return start

    def text(self) -> str:
        return "".join(self.parts)

    def citation_rows(self, text: str) -> list[tuple[object, ...]]:
        """The citations quoting this article, as rows of the `citations` table: prefix and
        suffix as `app.editorial.quotes.span_at` cuts them."""
        rows: list[tuple[object, ...]] = []
        source = self.source_id
        for quote_id, start, end, field_name, target, record in self.quotes:
            row: list[object] = [quote_id, source, text[start:end], start, end]
            row += (text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT], field_name)
            row += NO_TARGETS
            row[8 + target] = record
            rows.append(tuple(row))
        return rows


CITATION_COLUMNS = (
    "id",
    "source_id",
    "quote",
    "start_offset",
    "end_offset",
    "prefix",
    "suffix",
    "field",
    *TARGETS,
)
