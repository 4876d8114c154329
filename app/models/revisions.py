"""Revisions: who changed which record, when, from what to what, and why."""

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, Index, Integer, func
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, id_column
from app.models.enums import RevisionAction, check_in


class Revision(Base):
    __tablename__ = "revisions"
    __table_args__ = (
        check_in("action", RevisionAction),
        CheckConstraint(
            "entity_type IN ('event', 'negotiation', 'claim', 'actor', 'place', 'source')",
            name="entity_type_allowed",
        ),
        Index("ix_revisions_entity", "entity_type", "entity_id", "id"),
    )

    id: Mapped[int] = id_column()
    entity_type: Mapped[str]
    entity_id: Mapped[int]
    entity_version: Mapped[int] = mapped_column(Integer)
    action: Mapped[str]
    author: Mapped[str]
    reason: Mapped[str]
    before: Mapped[dict[str, Any] | None]
    after: Mapped[dict[str, Any] | None]
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
