"""Territorial claim response shapes."""

import datetime as dt
from decimal import Decimal

from pydantic import Field

from app.schemas import ActorRef, CitationOut, EditorialOut, Out, PlaceRef


class ClaimRef(Out):
    id: int
    slug: str
    kind: str
    title: str
    claimant: ActorRef
    stated_by: ActorRef


class ClaimEventRef(Out):
    id: int
    slug: str
    title: str


class ClaimOut(EditorialOut):
    """A position someone states about a place; `attribution` says whose it is."""

    id: int
    slug: str
    kind: str
    title: str
    summary: str
    attribution: str = Field(description="Who says so, as of when; never omitted.")
    claimant: ActorRef = Field(description="On whose behalf the claim is made.")
    stated_by: ActorRef = Field(description="Who states it.")
    place: PlaceRef
    value: Decimal | None
    unit: str | None
    qualifier: str
    as_of: str
    as_of_start: dt.date
    as_of_end: dt.date
    as_of_precision: str
    event: ClaimEventRef | None
    counter_positions: list[ClaimRef]
    citations: list[CitationOut]
