"""Shapes every domain shares, read and write: references, citations, flags, dates, pages."""

import datetime as dt
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.models.base import TITLE_MAX as TITLE_MAX
from app.models.enums import ActorKind, DatePrecision, PlaceKind, RecordStatus, Verification

T = TypeVar("T")


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProblemError(Out):
    location: Literal["query", "path", "header", "body", "cookie", "request"]
    name: str = Field(description="The parameter, header or body member at fault.")
    message: str
    path: str | None = Field(
        default=None, description="Where inside the member, for nested values (`items.0.id`)."
    )


class ProblemOut(Out):
    """An RFC 9457 problem: every error Parley answers with."""

    type: str = Field(
        description="A URI naming the kind of problem.",
        examples=["https://parley.example/problems/not-found"],
    )
    title: str
    status: int = Field(ge=400, le=599)
    detail: str = Field(description="What went wrong with this request, in a sentence.")
    instance: str | None = Field(default=None, description="The path the request was for.")
    errors: list[ProblemError] | None = Field(
        default=None, description="Each parameter or member at fault (4xx on input)."
    )


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


FlagKind = Literal["discrepancy", "inference", "attribution", "note"]


class Flag(BaseModel):
    """An editorial note on a record: a discrepancy in the sources, an inference, a caveat."""

    model_config = ConfigDict(extra="allow")

    kind: FlagKind
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
    status_note: str | None = Field(
        description="For readers: why it was retracted, or what its last correction changed."
    )
    verification: Verification = Field(
        description="Whose accounts the record rests on: `unverified` (only the publication's "
        "own narration), `one_side`, `both_sides`, or `independent` (neither side's)."
    )
    flags: list[Flag]
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime


# Write shapes: a record's detail as its GET returns it, minus `id`, `version`, `status` and
# timestamps, is a valid body. What Parley computes (date bounds and labels, verification,
# links, flags its checks raised) is accepted and ignored; references are ids, slugs, or the
# reference objects the GET returns.

Ignored = Annotated[
    Any, Field(default=None, exclude=True, description="Computed by Parley; ignored on input.")
]


TEXT_MAX = 200_000
"""Characters in any other string a client sends (a source's full text is the longest)."""


class In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_max_length=TEXT_MAX)


class RefIn(BaseModel):
    """A reference as the GET returns it; only its `id` or `slug` counts."""

    model_config = ConfigDict(extra="ignore")

    id: int | None = Field(default=None, ge=1, le=2**63 - 1)
    slug: str | None = Field(default=None, min_length=1, max_length=200)

    @model_validator(mode="after")
    def _named(self) -> "RefIn":
        if self.id is None and self.slug is None:
            raise ValueError("a reference needs an `id` or a `slug`")
        return self


Slug = Annotated[
    str,
    Field(
        min_length=1,
        max_length=200,
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        description="Lowercase words joined by hyphens, not all digits.",
    ),
]

RefId = Annotated[int, Field(ge=1, le=2**63 - 1)]
Ref = Annotated[
    RefId | Annotated[str, Field(min_length=1, max_length=200)] | RefIn,
    Field(description="An id, a slug, or `{id}` / `{slug}` (with both, the slug counts)."),
]


def ref(value: "int | str | RefIn | None") -> int | str | None:
    """What a reference names: a slug when one is given, else an id."""
    if isinstance(value, RefIn):
        return value.slug if value.slug is not None else value.id
    return value


class FlagIn(BaseModel):
    """An editor's note on a record; flags with `by: parley` are Parley's and recomputed."""

    model_config = ConfigDict(extra="allow")

    kind: FlagKind
    field: str | None = None
    detail: str = Field(min_length=1)
    chosen: str | int | float | None = None


class CitationIn(In):
    """A quote of a source: located by `start`/`end`, or found in the text (with `prefix` or
    `suffix` to tell repeats apart)."""

    id: Ignored
    field: str | None = None
    quote: str = Field(min_length=1)
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=1)
    prefix: str | None = None
    suffix: str | None = None
    note: str | None = None
    source: Ref

    def row(self) -> dict[str, Any]:
        return {
            "source_id": ref(self.source),
            "quote": self.quote,
            "start_offset": self.start,
            "end_offset": self.end,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "field": self.field,
            "note": self.note,
        }


class DatedIn(In):
    date: str = Field(description=EDTF)
    date_start: Ignored
    date_end: Ignored
    date_precision: Ignored
    date_label: Ignored
    date_approximate: Ignored
    date_uncertain: Ignored


class AsOfDatedIn(In):
    as_of: str = Field(description=EDTF)
    as_of_start: Ignored
    as_of_end: Ignored
    as_of_precision: Ignored
    as_of_label: Ignored
    as_of_approximate: Ignored
    as_of_uncertain: Ignored


class EditorialIn(In):
    flags: list[FlagIn] = []
    verification: Ignored
    status_note: Ignored

    def flag_rows(self) -> list[dict[str, Any]]:
        return [f.model_dump(mode="json", exclude_none=True) for f in self.flags]


def citation_rows(citations: "list[CitationIn]") -> list[dict[str, Any]]:
    return [c.row() for c in citations]
