"""Negotiation tracks: who talks, who mediates, delegations, and what was agreed."""

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import (
    Base,
    Editorial,
    EdtfDated,
    Searchable,
    Slugged,
    all_or_none,
    date_checks,
    editorial_checks,
    id_column,
    search_index,
    slug_check,
)
from app.models.enums import (
    DeliveryState,
    NegotiationFormat,
    NegotiationPhase,
    NegotiationRole,
    OutcomeKind,
    check_in,
)


class Negotiation(Searchable, Slugged, EdtfDated, Editorial, Base):
    __tablename__ = "negotiations"
    __table_args__ = (
        search_index("negotiations"),
        slug_check(),
        check_in("format", NegotiationFormat),
        check_in("phase", NegotiationPhase),
        *editorial_checks(),
        *date_checks(),
    )

    id: Mapped[int] = id_column()
    title: Mapped[str]
    summary: Mapped[str] = mapped_column(server_default="")
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("places.id", ondelete="RESTRICT"))
    format: Mapped[str]
    phase: Mapped[str]
    agenda: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{}'"))


class NegotiationParty(Base):
    """A state or body at the table, or around it (mediator, host, proposer)."""

    __tablename__ = "negotiation_parties"
    __table_args__ = (check_in("role", NegotiationRole),)

    negotiation_id: Mapped[int] = mapped_column(
        ForeignKey("negotiations.id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[int] = mapped_column(
        ForeignKey("actors.id", ondelete="RESTRICT"), primary_key=True
    )
    role: Mapped[str] = mapped_column(primary_key=True)


class Delegation(Base):
    __tablename__ = "delegations"

    id: Mapped[int] = id_column()
    negotiation_id: Mapped[int] = mapped_column(
        ForeignKey("negotiations.id", ondelete="CASCADE"), index=True
    )
    side_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="RESTRICT"))
    head_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="RESTRICT"))


class DelegationMember(Base):
    __tablename__ = "delegation_members"

    delegation_id: Mapped[int] = mapped_column(
        ForeignKey("delegations.id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[int] = mapped_column(
        ForeignKey("actors.id", ondelete="RESTRICT"), primary_key=True
    )
    role: Mapped[str | None]


DELIVERY = (
    "delivery",
    "delivery_as_of",
    "delivery_as_of_start",
    "delivery_as_of_end",
    "delivery_as_of_precision",
    "delivery_as_of_label",
    "delivery_stated_by_id",
)


class Outcome(Searchable, EdtfDated, Base):
    """What a track agreed, refused or left open, dated when it was agreed.

    An outcome that can be carried out says how far it has been (`delivery`), as of when and
    according to whom; the events that carry it out are its numbered stages.
    """

    __tablename__ = "outcomes"
    __table_args__ = (
        search_index("outcomes"),
        check_in("kind", OutcomeKind),
        slug_check(),
        *date_checks(),
        check_in("delivery", DeliveryState),
        *date_checks("delivery_as_of"),
        all_or_none("delivery_complete", *DELIVERY),
        CheckConstraint("jsonb_typeof(flags) = 'array'", name="flags_is_array"),
        Index("ix_outcomes_stream", "date_start", "date_end", "id"),
    )

    id: Mapped[int] = id_column()
    negotiation_id: Mapped[int] = mapped_column(
        ForeignKey("negotiations.id", ondelete="CASCADE"), index=True
    )
    slug: Mapped[str] = mapped_column(unique=True)
    kind: Mapped[str]
    description: Mapped[str]
    stated_by_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="RESTRICT"))
    position: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    delivery: Mapped[str | None]
    delivery_as_of: Mapped[str | None]
    delivery_as_of_start: Mapped[dt.date | None]
    delivery_as_of_end: Mapped[dt.date | None]
    delivery_as_of_precision: Mapped[str | None]
    delivery_as_of_label: Mapped[str | None]
    delivery_stated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="RESTRICT")
    )
    flags: Mapped[list[dict[str, Any]]] = mapped_column(server_default=text("'[]'::jsonb"))


class OutcomeEvent(Base):
    """An event that carries out an outcome, as its numbered stage (1, 2, ...)."""

    __tablename__ = "outcome_events"
    __table_args__ = (
        CheckConstraint("stage >= 1", name="stage_positive"),
        UniqueConstraint("outcome_id", "stage"),
    )

    outcome_id: Mapped[int] = mapped_column(
        ForeignKey("outcomes.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    stage: Mapped[int] = mapped_column(Integer)
