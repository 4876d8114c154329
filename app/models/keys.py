"""API keys: a name, a role, and a hash of the key; the key itself is never stored."""

import datetime as dt

from sqlalchemy import CheckConstraint, LargeBinary, func
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, id_column
from app.models.enums import KeyRole, check_in


class ApiKey(Base):
    __tablename__ = "api_keys"
    __table_args__ = (
        check_in("role", KeyRole),
        CheckConstraint("octet_length(hash) = 32", name="hash_is_sha256"),
        CheckConstraint("prefix ~ '^[0-9a-f]{8}$'", name="prefix_format"),
    )

    id: Mapped[int] = id_column()
    name: Mapped[str] = mapped_column(unique=True)
    role: Mapped[str]
    prefix: Mapped[str] = mapped_column(unique=True)
    """The key's public first part, to find its row; the rest is secret."""
    hash: Mapped[bytes] = mapped_column(LargeBinary)
    """SHA-256 of the whole key (a key carries 256 random bits, so no slow hash is needed)."""
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    revoked_at: Mapped[dt.datetime | None]
