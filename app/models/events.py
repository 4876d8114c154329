"""Events, their participants and their attributed quantities."""

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import (
    Base,
    Editorial,
    Slugged,
    Timestamped,
    date_checks,
    editorial_checks,
    id_column,
    slug_check,
)
from app.models.enums import EventType, ParticipantRole, Qualifier, QuantityCategory, check_in


class Event(Slugged, Editorial, Base):
    __tablename__ = "events"
    __table_args__ = (
        slug_check(),
        check_in("type", EventType),
        *editorial_checks(),
        *date_checks(),
        Index("ix_events_timeline", text("date_start DESC"), text("id DESC")),
        Index("ix_events_type_timeline", "type", text("date_start DESC"), text("id DESC")),
    )

    id: Mapped[int] = id_column()
    type: Mapped[str]
    title: Mapped[str]
    summary: Mapped[str] = mapped_column(server_default="")
    date: Mapped[str]
    date_start: Mapped[dt.date]
    date_end: Mapped[dt.date]
    date_precision: Mapped[str]
    place_id: Mapped[int | None] = mapped_column(
        ForeignKey("places.id", ondelete="RESTRICT"), index=True
    )
    negotiation_id: Mapped[int | None] = mapped_column(
        ForeignKey("negotiations.id", ondelete="SET NULL"), index=True
    )
    document: Mapped[str | None] = mapped_column(deferred=True)
    """The event as served, rendered by PostgreSQL; triggers reset it to NULL when any row it
    shows changes, and readers render NULL ones live (see app/events/documents.py)."""
    document_shape: Mapped[str | None] = mapped_column(deferred=True)
    """Which rendering wrote `document`: one from another version of the code is stale too."""


class EventParticipant(Base):
    __tablename__ = "event_participants"
    __table_args__ = (check_in("role", ParticipantRole),)

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[int] = mapped_column(
        ForeignKey("actors.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(primary_key=True)


class Quantity(Timestamped, Base):
    """A number someone states about an event: who says it, of what, received by whom."""

    __tablename__ = "quantities"
    __table_args__ = (
        check_in("category", QuantityCategory),
        check_in("qualifier", Qualifier),
        CheckConstraint("value >= 0", name="value_non_negative"),
        CheckConstraint("low IS NULL OR (low >= 0 AND low <= value)", name="low_bound"),
        CheckConstraint("high IS NULL OR high >= value", name="high_bound"),
        Index(
            "uq_quantities_one_best",
            "event_id",
            "category",
            "recipient_id",
            unique=True,
            postgresql_where=text("is_best"),
            postgresql_nulls_not_distinct=True,
        ),
    )

    id: Mapped[int] = id_column()
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    category: Mapped[str]
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="RESTRICT"))
    value: Mapped[int] = mapped_column(Integer)
    qualifier: Mapped[str] = mapped_column(server_default=Qualifier.exact.value)
    low: Mapped[int | None] = mapped_column(Integer)
    high: Mapped[int | None] = mapped_column(Integer)
    stated_by_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="RESTRICT"))
    is_best: Mapped[bool] = mapped_column(server_default=text("false"))
    note: Mapped[str | None]
