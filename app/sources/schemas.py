"""Source response shapes."""

import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field

from app.editorial.store import Record
from app.examples import BODIES
from app.models.enums import DatePrecision
from app.schemas import APPROXIMATE, LABEL, TITLE_MAX, UNCERTAIN, Ignored, In, Out, Slug


class SourceOut(Out):
    id: int
    slug: str
    title: str
    publisher: str
    url: str | None
    archive_url: str | None = Field(description="A copy kept by an archive, should `url` go.")
    language: str
    published: str
    published_start: dt.date
    published_end: dt.date
    published_precision: DatePrecision
    published_label: str = Field(description=LABEL)
    published_approximate: bool = Field(description=APPROXIMATE)
    published_uncertain: bool = Field(description=UNCERTAIN)
    published_note: str | None
    sha256: str
    length: int
    text_version: int = Field(description="1, and one more at each correction of the text.")
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime


class CitedRecord(Out):
    type: Literal["event", "quantity", "negotiation", "outcome", "claim"]
    id: int


class SpanOut(Out):
    """A cited span with its context (W3C TextQuote and TextPosition selectors)."""

    id: int
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    field: str | None
    record: CitedRecord


class SourceDetailOut(SourceOut):
    text: str | None = Field(
        description="The full text, for editors only: the public sees the cited spans."
    )
    citations: list[SpanOut]


class SourceIn(In):
    """A source to write: its GET shape, without `id`, `version` and timestamps, and with its
    text. Once cited, a corrected text becomes the source's next text version, and its
    citations are re-anchored by quote, prefix and suffix (or flagged where they no longer
    match)."""

    model_config = ConfigDict(json_schema_extra={"examples": [BODIES["source"]]})

    slug: Slug
    title: str = Field(min_length=1, max_length=TITLE_MAX)
    publisher: str = Field(min_length=1)
    url: str | None = None
    archive_url: str | None = None
    language: str = Field(min_length=2, max_length=35)
    published: str
    published_start: Ignored
    published_end: Ignored
    published_precision: Ignored
    published_label: Ignored
    published_approximate: Ignored
    published_uncertain: Ignored
    published_note: str | None = None
    text: str = Field(min_length=1)
    sha256: Ignored
    length: Ignored
    text_version: Ignored
    citations: Ignored

    def record(self) -> Record:
        values = {
            "slug": self.slug,
            "title": self.title,
            "publisher": self.publisher,
            "url": self.url,
            "archive_url": self.archive_url,
            "language": self.language,
            "published": self.published,
            "published_note": self.published_note,
            "text": self.text,
        }
        return Record("source", self.slug, values)
