"""Keyset pagination with opaque cursors, and the one place list pages are assembled."""

import base64
import binascii
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

import orjson
from fastapi import Query
from sqlalchemy import ColumnElement, Integer, bindparam, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from app import prepared
from app.errors import Problem
from app.sqljson import AnySelect, Column

DEFAULT_LIMIT = 50
MAX_LIMIT = 200

Limit = Annotated[
    int, Query(ge=1, le=MAX_LIMIT, description=f"Page size, 1..{MAX_LIMIT}.", examples=[20])
]
Cursor = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=512,
        pattern=r"^[A-Za-z0-9_-]+={0,2}$",
        description="Opaque cursor from a previous page's `next_cursor` (of this list only).",
    ),
]


def bad_cursor(reason: str) -> Problem:
    return Problem(
        400,
        "invalid-cursor",
        f"Parameter 'cursor' is not a cursor this list issued ({reason}).",
        errors=[{"location": "query", "name": "cursor", "message": reason}],
    )


@dataclass(frozen=True)
class Keyset:
    """A total order: sort columns (same direction) ending with a unique one."""

    name: str
    columns: tuple[Column, ...]
    kinds: tuple[type, ...]
    descending: bool

    def order_by(self) -> list[ColumnElement[Any]]:
        return [c.desc() if self.descending else c.asc() for c in self.columns]

    def after(self, values: Sequence[Any]) -> ColumnElement[bool]:
        row, bound = tuple_(*self.columns), tuple_(*values)
        return row < bound if self.descending else row > bound

    def paged(self, query: AnySelect, *, after: bool) -> AnySelect:
        """`query` in this order, cut to `:limit` rows, after the keys bound as `:after_0`…
        when `after`: a statement that can be built once and run for every page."""
        if after:
            keys = [
                bindparam(f"after_{i}", type_=getattr(column, "type", None))
                for i, column in enumerate(self.columns)
            ]
            query = query.where(self.after(keys))
        return query.order_by(*self.order_by()).limit(bindparam("limit", type_=Integer))

    def bound(self, cursor: str | None, limit: int) -> dict[str, Any]:
        """The values `paged` statements take: a row more than `limit`, to tell if one follows."""
        values: dict[str, Any] = {"limit": limit + 1}
        if cursor is not None:
            values |= {f"after_{i}": v for i, v in enumerate(self.decode(cursor))}
        return values

    def encode(self, values: Sequence[Any]) -> str:
        payload = orjson.dumps([self.name, *values])
        return base64.urlsafe_b64encode(payload).rstrip(b"=").decode()

    def decode(self, cursor: str) -> list[Any]:
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
            payload = orjson.loads(raw)
        except (binascii.Error, ValueError, orjson.JSONDecodeError):
            raise bad_cursor("not valid base64 JSON") from None
        if not isinstance(payload, list) or not payload or payload[0] != self.name:
            raise bad_cursor("issued by another list")
        values = payload[1:]
        if len(values) != len(self.kinds):
            raise bad_cursor("wrong number of keys")
        return [self._parse(kind, value) for kind, value in zip(self.kinds, values, strict=True)]

    @staticmethod
    def _parse(kind: type, value: Any) -> Any:
        try:
            if kind is dt.date and isinstance(value, str):
                return dt.date.fromisoformat(value)
            if kind is int and type(value) is int and -(2**63) <= value < 2**63:
                return value
            if kind is str and isinstance(value, str) and "\x00" not in value:
                return value
        except ValueError:
            pass
        raise bad_cursor("malformed key")


async def json_page(
    session: AsyncSession,
    query: AnySelect,
    keyset: Keyset,
    *,
    limit: int,
    cursor: str | None,
) -> bytes:
    """Run a page query and return the `{"items": [...], "next_cursor": ...}` body.

    `query` selects the keyset columns first (the last one an id), then one column holding
    each item as JSON text, built by PostgreSQL; no ORM objects or Pydantic validation sit on
    this path.
    """
    statement = keyset.paged(query, after=cursor is not None)
    rows = (await session.execute(statement, keyset.bound(cursor, limit))).all()
    return _body(rows, keyset, limit)


async def run_page(
    reader: prepared.Reader,
    statement: AnySelect,
    keyset: Keyset,
    values: Mapping[str, Any],
    *,
    limit: int,
    cursor: str | None,
) -> bytes:
    """`json_page` for a statement `keyset.paged` made once for its shape, with this page's
    filter `values`, run as a hot read (see app/prepared.py)."""
    rows = await prepared.fetch(reader, statement, {**values, **keyset.bound(cursor, limit)})
    return _body(rows, keyset, limit)


def _body(rows: Sequence[Sequence[Any]], keyset: Keyset, limit: int) -> bytes:
    width = len(keyset.columns)
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = keyset.encode(_jsonable(tuple(rows[-1])[:width]))
    items = b",".join(row[width].encode() for row in rows)
    return b'{"items":[' + items + b'],"next_cursor":' + orjson.dumps(next_cursor) + b"}"


def _jsonable(values: Sequence[Any]) -> list[Any]:
    return [v.isoformat() if isinstance(v, dt.date) else v for v in values]
