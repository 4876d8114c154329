"""Response shapes every domain shares: references, citations, flags, pages."""

import datetime as dt
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from app.models.enums import ActorKind, DatePrecision, PlaceKind, RecordStatus, Verification

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
    kind: ActorKind


class PlaceRef(Out):
    id: int
    slug: str
    name: str
    kind: PlaceKind
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


EDTF = "EDTF date (ISO 8601-2), as precise as the sources allow and no more."
START = "The first day the date can mean."
END = "The last day the date can mean."
LABEL = 'How to write the date in prose: "23 May 2025", "about 2024", "autumn 2022".'
APPROXIMATE = "The date is approximate (EDTF `~` or `%`)."
UNCERTAIN = "The date is uncertain (EDTF `?` or `%`)."


class Dated(Out):
    date: str = Field(description=EDTF)
    date_start: dt.date = Field(description=START)
    date_end: dt.date = Field(description=END)
    date_precision: DatePrecision
    date_label: str = Field(description=LABEL)
    date_approximate: bool = Field(description=APPROXIMATE)
    date_uncertain: bool = Field(description=UNCERTAIN)


class AsOfDated(Out):
    as_of: str = Field(description=EDTF)
    as_of_start: dt.date = Field(description=START)
    as_of_end: dt.date = Field(description=END)
    as_of_precision: DatePrecision
    as_of_label: str = Field(description=LABEL)
    as_of_approximate: bool = Field(description=APPROXIMATE)
    as_of_uncertain: bool = Field(description=UNCERTAIN)


class EditorialOut(Out):
    status: RecordStatus
    verification: Verification = Field(
        description="Whose accounts the record rests on: `unverified` (only the publication's "
        "own narration), `one_side`, `both_sides`, or `independent` (neither side's)."
    )
    flags: list[Flag]
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
