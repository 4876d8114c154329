"""Build JSON inside PostgreSQL with SQLAlchemy Core, so hot reads skip per-row Python work."""

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    Text,
    any_,
    bindparam,
    func,
    literal,
    literal_column,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSON, aggregate_order_by
from sqlalchemy.dialects.postgresql import array as pg_array
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.expression import cast

from app.models.enums import PUBLIC_STATUSES

Column = ColumnElement[Any] | QueryableAttribute[Any]
AnySelect = Select[*tuple[Any, ...]]


def obj(**fields: Any) -> ColumnElement[Any]:
    """`json_build_object` from keyword pairs; values are columns or expressions."""
    args: list[Any] = []
    for key, value in fields.items():
        if not key.isidentifier():
            raise ValueError(f"JSON keys are identifiers, not {key!r}")
        args.extend((literal_column(f"'{key}'", String), value))
    return func.json_build_object(*args, type_=JSON)


def rfc3339(column: Column) -> ColumnElement[str]:
    """A timestamptz as RFC 3339 UTC with a `Z`."""
    return func.to_char(func.timezone("UTC", column), 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"', type_=Text)


def array(query: AnySelect, item: ColumnElement[Any], *order: Any) -> ColumnElement[Any]:
    """A correlated subquery: `item` for each row of `query` as a JSON array (`[]` if none)."""
    aggregated = func.json_agg(item, type_=JSON)
    if order:
        aggregated = func.json_agg(aggregate_order_by(item, *order), type_=JSON)
    return query.with_only_columns(
        func.coalesce(aggregated, cast(literal("[]"), JSON))
    ).scalar_subquery()


def one_of(column: Column, name: str) -> ColumnElement[bool]:
    """`column` holds one of the values bound as the array `:name`: one parameter however
    many values, so the statement's SQL never changes with them."""
    return column == any_(bindparam(name, type_=ARRAY(column.type)))


def as_text(item: ColumnElement[Any]) -> ColumnElement[str]:
    return cast(item, Text)


def one(query: AnySelect, item: ColumnElement[Any]) -> ColumnElement[Any]:
    """A correlated subquery returning `item` of the one matching row, or JSON null."""
    return query.with_only_columns(item).limit(1).scalar_subquery()


def timestamps(model: Any) -> dict[str, ColumnElement[str]]:
    return {"created_at": rfc3339(model.created_at), "updated_at": rfc3339(model.updated_at)}


def dated(model: Any, prefix: str = "date", *, key: str | None = None) -> dict[str, Any]:
    """An EDTF date column with its bounds, precision and label, and whether it is approximate
    or uncertain; served under the column names, or under `key` in place of `prefix`."""
    edtf = getattr(model, prefix)
    key = key or prefix
    fields = {
        key: edtf,
        **{f"{key}_{part}": getattr(model, f"{prefix}_{part}") for part in DATE_PARTS},
        f"{key}_approximate": edtf.regexp_match("[~%]"),
        f"{key}_uncertain": edtf.regexp_match("[?%]"),
    }
    return fields


DATE_PARTS = ("start", "end", "precision", "label")


def shown(status: Any, editor: bool) -> ColumnElement[bool]:
    """The rows a reader may see: published, corrected or retracted ones; editors see drafts too."""
    return true() if editor else status == any_(pg_array(list(PUBLIC_STATUSES)))


def editorial(model: Any) -> dict[str, Any]:
    """The editorial state every curated record serves."""
    return {
        "status": model.status,
        "status_note": model.status_note,
        "verification": model.verification,
        "flags": model.flags,
        "version": model.version,
        **timestamps(model),
    }


async def fetch_item(
    session: AsyncSession, item: ColumnElement[Any], *where: ColumnElement[bool]
) -> bytes | None:
    """One record's JSON text, or None when no row matches."""
    text = (await session.execute(select(as_text(item)).where(*where))).scalar_one_or_none()
    return text.encode() if text is not None else None
