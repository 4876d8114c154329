"""Build JSON inside PostgreSQL with SQLAlchemy Core, so hot reads skip per-row Python work."""

from typing import Any

from sqlalchemy import ColumnElement, Select, String, Text, func, literal, literal_column
from sqlalchemy.dialects.postgresql import JSON, aggregate_order_by
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.expression import cast

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


def as_text(item: ColumnElement[Any]) -> ColumnElement[str]:
    return cast(item, Text)


def one(query: AnySelect, item: ColumnElement[Any]) -> ColumnElement[Any]:
    """A correlated subquery returning `item` of the one matching row, or JSON null."""
    return query.with_only_columns(item).limit(1).scalar_subquery()
