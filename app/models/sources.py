"""Sources and the citations that point into them."""

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, UniqueConstraint, func
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import (
    Base,
    Slugged,
    Timestamped,
    Versioned,
    date_checks,
    id_column,
    slug_check,
    title_check,
    version_check,
)


class Source(Slugged, Versioned, Timestamped, Base):
    __tablename__ = "sources"
    __table_args__ = (
        slug_check(),
        version_check(),
        *date_checks("published"),
        CheckConstraint("char_length(sha256) = 64", name="sha256_length"),
        CheckConstraint("char_length(language) BETWEEN 2 AND 35", name="language_tag"),
        title_check(),
    )

    id: Mapped[int] = id_column()
    title: Mapped[str]
    publisher: Mapped[str]
    url: Mapped[str | None]
    archive_url: Mapped[str | None]
    """A copy kept by an archive (e.g. the Wayback Machine), in case `url` changes or goes."""
    language: Mapped[str]
    published: Mapped[str]
    published_start: Mapped[dt.date]
    published_end: Mapped[dt.date]
    published_precision: Mapped[str]
    published_label: Mapped[str]
    published_note: Mapped[str | None]
    text: Mapped[str]
    sha256: Mapped[str]
    text_version: Mapped[int] = mapped_column(Integer, server_default=sql_text("1"))
    """1 for the text first stored; one more at each correction (older texts in
    source_versions)."""


class SourceVersion(Base):
    """A text a source had before it was corrected; citations were re-anchored to the new one."""

    __tablename__ = "source_versions"
    __table_args__ = (
        CheckConstraint("char_length(sha256) = 64", name="sha256_length"),
        UniqueConstraint("source_id", "text_version"),
    )

    id: Mapped[int] = id_column()
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    text_version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str]
    sha256: Mapped[str]
    replaced_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())


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
