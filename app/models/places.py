"""Places: countries, ISO 3166-2 regions, cities, with the aliases sources use."""

from sqlalchemy import CheckConstraint, ForeignKey, Text, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import (
    Base,
    Searchable,
    Slugged,
    Timestamped,
    Versioned,
    id_column,
    search_index,
    slug_check,
    version_check,
)
from app.models.enums import PlaceKind, check_in


class Place(Searchable, Slugged, Versioned, Timestamped, Base):
    __tablename__ = "places"
    __table_args__ = (
        search_index("places"),
        slug_check(),
        version_check(),
        check_in("kind", PlaceKind),
        CheckConstraint("country_code ~ '^[A-Z]{2}$'", name="country_code_alpha2"),
        CheckConstraint("iso_code ~ '^[A-Z]{2}(-[A-Z0-9]{1,3})?$'", name="iso_code_format"),
    )

    id: Mapped[int] = id_column()
    name: Mapped[str]
    kind: Mapped[str]
    iso_code: Mapped[str | None] = mapped_column(unique=True)
    country_code: Mapped[str | None]
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("places.id", ondelete="SET NULL"))
    aliases: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{}'"))
    note: Mapped[str | None]
