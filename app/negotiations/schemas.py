"""Negotiation response shapes."""

from app.events.schemas import NegotiationRef
from app.schemas import ActorRef, CitationOut, Dated, EditorialOut, Out, PlaceRef


class PartyOut(Out):
    actor: ActorRef
    role: str


class MemberOut(Out):
    actor: ActorRef
    role: str | None


class DelegationOut(Out):
    id: int
    side: ActorRef
    head: ActorRef | None
    members: list[MemberOut]


class EventRef(Out):
    id: int
    slug: str
    type: str
    title: str
    date: str
    status: str


class OutcomeOut(Out):
    """What the track agreed or did not; `events` are the records that implement it."""

    id: int
    slug: str
    kind: str
    description: str
    stated_by: ActorRef | None
    events: list[EventRef]
    citations: list[CitationOut]


class NegotiationOut(Dated, EditorialOut):
    id: int
    slug: str
    title: str
    summary: str
    venue: PlaceRef | None
    format: str
    phase: str
    agenda: list[str]
    parties: list[PartyOut]
    delegations: list[DelegationOut]
    outcomes: list[OutcomeOut]
    rounds: list[EventRef]
    citations: list[CitationOut]


__all__ = ["NegotiationOut", "NegotiationRef"]
