"""Sources and the citations that point into them."""

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Slugged, Timestamped, date_checks, id_column, slug_check


class Source(Slugged, Timestamped, Base):
    __tablename__ = "sources"
    __table_args__ = (
        slug_check(),
        *date_checks("published"),
        CheckConstraint("char_length(sha256) = 64", name="sha256_length"),
        CheckConstraint("char_length(language) BETWEEN 2 AND 35", name="language_tag"),
    )

    id: Mapped[int] = id_column()
    title: Mapped[str]
    publisher: Mapped[str]
    url: Mapped[str | None]
    language: Mapped[str]
    published: Mapped[str]
    published_start: Mapped[dt.date]
    published_end: Mapped[dt.date]
    published_precision: Mapped[str]
    published_label: Mapped[str]
    published_note: Mapped[str | None]
    text: Mapped[str]
    sha256: Mapped[str]


class Citation(Base):
    """A quoted span of a source (W3C TextQuote + TextPosition) backing one record or field.

    Offsets count Unicode code points; exactly one of the record columns is set.
    """

    __tablename__ = "citations"
    __table_args__ = (
        CheckConstraint("start_offset >= 0 AND end_offset > start_offset", name="span_ordered"),
        CheckConstraint("char_length(quote) = end_offset - start_offset", name="quote_fits_span"),
        CheckConstraint(
            "num_nonnulls(event_id, quantity_id, negotiation_id, outcome_id, claim_id) = 1",
            name="one_target",
        ),
        Index("ix_citations_event_id", "event_id", postgresql_where="event_id IS NOT NULL"),
        Index(
            "ix_citations_quantity_id", "quantity_id", postgresql_where="quantity_id IS NOT NULL"
        ),
        Index(
            "ix_citations_negotiation_id",
            "negotiation_id",
            postgresql_where="negotiation_id IS NOT NULL",
        ),
        Index("ix_citations_outcome_id", "outcome_id", postgresql_where="outcome_id IS NOT NULL"),
        Index("ix_citations_claim_id", "claim_id", postgresql_where="claim_id IS NOT NULL"),
    )

    id: Mapped[int] = id_column()
    source_id: Mapped[int] = mapped_column(
        ForeignKey("sources.id", ondelete="RESTRICT"), index=True
    )
    quote: Mapped[str]
    start_offset: Mapped[int] = mapped_column(Integer)
    end_offset: Mapped[int] = mapped_column(Integer)
    prefix: Mapped[str] = mapped_column(server_default="")
    suffix: Mapped[str] = mapped_column(server_default="")
    field: Mapped[str | None]
    note: Mapped[str | None]
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    quantity_id: Mapped[int | None] = mapped_column(ForeignKey("quantities.id", ondelete="CASCADE"))
    negotiation_id: Mapped[int | None] = mapped_column(
        ForeignKey("negotiations.id", ondelete="CASCADE")
    )
    outcome_id: Mapped[int | None] = mapped_column(ForeignKey("outcomes.id", ondelete="CASCADE"))
    claim_id: Mapped[int | None] = mapped_column(
        ForeignKey("territorial_claims.id", ondelete="CASCADE")
    )

    source: Mapped[Source] = relationship(lazy="raise")
