"""Actors: states, bodies and people, with their time-scoped roles."""

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Text, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import (
    Base,
    Searchable,
    Slugged,
    Timestamped,
    Versioned,
    date_checks,
    id_column,
    search_index,
    slug_check,
    version_check,
)
from app.models.enums import ActorKind, check_in


class Actor(Searchable, Slugged, Versioned, Timestamped, Base):
    __tablename__ = "actors"
    __table_args__ = (
        search_index("actors"),
        slug_check(),
        version_check(),
        check_in("kind", ActorKind),
        CheckConstraint("country_code ~ '^[A-Z]{2}$'", name="country_code_alpha2"),
    )

    id: Mapped[int] = id_column()
    name: Mapped[str]
    kind: Mapped[str]
    country_code: Mapped[str | None]
    aliases: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{}'"))
    description: Mapped[str | None]
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="SET NULL"))

    roles: Mapped[list["ActorRole"]] = relationship(
        back_populates="actor",
        lazy="raise",
        foreign_keys="ActorRole.actor_id",
        order_by="ActorRole.id",
    )


class ActorRole(Base):
    """A role a person holds, as of a date: "Ukrainian Defense Minister" as of 2025-05."""

    __tablename__ = "actor_roles"
    __table_args__ = (*date_checks("as_of"),)

    id: Mapped[int] = id_column()
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    title: Mapped[str]
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL")
    )
    as_of: Mapped[str]
    as_of_start: Mapped[dt.date]
    as_of_end: Mapped[dt.date]
    as_of_precision: Mapped[str]
    as_of_label: Mapped[str]

    actor: Mapped[Actor] = relationship(
        back_populates="roles", lazy="raise", foreign_keys=[actor_id]
    )
