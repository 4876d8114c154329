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
    """What a figure counts; see CATEGORY_PARENTS for which categories contain which."""

    people = "people"
    prisoners = "prisoners"
    military = "military"
    civilians = "civilians"
    bodies = "bodies"


CATEGORY_PARENTS: dict[QuantityCategory, QuantityCategory | None] = {
    QuantityCategory.people: None,
    QuantityCategory.prisoners: QuantityCategory.people,
    QuantityCategory.military: QuantityCategory.prisoners,
    QuantityCategory.civilians: QuantityCategory.prisoners,
    QuantityCategory.bodies: None,
}
"""The category hierarchy: people returned alive (`people`) include those held captive
(`prisoners`, military or civilian not stated), who are `military` or `civilians`; `bodies`
stand apart and are never added to people. Two categories overlap when one contains the other."""


def category_ancestors(category: str) -> list[QuantityCategory]:
    """The categories that contain `category`, nearest first."""
    found: list[QuantityCategory] = []
    parent = CATEGORY_PARENTS[QuantityCategory(category)]
    while parent is not None:
        found.append(parent)
        parent = CATEGORY_PARENTS[parent]
    return found


def categories_overlap(a: str, b: str) -> bool:
    return a == b or a in category_ancestors(b) or b in category_ancestors(a)


def category_spans() -> dict[QuantityCategory, tuple[int, int]]:
    """Each category as a half-open span of leaf slots; spans overlap exactly when categories do.

    The database's exclusion constraint on best figures compares these spans.
    """
    leaves = [c for c in QuantityCategory if c not in CATEGORY_PARENTS.values()]
    slots = {leaf: index for index, leaf in enumerate(leaves)}
    spans: dict[QuantityCategory, tuple[int, int]] = {}
    for category in QuantityCategory:
        covered = [
            slots[leaf]
            for leaf in leaves
            if leaf == category or category in category_ancestors(leaf)
        ]
        spans[category] = (min(covered), max(covered) + 1)
    return spans


class QuantityBasis(StrEnum):
    """Where a figure comes from: the quoted words state it, or Parley worked it out."""

    stated = "stated"
    derived = "derived"
    inferred = "inferred"


class DeliveryState(StrEnum):
    """How far an agreed outcome has been carried out, as of a date, according to someone."""

    pending = "pending"
    in_progress = "in_progress"
    partly_delivered = "partly_delivered"
    delivered = "delivered"
    failed = "failed"
    unknown = "unknown"


class PlaceRole(StrEnum):
    """How an event involves a place: where it happened, or which place it concerns."""

    location = "location"
    subject = "subject"


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
    publication = "publication"


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
    publish = "publish"
    retract = "retract"
    restore = "restore"
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


class KeyRole(StrEnum):
    """What an API key may do: readers read, editors also write, admins also delete and restore."""

    reader = "reader"
    editor = "editor"
    admin = "admin"


ROLE_RANK = {KeyRole.reader: 0, KeyRole.editor: 1, KeyRole.admin: 2}
