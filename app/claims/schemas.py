"""Territorial claim response shapes."""

from decimal import Decimal

from pydantic import Field

from app.models.enums import ClaimKind, Qualifier
from app.schemas import ActorRef, AsOfDated, CitationOut, EditorialOut, Out, PlaceRef


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
    value: Decimal | None
    unit: str | None
    qualifier: Qualifier
    event: ClaimEventRef | None
    counter_positions: list[ClaimRef]
    citations: list[CitationOut]
