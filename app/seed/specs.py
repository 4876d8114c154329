"""The YAML shape of the seed files, as Pydantic models."""

import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from app.models.base import SLUG_PATTERN
from app.models.enums import (
    ActorKind,
    ClaimKind,
    DeliveryState,
    EventType,
    NegotiationFormat,
    NegotiationPhase,
    NegotiationRole,
    OutcomeKind,
    ParticipantRole,
    PlaceKind,
    PlaceRole,
    Qualifier,
    QuantityBasis,
    QuantityCategory,
    RecordStatus,
)
from app.schemas import FlagKind


def _slug(value: str) -> str:
    if not re.fullmatch(SLUG_PATTERN, value) or value.isdigit():
        raise ValueError(f"{value!r} is not a slug (lowercase words joined by hyphens)")
    return value


Slug = Annotated[str, AfterValidator(_slug)]
Text = Annotated[str, Field(min_length=1)]


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceSpec(Spec):
    slug: Slug
    file: Text
    title: Text
    title_note: str | None = None
    publisher: Text
    url: str | None
    language: Annotated[str, Field(min_length=2, max_length=35)]
    published: Text
    published_note: str | None = None
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class RoleSpec(Spec):
    title: Text
    organization: Slug | None = None
    as_of: Text


class ActorSpec(Spec):
    slug: Slug
    name: Text
    kind: ActorKind
    country_code: str | None = None
    aliases: list[Text] = []
    description: str | None = None
    parent: Slug | None = None
    roles: list[RoleSpec] = []


class PlaceSpec(Spec):
    slug: Slug
    name: Text
    kind: PlaceKind
    iso_code: str | None = None
    country_code: str | None = None
    parent: Slug | None = None
    aliases: list[Text] = []
    note: str | None = None


class CitationSpec(Spec):
    """An exact quote of the source; `occurrence` picks one when the words appear more than once."""

    quote: Text
    field: str | None = None
    note: str | None = None
    occurrence: Annotated[int, Field(ge=1)] | None = None
    source: Slug | None = None


class DateSpec(Spec):
    """A row's date: the quotes that date it, resolved by the loader, and the value chosen."""

    edtf: str | None = None
    quotes: list[CitationSpec] = []
    relative_to: Slug | None = None
    after: list[Slug] = []
    before: list[Slug] = []
    reason: str | None = None


class FlagSpec(Spec):
    kind: FlagKind
    field: str | None = None
    detail: Text
    chosen: str | int | None = None


class QuantitySpec(Spec):
    """A figure; `reason` explains one the quoted words do not state (basis derived/inferred)."""

    category: QuantityCategory
    recipient: Slug | None = None
    value: Annotated[int, Field(ge=0)]
    qualifier: Qualifier = Qualifier.exact
    low: int | None = None
    high: int | None = None
    stated_by: Slug
    basis: QuantityBasis = QuantityBasis.stated
    reason: str | None = None
    best: bool = False
    total_of: list[QuantityCategory] = []
    note: str | None = None
    quotes: Annotated[list[CitationSpec], Field(min_length=1)]
    flags: list[FlagSpec] = []


class ParticipantSpec(Spec):
    actor: Slug
    role: ParticipantRole


class PlaceLinkSpec(Spec):
    place: Slug
    role: PlaceRole = PlaceRole.location


class ExpectedSpec(DateSpec):
    """A date someone announced or expects for the event."""

    stated_by: Slug


class EventSpec(Spec):
    slug: Slug
    type: EventType
    title: Text
    summary: str = ""
    date: DateSpec
    stated_by: Slug
    expected: ExpectedSpec | None = None
    places: list[PlaceLinkSpec] = []
    negotiation: Slug | None = None
    participants: list[ParticipantSpec] = []
    quantities: list[QuantitySpec] = []
    citations: Annotated[list[CitationSpec], Field(min_length=1)]
    flags: list[FlagSpec] = []
    status: RecordStatus = RecordStatus.published


class PartySpec(Spec):
    actor: Slug
    role: NegotiationRole


class MemberSpec(Spec):
    actor: Slug
    role: str | None = None


class DelegationSpec(Spec):
    side: Slug
    head: Slug | None = None
    members: list[MemberSpec] = []


class DeliverySpec(Spec):
    """How far an agreed outcome has been carried out, as of when, according to whom."""

    state: DeliveryState
    as_of: DateSpec
    stated_by: Slug
    citations: list[CitationSpec] = []
    """Required unless the state is `unknown` (the source does not say)."""


class OutcomeSpec(Spec):
    """What a track agreed or not; `stages` are the events that carry it out, in order."""

    slug: Slug
    kind: OutcomeKind
    description: Text
    date: DateSpec
    stated_by: Slug
    delivery: DeliverySpec | None = None
    stages: list[Slug] = []
    citations: Annotated[list[CitationSpec], Field(min_length=1)]
    flags: list[FlagSpec] = []


class NegotiationSpec(Spec):
    slug: Slug
    title: Text
    summary: str = ""
    venue: Slug | None = None
    format: NegotiationFormat
    phase: NegotiationPhase
    agenda: list[Text] = []
    date: DateSpec
    parties: list[PartySpec] = []
    delegations: list[DelegationSpec] = []
    outcomes: list[OutcomeSpec] = []
    citations: Annotated[list[CitationSpec], Field(min_length=1)]
    flags: list[FlagSpec] = []
    status: RecordStatus = RecordStatus.published


class ClaimSpec(Spec):
    slug: Slug
    kind: ClaimKind
    title: Text
    summary: str = ""
    claimant: Slug
    stated_by: Slug
    place: Slug
    value: Decimal | None = None
    unit: Literal["percent"] | None = None
    qualifier: Qualifier = Qualifier.exact
    value_quotes: list[CitationSpec] = []
    derived: str | None = None
    as_of: DateSpec
    event: Slug | None = None
    counters: list[Slug] = []
    citations: Annotated[list[CitationSpec], Field(min_length=1)]
    flags: list[FlagSpec] = []
    status: RecordStatus = RecordStatus.published


class ExclusionSpec(Spec):
    quote: Text
    reason: Text
    occurrence: Annotated[int, Field(ge=1)] | None = None


class CurationSpec(Spec):
    source: Slug
    framing_terms: list[Text] = []
    exclusions: list[ExclusionSpec] = []
    negotiations: list[NegotiationSpec] = []
    events: list[EventSpec] = []
    claims: list[ClaimSpec] = []


class SourcesFile(Spec):
    sources: list[SourceSpec]


class ActorsFile(Spec):
    actors: list[ActorSpec]


class PlacesFile(Spec):
    places: list[PlaceSpec]
