"""Negotiation response shapes."""

from typing import Any

from pydantic import ConfigDict, Field

from app.editorial.store import Record
from app.events.schemas import NegotiationRef
from app.examples import BODIES
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
    TITLE_MAX,
    ActorRef,
    AsOfDated,
    AsOfDatedIn,
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


class PartyIn(In):
    actor: Ref
    role: NegotiationRole


class MemberIn(In):
    actor: Ref
    role: str | None = None


class DelegationIn(In):
    id: Ignored
    side: Ref
    head: Ref | None = None
    members: list[MemberIn] = []


class DeliveryIn(AsOfDatedIn):
    state: DeliveryState
    stated_by: Ref


class StageIn(In):
    stage: int = Field(ge=1)
    event: Ref


class OutcomeIn(DatedIn):
    id: Ignored
    slug: Slug
    kind: OutcomeKind
    description: str = Field(min_length=1)
    stated_by: Ref
    delivery: DeliveryIn | None = None
    stages: list[StageIn] = []
    flags: list[FlagIn] = []
    citations: list[CitationIn] = Field(min_length=1)

    def row(self, position: int) -> dict[str, Any]:
        d = self.delivery
        return {
            "slug": self.slug,
            "kind": self.kind.value,
            "description": self.description,
            "date": self.date,
            "stated_by_id": ref(self.stated_by),
            "delivery": d.state.value if d else None,
            "delivery_as_of": d.as_of if d else None,
            "delivery_stated_by_id": ref(d.stated_by) if d else None,
            "flags": [f.model_dump(mode="json", exclude_none=True) for f in self.flags],
            "position": position,
            "citations": citation_rows(self.citations),
            "stages": [{"event_id": ref(s.event), "stage": s.stage} for s in self.stages],
        }


class NegotiationIn(DatedIn, EditorialIn):
    """A negotiation track to write: its GET shape, without `id`, `version`, `status` and
    timestamps (`rounds` are its events, and ignored here)."""

    model_config = ConfigDict(json_schema_extra={"examples": [BODIES["negotiation"]]})

    slug: Slug
    title: str = Field(min_length=1, max_length=TITLE_MAX)
    summary: str = ""
    venue: Ref | None = None
    format: NegotiationFormat
    phase: NegotiationPhase
    agenda: list[str] = []
    parties: list[PartyIn] = []
    delegations: list[DelegationIn] = []
    outcomes: list[OutcomeIn] = []
    rounds: Ignored
    citations: list[CitationIn] = Field(min_length=1)

    def record(self) -> Record:
        values = {
            "slug": self.slug,
            "title": self.title,
            "summary": self.summary,
            "venue_id": ref(self.venue),
            "format": self.format.value,
            "phase": self.phase.value,
            "agenda": list(self.agenda),
            "date": self.date,
            "flags": self.flag_rows(),
        }
        children = {
            "parties": [{"actor_id": ref(p.actor), "role": p.role.value} for p in self.parties],
            "delegations": [
                {
                    "side_id": ref(d.side),
                    "head_id": ref(d.head),
                    "members": [{"actor_id": ref(m.actor), "role": m.role} for m in d.members],
                }
                for d in self.delegations
            ],
            "outcomes": [o.row(position) for position, o in enumerate(self.outcomes)],
            "citations": citation_rows(self.citations),
        }
        return Record("negotiation", self.slug, values, children)
