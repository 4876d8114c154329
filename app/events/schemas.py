"""Event response shapes."""

from typing import Any, Literal

from pydantic import ConfigDict, Field

from app.editorial.store import Record
from app.examples import BODIES
from app.models.enums import (
    EventType,
    ParticipantRole,
    PlaceRole,
    Qualifier,
    QuantityBasis,
    QuantityCategory,
)
from app.schemas import (
    TITLE_MAX,
    ActorRef,
    CitationIn,
    CitationOut,
    Dated,
    DatedIn,
    EditorialIn,
    EditorialOut,
    Flag,
    FlagIn,
    Ignored,
    In,
    Out,
    PlaceRef,
    Ref,
    Slug,
    citation_rows,
    ref,
)

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
    origin: Literal["curated", "extracted"] = Field(
        description="`curated` when an editor (or the seed) wrote it; `extracted` when an "
        "editor accepted it from the candidates an ingested source proposed."
    )
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


class ParticipantIn(In):
    actor: Ref
    role: ParticipantRole


class EventPlaceIn(In):
    place: Ref
    role: PlaceRole = PlaceRole.location


class QuantityIn(In):
    id: Ignored
    category: QuantityCategory
    recipient: Ref | None = None
    value: int = Field(ge=0, le=2**31 - 1)
    qualifier: Qualifier = Qualifier.exact
    low: int | None = Field(default=None, ge=0, le=2**31 - 1)
    high: int | None = Field(default=None, ge=0, le=2**31 - 1)
    stated_by: Ref
    basis: QuantityBasis = QuantityBasis.stated
    is_best: bool = False
    total_of: list[QuantityCategory] = []
    flags: list[FlagIn] = []
    note: str | None = None
    citations: list[CitationIn] = Field(min_length=1)

    def row(self) -> dict[str, Any]:
        return {
            "category": self.category.value,
            "recipient_id": ref(self.recipient),
            "value": self.value,
            "qualifier": self.qualifier.value,
            "low": self.low,
            "high": self.high,
            "stated_by_id": ref(self.stated_by),
            "basis": self.basis.value,
            "is_best": self.is_best,
            "total_of": [c.value for c in self.total_of],
            "flags": [f.model_dump(mode="json", exclude_none=True) for f in self.flags],
            "note": self.note,
            "citations": citation_rows(self.citations),
        }


class ExpectedIn(DatedIn):
    stated_by: Ref


class EventIn(DatedIn, EditorialIn):
    """An event to write: its GET shape, without `id`, `version`, `status` and timestamps."""

    model_config = ConfigDict(json_schema_extra={"examples": [BODIES["event"]]})

    slug: Slug
    type: EventType
    origin: Ignored
    title: str = Field(min_length=1, max_length=TITLE_MAX)
    summary: str = ""
    stated_by: Ref
    expected: ExpectedIn | None = None
    places: list[EventPlaceIn] = []
    negotiation: Ref | None = None
    participants: list[ParticipantIn] = []
    quantities: list[QuantityIn] = []
    citations: list[CitationIn] = Field(min_length=1)

    def record(self) -> Record:
        expected = self.expected
        values = {
            "slug": self.slug,
            "type": self.type.value,
            "title": self.title,
            "summary": self.summary,
            "date": self.date,
            "stated_by_id": ref(self.stated_by),
            "expected": expected.date if expected else None,
            "expected_stated_by_id": ref(expected.stated_by) if expected else None,
            "negotiation_id": ref(self.negotiation),
            "flags": self.flag_rows(),
        }
        children = {
            "participants": [
                {"actor_id": ref(p.actor), "role": p.role.value} for p in self.participants
            ],
            "places": [{"place_id": ref(p.place), "role": p.role.value} for p in self.places],
            "quantities": [q.row() for q in self.quantities],
            "citations": citation_rows(self.citations),
        }
        return Record("event", self.slug, values, children)
