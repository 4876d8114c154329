"""Closed vocabularies, stored as text with CHECK constraints."""

from enum import StrEnum

from sqlalchemy import CheckConstraint


class RecordStatus(StrEnum):
    draft = "draft"
    published = "published"
    corrected = "corrected"
    retracted = "retracted"


class Verification(StrEnum):
    unverified = "unverified"
    one_side = "one_side"
    both_sides = "both_sides"
    independent = "independent"


class DatePrecision(StrEnum):
    day = "day"
    month = "month"
    season = "season"
    year = "year"
    range = "range"
    unknown = "unknown"


class EventType(StrEnum):
    prisoner_exchange = "prisoner_exchange"
    body_repatriation = "body_repatriation"
    negotiation_round = "negotiation_round"
    statement = "statement"
    announcement = "announcement"
    plan_submission = "plan_submission"
    proposal = "proposal"
    demand = "demand"
    refusal = "refusal"
    annexation = "annexation"
    referendum = "referendum"
    humanitarian_aid = "humanitarian_aid"
    other = "other"


class ParticipantRole(StrEnum):
    party = "party"
    sender = "sender"
    recipient = "recipient"
    mediator = "mediator"
    proposer = "proposer"
    host = "host"
    announcer = "announcer"
    confirmer = "confirmer"
    speaker = "speaker"
    submitter = "submitter"
    addressee = "addressee"
    subject = "subject"


class QuantityCategory(StrEnum):
    military = "military"
    civilians = "civilians"
    prisoners = "prisoners"
    bodies = "bodies"
    people = "people"


class Qualifier(StrEnum):
    exact = "exact"
    at_least = "at_least"
    more_than = "more_than"
    at_most = "at_most"
    approx = "approx"


class ActorKind(StrEnum):
    state = "state"
    body = "body"
    person = "person"
    group = "group"


class PlaceKind(StrEnum):
    country = "country"
    region = "region"
    city = "city"
    area = "area"


class NegotiationFormat(StrEnum):
    direct = "direct"
    mediated = "mediated"
    multilateral = "multilateral"


class NegotiationPhase(StrEnum):
    planned = "planned"
    ongoing = "ongoing"
    deadlocked = "deadlocked"
    suspended = "suspended"
    concluded = "concluded"


class NegotiationRole(StrEnum):
    party = "party"
    mediator = "mediator"
    host = "host"
    proposer = "proposer"
    observer = "observer"


class OutcomeKind(StrEnum):
    agreed = "agreed"
    not_agreed = "not_agreed"
    proposed = "proposed"
    demanded = "demanded"
    refused = "refused"


class ClaimKind(StrEnum):
    sovereignty = "sovereignty"
    control_extent = "control_extent"
    withdrawal_demand = "withdrawal_demand"
    non_recognition = "non_recognition"
    incorporation = "incorporation"


class RevisionAction(StrEnum):
    create = "create"
    update = "update"
    delete = "delete"


def check_in(column: str, values: type[StrEnum], name: str | None = None) -> CheckConstraint:
    """A CHECK that `column` holds one of an enum's values."""
    allowed = ", ".join(f"'{v.value}'" for v in values)
    return CheckConstraint(f"{column} IN ({allowed})", name=name or f"{column}_allowed")


class PublicStatus(StrEnum):
    """The statuses anyone may read; drafts are for editors."""

    published = "published"
    corrected = "corrected"
    retracted = "retracted"


PUBLIC_STATUSES = tuple(status.value for status in PublicStatus)
