"""Timeline entry shapes."""

from typing import Literal

from pydantic import Field

from app.schemas import ActorRef, Dated, Flag, Out, PlaceRef

Record = Literal["event", "claim", "outcome"]


class GroupedClaim(Out):
    """One of the claims a timeline entry groups (one region of a claim made about several)."""

    id: int
    slug: str
    href: str
    title: str
    place: PlaceRef
    value: float | None
    unit: str | None
    qualifier: str


class TrackRef(Out):
    id: int
    slug: str
    title: str


class TimelineEntry(Dated):
    """An event, a claim (or the claims one statement makes region by region), or an outcome
    of a negotiation, dated when it was agreed."""

    record: Record
    id: int
    slug: str
    type: str = Field(description="The event's type, the claim's kind, or the outcome's kind.")
    title: str
    summary: str
    status: str
    status_note: str | None
    attribution: str | None = Field(
        description="For claims, who says so and as of when; a claim is never unattributed."
    )
    stated_by: ActorRef | None
    places: list[PlaceRef]
    flags: list[Flag]
    href: str = Field(description="The full record.")
    claims: list[GroupedClaim] = Field(description="For a claim entry, each claim it groups.")
    negotiation: TrackRef | None = Field(description="For an outcome, its negotiation track.")
    delivery: str | None = Field(description="For an outcome, how far it is delivered.")
