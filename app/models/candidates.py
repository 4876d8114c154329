"""Candidate records an ingested source proposes, until an editor accepts or rejects them."""

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, id_column


class Candidate(Base):
    __tablename__ = "candidates"
    __table_args__ = (
        CheckConstraint("status IN ('proposed', 'accepted', 'rejected')", name="status_allowed"),
        CheckConstraint(
            "(status = 'proposed') = (decided_at IS NULL AND decided_by IS NULL)",
            name="decided_when_not_proposed",
        ),
        CheckConstraint(
            "(status = 'accepted') = (record_kind IS NOT NULL AND record_id IS NOT NULL)",
            name="accepted_names_its_record",
        ),
        CheckConstraint("jsonb_typeof(body) = 'object'", name="body_is_object"),
        Index("ix_candidates_source", "source_id", "id"),
    )

    id: Mapped[int] = id_column()
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    body: Mapped[dict[str, Any]] = mapped_column(JSONB)
    """The candidate as `parley ingest --json` prints it."""
    status: Mapped[str] = mapped_column(server_default="proposed")
    record_kind: Mapped[str | None]
    record_id: Mapped[int | None]
    """The record accepting it wrote (a new draft) or cited (a record it restates)."""
    decided_by: Mapped[str | None]
    decided_at: Mapped[dt.datetime | None]
    note: Mapped[str | None]
    """Why it was rejected, if the editor said."""
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
