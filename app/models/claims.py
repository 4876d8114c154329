"""Territorial claims: who claims what of a place, as of when, and who says so."""

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, Numeric, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import (
    Base,
    Editorial,
    Searchable,
    Slugged,
    date_checks,
    editorial_checks,
    id_column,
    search_index,
    slug_check,
)
from app.models.enums import ClaimKind, Qualifier, check_in


class TerritorialClaim(Searchable, Slugged, Editorial, Base):
    """A position someone states about a place. Never a fact: always `stated_by` someone.

    The claimant is who the claim is for (e.g. Russia controls 99%); `stated_by` is who
    says so (e.g. Putin).
    """

    __tablename__ = "territorial_claims"
    __table_args__ = (
        search_index("territorial_claims"),
        slug_check(),
        check_in("kind", ClaimKind),
        check_in("qualifier", Qualifier),
        *editorial_checks(),
        *date_checks("as_of"),
        CheckConstraint("unit IN ('percent')", name="unit_allowed"),
        CheckConstraint("(value IS NULL) = (unit IS NULL)", name="value_has_unit"),
        CheckConstraint(
            "unit IS DISTINCT FROM 'percent' OR value BETWEEN 0 AND 100", name="percent_range"
        ),
        Index("ix_territorial_claims_timeline", text("as_of_start DESC"), text("id DESC")),
        Index("ix_territorial_claims_stream", "as_of_start", "as_of_end", "id"),
        Index("ix_territorial_claims_group", "group_key", "id"),
    )

    id: Mapped[int] = id_column()
    kind: Mapped[str]
    title: Mapped[str]
    summary: Mapped[str] = mapped_column(server_default="")
    claimant_id: Mapped[int] = mapped_column(
        ForeignKey("actors.id", ondelete="RESTRICT"), index=True
    )
    stated_by_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="RESTRICT"))
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id", ondelete="RESTRICT"), index=True)
    value: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    unit: Mapped[str | None]
    qualifier: Mapped[str] = mapped_column(server_default=Qualifier.exact.value)
    as_of: Mapped[str]
    as_of_start: Mapped[dt.date]
    as_of_end: Mapped[dt.date]
    as_of_precision: Mapped[str]
    as_of_label: Mapped[str]
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    group_key: Mapped[str] = mapped_column(server_default="", deferred=True)
    """The statement the claim belongs to, kept by triggers (migration 0009): claims of one
    event (or else citing the same spans), kind, claimant, speaker, date and status share it,
    and the timeline shows them as one entry."""


class ClaimCounter(Base):
    """One claim answers another (a refusal to recognise answers a sovereignty claim)."""

    __tablename__ = "claim_counters"
    __table_args__ = (CheckConstraint("claim_id <> counter_id", name="not_self"),)

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("territorial_claims.id", ondelete="CASCADE"), primary_key=True
    )
    counter_id: Mapped[int] = mapped_column(
        ForeignKey("territorial_claims.id", ondelete="CASCADE"), primary_key=True, index=True
    )
