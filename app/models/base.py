"""Declarative base, constraint naming and the columns most tables share."""

import datetime as dt
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    Identity,
    Index,
    Integer,
    MetaData,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.models.enums import DatePrecision, RecordStatus, Verification, check_in

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
"""Lowercase words joined by hyphens; never all digits, so a slug never reads as an id."""


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012
        int: BigInteger,
        str: Text,
        dt.datetime: DateTime(timezone=True),
        dt.date: Date,
        dict[str, Any]: JSONB,
        list[dict[str, Any]]: JSONB,
    }


def id_column() -> Mapped[int]:
    return mapped_column(BigInteger, Identity(always=False), primary_key=True)


class Searchable:
    """A folded, stemmed tsvector of the record's words and the actors and places it names,
    kept by the write path (app/editorial/indexing.py); see migration 0007."""

    search: Mapped[str | None] = mapped_column(TSVECTOR, deferred=True)


def search_index(table: str) -> Index:
    return Index(f"ix_{table}_search", "search", postgresql_using="gin")


class Timestamped:
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())


class Slugged:
    slug: Mapped[str] = mapped_column(unique=True)


def slug_check() -> CheckConstraint:
    return CheckConstraint(f"slug ~ '{SLUG_PATTERN}' AND slug !~ '^[0-9]+$'", name="slug_format")


class EdtfDated:
    """An EDTF date with the ISO bounds it covers, how precise it is, and its label."""

    date: Mapped[str]
    date_start: Mapped[dt.date]
    date_end: Mapped[dt.date]
    date_precision: Mapped[str]
    date_label: Mapped[str]


class Versioned:
    """A record's version: 1 when created, one more at every write."""

    version: Mapped[int] = mapped_column(Integer, server_default=text("1"))


def version_check() -> CheckConstraint:
    return CheckConstraint("version >= 1", name="version_positive")


class Editorial(Versioned, Timestamped):
    """Editorial state every curated record carries."""

    status: Mapped[str] = mapped_column(server_default=RecordStatus.draft.value)
    status_note: Mapped[str | None]
    """For readers: why the record was retracted, or what its last correction changed."""
    verification: Mapped[str] = mapped_column(server_default=Verification.unverified.value)
    flags: Mapped[list[dict[str, Any]]] = mapped_column(server_default=text("'[]'::jsonb"))


def editorial_checks() -> tuple[CheckConstraint, ...]:
    return (
        check_in("status", RecordStatus),
        check_in("verification", Verification),
        CheckConstraint("jsonb_typeof(flags) = 'array'", name="flags_is_array"),
        version_check(),
        title_check(),
    )


TITLE_MAX = 300
"""Characters in a record's title (the API says so too)."""


def title_check() -> CheckConstraint:
    return CheckConstraint(f"char_length(title) <= {TITLE_MAX}", name="title_length")


def date_checks(prefix: str = "date") -> tuple[CheckConstraint, ...]:
    """Bounds in order, a known precision, and a label free of EDTF syntax."""
    return (
        CheckConstraint(f"{prefix}_start <= {prefix}_end", name=f"{prefix}_bounds_ordered"),
        check_in(f"{prefix}_precision", DatePrecision),
        CheckConstraint(
            f"{prefix}_label <> '' AND {prefix}_label !~ '[~?/]'", name=f"{prefix}_label_readable"
        ),
    )


def all_or_none(name: str, *columns: str) -> CheckConstraint:
    """A group of nullable columns that are set together or not at all."""
    listed = ", ".join(columns)
    return CheckConstraint(f"num_nulls({listed}) IN (0, {len(columns)})", name=name)
