"""Event response shapes."""

from app.schemas import ActorRef, CitationOut, Dated, EditorialOut, Out, PlaceRef


class ParticipantOut(Out):
    actor: ActorRef
    role: str


class QuantityOut(Out):
    """A figure as someone states it; several may describe the same thing."""

    id: int
    category: str
    recipient: ActorRef | None
    value: int
    qualifier: str
    low: int | None
    high: int | None
    stated_by: ActorRef | None
    is_best: bool
    note: str | None
    citations: list[CitationOut]


class NegotiationRef(Out):
    id: int
    slug: str
    title: str


class EventOut(Dated, EditorialOut):
    id: int
    slug: str
    type: str
    title: str
    summary: str
    place: PlaceRef | None
    negotiation: NegotiationRef | None
    participants: list[ParticipantOut]
    quantities: list[QuantityOut]
    citations: list[CitationOut]
