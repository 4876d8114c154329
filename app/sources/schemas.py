"""Source response shapes."""

import datetime as dt

from app.schemas import Out


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
    published_precision: str
    published_note: str | None
    sha256: str
    length: int
    created_at: dt.datetime
    updated_at: dt.datetime


class CitedRecord(Out):
    type: str
    id: int


class SpanOut(Out):
    id: int
    start: int
    end: int
    quote: str
    field: str | None
    record: CitedRecord


class SourceDetailOut(SourceOut):
    text: str
    citations: list[SpanOut]
