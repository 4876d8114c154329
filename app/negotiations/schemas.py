"""Negotiation response shapes."""

from pydantic import Field

from app.events.schemas import NegotiationRef
from app.models.enums import (
    DeliveryState,
    EventType,
    NegotiationFormat,
    NegotiationPhase,
    NegotiationRole,
    OutcomeKind,
    RecordStatus,
)
from app.schemas import (
    ActorRef,
    AsOfDated,
    CitationOut,
    Dated,
    EditorialOut,
    Flag,
    Out,
    PlaceRef,
)


class PartyOut(Out):
    actor: ActorRef
    role: NegotiationRole


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
    type: EventType
    title: str
    date: str
    date_label: str
    status: RecordStatus


class DeliveryOut(AsOfDated):
    """How far an outcome has been carried out, as of a date, according to someone."""

    state: DeliveryState
    stated_by: ActorRef


class StageOut(Out):
    stage: int = Field(description="1 for the first event that carried the outcome out, and so on.")
    event: EventRef


class OutcomeOut(Dated):
    """What the track agreed or did not, dated when it was agreed (or refused).

    `delivery` sets what was agreed against what has been delivered so far; `stages` are the
    events that carry it out, in order.
    """

    id: int
    slug: str
    kind: OutcomeKind
    description: str
    stated_by: ActorRef | None
    delivery: DeliveryOut | None
    stages: list[StageOut]
    flags: list[Flag]
    citations: list[CitationOut]


class NegotiationOut(Dated, EditorialOut):
    id: int
    slug: str
    title: str
    summary: str
    venue: PlaceRef | None
    format: NegotiationFormat
    phase: NegotiationPhase
    agenda: list[str]
    parties: list[PartyOut]
    delegations: list[DelegationOut]
    outcomes: list[OutcomeOut]
    rounds: list[EventRef]
    citations: list[CitationOut]


__all__ = ["NegotiationOut", "NegotiationRef"]
