"""ORM models, one module per table family; importing this package registers them all."""

from app.models.actors import Actor, ActorRole
from app.models.base import Base
from app.models.candidates import Candidate
from app.models.claims import ClaimCounter, TerritorialClaim
from app.models.events import Event, EventParticipant, EventPlace, Quantity
from app.models.keys import ApiKey
from app.models.negotiations import (
    Delegation,
    DelegationMember,
    Negotiation,
    NegotiationParty,
    Outcome,
    OutcomeEvent,
)
from app.models.places import Place
from app.models.revisions import Change, ChangeClock, IdempotencyKey, Revision
from app.models.sources import Citation, Source, SourceVersion

__all__ = [
    "Actor",
    "ActorRole",
    "ApiKey",
    "Base",
    "Candidate",
    "Change",
    "ChangeClock",
    "Citation",
    "ClaimCounter",
    "Delegation",
    "DelegationMember",
    "Event",
    "EventParticipant",
    "EventPlace",
    "IdempotencyKey",
    "Negotiation",
    "NegotiationParty",
    "Outcome",
    "OutcomeEvent",
    "Place",
    "Quantity",
    "Revision",
    "Source",
    "SourceVersion",
    "TerritorialClaim",
]
