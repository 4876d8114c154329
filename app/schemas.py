"""Response shapes every domain shares: references, citations, flags, pages."""

import datetime as dt
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Page(Out, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end."
    )


class ActorRef(Out):
    id: int
    slug: str
    name: str
    kind: str


class PlaceRef(Out):
    id: int
    slug: str
    name: str
    kind: str
    iso_code: str | None


class SourceRef(Out):
    id: int
    slug: str
    title: str
    href: str = Field(description="The source, with an RFC 5147 fragment for the cited span.")


class CitationOut(Out):
    """A quoted span (W3C TextQuoteSelector + TextPositionSelector, offsets in code points)."""

    id: int
    field: str | None = Field(description="The field this quote backs; null for the whole record.")
    quote: str
    start: int
    end: int
    prefix: str
    suffix: str
    note: str | None
    source: SourceRef


class Flag(BaseModel):
    """An editorial note on a record: a discrepancy in the sources, an inference, a caveat."""

    model_config = ConfigDict(extra="allow")

    kind: str
    field: str | None = None
    detail: str
    chosen: str | int | float | None = None


class Dated(Out):
    date: str = Field(description="EDTF date as precise as the sources allow.")
    date_start: dt.date
    date_end: dt.date
    date_precision: str


class EditorialOut(Out):
    status: str
    verification: str
    flags: list[Flag]
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
