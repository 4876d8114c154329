"""Territorial claim response shapes."""

from decimal import Decimal
from typing import Literal

from pydantic import ConfigDict, Field

from app.editorial.store import Record
from app.examples import BODIES
from app.models.enums import ClaimKind, Qualifier
from app.schemas import (
    TITLE_MAX,
    ActorRef,
    AsOfDated,
    AsOfDatedIn,
    CitationIn,
    CitationOut,
    EditorialIn,
    EditorialOut,
    Ignored,
    Out,
    PlaceRef,
    Ref,
    Slug,
    citation_rows,
    ref,
)


class ClaimRef(Out):
    id: int
    slug: str
    kind: ClaimKind
    title: str
    claimant: ActorRef
    stated_by: ActorRef


class ClaimEventRef(Out):
    id: int
    slug: str
    title: str


class ClaimOut(AsOfDated, EditorialOut):
    """A position someone states about a place; `attribution` says whose it is."""

    id: int
    slug: str
    kind: ClaimKind
    title: str
    summary: str
    attribution: str = Field(description="Who says so, as of when; never omitted.")
    claimant: ActorRef = Field(description="On whose behalf the claim is made.")
    stated_by: ActorRef = Field(description="Who states it.")
    place: PlaceRef
    value: float | None = Field(description="The figure the claim states (a JSON number).")
    unit: str | None
    qualifier: Qualifier
    event: ClaimEventRef | None
    counter_positions: list[ClaimRef]
    citations: list[CitationOut]


class ClaimIn(AsOfDatedIn, EditorialIn):
    """A claim to write: its GET shape, without `id`, `version`, `status` and timestamps.
    `counter_positions` name the claims that answer it."""

    model_config = ConfigDict(json_schema_extra={"examples": [BODIES["claim"]]})

    slug: Slug
    kind: ClaimKind
    title: str = Field(min_length=1, max_length=TITLE_MAX)
    summary: str = ""
    attribution: Ignored
    claimant: Ref
    stated_by: Ref
    place: Ref
    value: Decimal | None = Field(default=None, ge=0, max_digits=6, decimal_places=2)
    unit: Literal["percent"] | None = None
    qualifier: Qualifier = Qualifier.exact
    event: Ref | None = None
    counter_positions: list[Ref] = []
    citations: list[CitationIn] = Field(min_length=1)

    def record(self) -> Record:
        values = {
            "slug": self.slug,
            "kind": self.kind.value,
            "title": self.title,
            "summary": self.summary,
            "claimant_id": ref(self.claimant),
            "stated_by_id": ref(self.stated_by),
            "place_id": ref(self.place),
            "value": str(self.value) if self.value is not None else None,
            "unit": self.unit,
            "qualifier": self.qualifier.value,
            "as_of": self.as_of,
            "event_id": ref(self.event),
            "flags": self.flag_rows(),
        }
        children = {
            "counters": [{"counter_id": ref(c)} for c in self.counter_positions],
            "citations": citation_rows(self.citations),
        }
        return Record("claim", self.slug, values, children)
