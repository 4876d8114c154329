"""Events, their participants and places, and their attributed figures."""

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, Text, literal_column, text
from sqlalchemy.dialects.postgresql import ARRAY, ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import (
    Base,
    Editorial,
    EdtfDated,
    Searchable,
    Slugged,
    Timestamped,
    all_or_none,
    date_checks,
    editorial_checks,
    id_column,
    search_index,
    slug_check,
)
from app.models.enums import (
    EventType,
    ParticipantRole,
    PlaceRole,
    Qualifier,
    QuantityBasis,
    QuantityCategory,
    category_spans,
    check_in,
)

EXPECTED = ("expected", "expected_start", "expected_end", "expected_precision", "expected_label")


class Event(Searchable, Slugged, EdtfDated, Editorial, Base):
    __tablename__ = "events"
    __table_args__ = (
        search_index("events"),
        slug_check(),
        check_in("type", EventType),
        CheckConstraint("origin IN ('curated', 'extracted')", name="origin_allowed"),
        *editorial_checks(),
        *date_checks(),
        *date_checks("expected"),
        all_or_none("expected_complete", *EXPECTED, "expected_stated_by_id"),
        Index("ix_events_timeline", text("date_start DESC"), text("id DESC")),
        Index("ix_events_type_timeline", "type", text("date_start DESC"), text("id DESC")),
        Index("ix_events_stream", "date_start", "date_end", "id"),
    )

    id: Mapped[int] = id_column()
    type: Mapped[str]
    origin: Mapped[str] = mapped_column(server_default="curated")
    """`curated` when an editor (or the seed) wrote it, `extracted` when accepted from an
    ingested source's candidates."""
    title: Mapped[str]
    summary: Mapped[str] = mapped_column(server_default="")
    stated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="RESTRICT"), index=True
    )
    """Who says it happened: the source's named speaker, or the publication itself."""
    expected: Mapped[str | None]
    """An announced or expected date (EDTF), as `expected_stated_by` put it."""
    expected_start: Mapped[dt.date | None]
    expected_end: Mapped[dt.date | None]
    expected_precision: Mapped[str | None]
    expected_label: Mapped[str | None]
    expected_stated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="RESTRICT")
    )
    negotiation_id: Mapped[int | None] = mapped_column(
        ForeignKey("negotiations.id", ondelete="SET NULL"), index=True
    )


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


class EventPlace(Base):
    """A place an event happened in, or concerns (the regions a demand is about)."""

    __tablename__ = "event_places"
    __table_args__ = (check_in("role", PlaceRole),)

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    place_id: Mapped[int] = mapped_column(
        ForeignKey("places.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(primary_key=True)


def _category_span_sql() -> str:
    """The category's span of leaf slots as an int4range (see `category_spans`)."""
    spans = category_spans()
    low = " ".join(f"WHEN '{c.value}' THEN {a}" for c, (a, _) in spans.items())
    high = " ".join(f"WHEN '{c.value}' THEN {b}" for c, (_, b) in spans.items())
    return f"int4range(CASE category {low} END, CASE category {high} END)"


def _same(value: str) -> Any:
    """A one-point range: two rows' ranges overlap exactly when their values are equal."""
    return literal_column(f"int8range({value}, {value}, '[]')")


CATEGORY_NAMES = ", ".join(f"'{c.value}'" for c in QuantityCategory)


class Quantity(Timestamped, Base):
    """A figure someone states about an event: who says it, of what, received by whom.

    Best figures of one event and recipient never overlap (no category contains another), so
    summing them never counts anyone twice; the exclusion constraint holds that in the database.
    """

    __tablename__ = "quantities"
    __table_args__ = (
        check_in("category", QuantityCategory),
        check_in("qualifier", Qualifier),
        check_in("basis", QuantityBasis),
        CheckConstraint("value >= 0", name="value_non_negative"),
        CheckConstraint("low IS NULL OR (low >= 0 AND low <= value)", name="low_bound"),
        CheckConstraint("high IS NULL OR high >= value", name="high_bound"),
        CheckConstraint("jsonb_typeof(flags) = 'array'", name="flags_is_array"),
        CheckConstraint(
            "basis = 'stated' OR jsonb_array_length(flags) > 0", name="worked_out_is_flagged"
        ),
        CheckConstraint(
            f"total_of <@ ARRAY[{CATEGORY_NAMES}]::text[] AND NOT category = ANY(total_of)",
            name="total_of_categories",
        ),
        ExcludeConstraint(
            (_same("event_id"), "&&"),
            (_same("coalesce(recipient_id, 0)"), "&&"),
            (literal_column(_category_span_sql()), "&&"),
            name="ex_quantities_best_figures_overlap",
            using="gist",
            where=text("is_best"),
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
    basis: Mapped[str] = mapped_column(server_default=QuantityBasis.stated.value)
    is_best: Mapped[bool] = mapped_column(server_default=text("false"))
    total_of: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{}'"))
    """The categories this figure is the total of, when the source gives it beside its parts."""
    flags: Mapped[list[dict[str, Any]]] = mapped_column(server_default=text("'[]'::jsonb"))
    note: Mapped[str | None]
