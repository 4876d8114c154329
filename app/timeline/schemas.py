"""Timeline entry shapes."""

from typing import Any, Literal

from pydantic import Field

from app.models.enums import (
    ClaimKind,
    DeliveryState,
    EventType,
    OutcomeKind,
    Qualifier,
    RecordStatus,
)
from app.schemas import ActorRef, Dated, Flag, Out, PlaceRef

Record = Literal["event", "claim", "outcome"]
KIND_GROUPS = {"event": "Events", "claim": "Claims", "outcome": "Negotiation outcomes"}


class GroupedClaim(Out):
    """One of the claims a timeline entry groups (one region of a claim made about several)."""

    id: int
    slug: str
    href: str
    title: str
    place: PlaceRef
    value: float | None
    unit: str | None
    qualifier: Qualifier


class QuotedSource(Out):
    slug: str
    title: str
    publisher: str
    url: str | None = Field(description="Where the source was published, if online.")
    href: str = Field(description="The source, with an RFC 5147 fragment for the quoted span.")


class LeadQuote(Out):
    """The record's first whole-record citation."""

    quote: str
    source: QuotedSource


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
    type: EventType | ClaimKind | OutcomeKind = Field(
        description="The event's type, the claim's kind, or the outcome's kind."
    )
    title: str
    summary: str
    status: RecordStatus
    status_note: str | None
    attribution: str | None = Field(
        description="For claims, who says so and as of when; a claim is never unattributed."
    )
    stated_by: ActorRef | None
    places: list[PlaceRef]
    flags: list[Flag]
    citation: LeadQuote | None = Field(
        description="The words of the source that back the entry (for a group, its first claim)."
    )
    href: str = Field(description="The full record.")
    claims: list[GroupedClaim] = Field(description="For a claim entry, each claim it groups.")
    negotiation: TrackRef | None = Field(description="For an outcome, its negotiation track.")
    delivery: DeliveryState | None = Field(description="For an outcome, how far it is delivered.")


class FacetCount(Out):
    value: str
    count: int = Field(description="Entries the timeline keeps when filtered by this value.")


class NamedCount(FacetCount):
    name: str


class PlaceCount(NamedCount):
    iso_code: str | None


class TimelineFacets(Out):
    """Counts per choice of each filter, under the other filters given (as a filter menu shows
    them); an entry counts for each of its actors, places (and the places they lie in) and the
    years its dates overlap."""

    total: int = Field(description="Entries the timeline holds under all the filters given.")
    record: list[FacetCount]
    type: list[FacetCount] = Field(description="Event types (the `type` filter lists events).")
    actor: list[NamedCount]
    place: list[PlaceCount]
    year: list[FacetCount]
    status: list[FacetCount]


def _timelinejs_schema() -> dict[str, Any]:
    """The Knight Lab TimelineJS 3 document an export serves (the parts Parley fills)."""
    text = {
        "type": "object",
        "required": ["headline", "text"],
        "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
    }
    date = {
        "type": "object",
        "required": ["year", "display_date"],
        "properties": {
            "year": {"type": "integer"},
            "month": {"type": "integer", "minimum": 1, "maximum": 12},
            "day": {"type": "integer", "minimum": 1, "maximum": 31},
            "display_date": {"type": "string"},
        },
    }
    slide = {
        "type": "object",
        "required": ["unique_id", "group", "display_date", "start_date", "text"],
        "properties": {
            "unique_id": {"type": "string"},
            "group": {"type": "string", "enum": list(KIND_GROUPS.values())},
            "display_date": {"type": "string"},
            "start_date": date,
            "end_date": date,
            "text": text,
        },
    }
    return {
        "type": "object",
        "required": ["title", "events"],
        "properties": {
            "title": {"type": "object", "properties": {"text": text}},
            "events": {"type": "array", "items": slide},
        },
    }


TIMELINEJS_SCHEMA = _timelinejs_schema()
