"""Event response shapes."""

from pydantic import Field

from app.models.enums import (
    EventType,
    ParticipantRole,
    PlaceRole,
    Qualifier,
    QuantityBasis,
    QuantityCategory,
)
from app.schemas import ActorRef, CitationOut, Dated, EditorialOut, Flag, Out, PlaceRef

SUMMING = """To total people returned to a side, add the best figures (`is_best`) whose category
is `people`, `prisoners`, `military` or `civilians`: best figures of one event and recipient
never overlap (`people` contains `prisoners`, which contains `military` and `civilians`), so
the sum counts no one twice. `bodies` are never added to people. A figure that is the total of
others the source gives beside it lists their categories in `total_of` and is not a best figure."""


class ParticipantOut(Out):
    actor: ActorRef
    role: ParticipantRole


class EventPlaceOut(Out):
    place: PlaceRef
    role: PlaceRole = Field(
        description="`location`: where it happened; `subject`: a place it concerns."
    )


class QuantityOut(Out):
    __doc__ = "A figure as someone states it; several may describe the same thing.\n\n" + SUMMING

    id: int
    category: QuantityCategory
    recipient: ActorRef | None
    value: int
    qualifier: Qualifier
    low: int | None
    high: int | None
    stated_by: ActorRef | None = Field(description="Who gives the figure.")
    basis: QuantityBasis = Field(
        description="`stated`: the quoted words give it; `derived`: worked out from figures the "
        "source gives; `inferred`: Parley's reading, explained in `flags`."
    )
    is_best: bool = Field(description="The editorial best figure for its category and recipient.")
    total_of: list[QuantityCategory] = Field(
        description="The categories whose figures this one is the total of."
    )
    flags: list[Flag]
    note: str | None
    citations: list[CitationOut]


class NegotiationRef(Out):
    id: int
    slug: str
    title: str


class ExpectedOut(Dated):
    """A date announced or expected for the event, and who announced it."""

    stated_by: ActorRef


class EventOut(Dated, EditorialOut):
    id: int
    slug: str
    type: EventType
    title: str
    summary: str
    stated_by: ActorRef | None = Field(
        description="Who says it happened: the speaker the source names, or the publication."
    )
    expected: ExpectedOut | None
    places: list[EventPlaceOut]
    negotiation: NegotiationRef | None
    participants: list[ParticipantOut]
    quantities: list[QuantityOut] = Field(description=SUMMING)
    citations: list[CitationOut]
