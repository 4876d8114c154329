"""Negotiation tracks: who talks, who mediates, delegations, and what was agreed."""

import datetime as dt

from sqlalchemy import ForeignKey, Integer, Text, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import (
    Base,
    Editorial,
    Slugged,
    date_checks,
    editorial_checks,
    id_column,
    slug_check,
)
from app.models.enums import (
    NegotiationFormat,
    NegotiationPhase,
    NegotiationRole,
    OutcomeKind,
    check_in,
)


class Negotiation(Slugged, Editorial, Base):
    __tablename__ = "negotiations"
    __table_args__ = (
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
    date: Mapped[str]
    date_start: Mapped[dt.date]
    date_end: Mapped[dt.date]
    date_precision: Mapped[str]


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


class Outcome(Base):
    """What a track agreed, refused or left open; events that implement it are linked."""

    __tablename__ = "outcomes"
    __table_args__ = (check_in("kind", OutcomeKind), slug_check())

    id: Mapped[int] = id_column()
    negotiation_id: Mapped[int] = mapped_column(
        ForeignKey("negotiations.id", ondelete="CASCADE"), index=True
    )
    slug: Mapped[str] = mapped_column(unique=True)
    kind: Mapped[str]
    description: Mapped[str]
    stated_by_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="RESTRICT"))
    position: Mapped[int] = mapped_column(Integer, server_default=text("0"))


class OutcomeEvent(Base):
    __tablename__ = "outcome_events"

    outcome_id: Mapped[int] = mapped_column(
        ForeignKey("outcomes.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True, index=True
    )
