"""Source response shapes."""

import datetime as dt

from pydantic import Field

from app.models.enums import DatePrecision
from app.schemas import APPROXIMATE, LABEL, UNCERTAIN, Out


class SourceOut(Out):
    id: int
    slug: str
    title: str
    publisher: str
    url: str | None
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
    created_at: dt.datetime
    updated_at: dt.datetime


class CitedRecord(Out):
    type: str
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
