"""Revisions, the change log and idempotent creates: who changed what, when, and why."""

import datetime as dt
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, LargeBinary, func
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, id_column
from app.models.enums import RevisionAction, check_in

KINDS = ("event", "negotiation", "claim", "actor", "place", "source")
KINDS_SQL = ", ".join(f"'{k}'" for k in KINDS)


class Revision(Base):
    """One write of one record: its snapshot before and after, and as the public saw it then."""

    __tablename__ = "revisions"
    __table_args__ = (
        check_in("action", RevisionAction),
        CheckConstraint(f"entity_type IN ({KINDS_SQL})", name="entity_type_allowed"),
        Index("ix_revisions_entity", "entity_type", "entity_id", "id"),
        Index("ix_revisions_public_note", "id", postgresql_where="public_note IS NOT NULL"),
    )

    id: Mapped[int] = id_column()
    entity_type: Mapped[str]
    entity_id: Mapped[int]
    entity_version: Mapped[int] = mapped_column(Integer)
    action: Mapped[str]
    author: Mapped[str]
    reason: Mapped[str]
    public_note: Mapped[str | None]
    """A correction's or retraction's note for readers; such revisions are the corrections page."""
    before: Mapped[dict[str, Any] | None]
    after: Mapped[dict[str, Any] | None]
    public: Mapped[str | None]
    """The record as the public read it right after this write (JSON), or NULL if it was not
    public: what `?at=` answers."""
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.clock_timestamp())
    """When the write was made (not when its transaction began)."""


class ChangeClock(Base):
    """One row counting committed writes: taking it last orders the change log by commit."""

    __tablename__ = "change_clock"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int]


class Change(Base):
    """A committed write, numbered in commit order, for clients that sync incrementally."""

    __tablename__ = "changes"
    __table_args__ = (
        check_in("operation", RevisionAction),
        CheckConstraint(f"kind IN ({KINDS_SQL})", name="kind_allowed"),
        Index("ix_changes_public", "seq", postgresql_where="public"),
    )

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    kind: Mapped[str]
    record_id: Mapped[int]
    slug: Mapped[str]
    operation: Mapped[str]
    version: Mapped[int] = mapped_column(Integer)
    public: Mapped[bool]
    """The public may see this change: the record is public after it, or was before."""
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("revisions.id", ondelete="SET NULL"))
    at: Mapped[dt.datetime] = mapped_column(server_default=func.clock_timestamp())


class IdempotencyKey(Base):
    """The first response to a create sent with an `Idempotency-Key`, replayed to retries."""

    __tablename__ = "idempotency_keys"

    api_key_id: Mapped[int] = mapped_column(
        ForeignKey("api_keys.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(primary_key=True)
    request_hash: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[int | None] = mapped_column(Integer)
    body: Mapped[bytes | None] = mapped_column(LargeBinary)
    location: Mapped[str | None]
    etag: Mapped[str | None]
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now(), index=True)
