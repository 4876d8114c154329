"""Small pieces every domain's router and service share."""

import re
from typing import Annotated, Any

from fastapi import Path, Query
from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from app.errors import Problem, invalid_parameter

ID_OR_SLUG = r"^([0-9]{1,18}|[a-z0-9]+(-[a-z0-9]+)*)$"
_ID = re.compile(r"[0-9]{1,18}")
_KEY = re.compile(ID_OR_SLUG)

IdOrSlug = Annotated[
    str,
    Path(min_length=1, max_length=200, pattern=ID_OR_SLUG, description="Numeric id or slug."),
]


def as_id(key: str) -> int | None:
    """The id a key names, when it is one (ASCII digits, within bigint)."""
    return int(key) if _ID.fullmatch(key) else None


def by_id_or_slug(id_column: Any, slug_column: Any, key: str) -> ColumnElement[bool]:
    row_id = as_id(key)
    if row_id is not None:
        return id_column == row_id  # type: ignore[no-any-return]
    return slug_column == key  # type: ignore[no-any-return]


def not_found(kind: str, key: str) -> Problem:
    return Problem(404, "not-found", f"No {kind} with id or slug {key!r}.")


async def resolve_ids(
    session: AsyncSession,
    model: Any,
    keys: list[str],
    *,
    param: str,
    kind: str,
    visible: ColumnElement[bool] | None = None,
) -> list[int]:
    """Ids of the rows named by id or slug in `keys` (and `visible`, when given).

    A malformed key, or one naming no such row, is a 422 naming `param`.
    """
    if not keys:
        return []
    malformed = [key for key in keys if not _KEY.fullmatch(key)]
    if malformed:
        raise invalid_parameter(param, f"not an id or slug: {', '.join(map(repr, malformed))}")
    ids = {key: as_id(key) for key in keys}
    slugs = [key for key, row_id in ids.items() if row_id is None]
    numbers = [row_id for row_id in ids.values() if row_id is not None]
    query = select(model.id, model.slug).where(or_(model.id.in_(numbers), model.slug.in_(slugs)))
    if visible is not None:
        query = query.where(visible)
    rows = (await session.execute(query)).all()
    found_ids = {row[0] for row in rows}
    found_slugs = {row[1] for row in rows}
    missing = [
        key
        for key, row_id in ids.items()
        if (row_id not in found_ids if row_id is not None else key not in found_slugs)
    ]
    if missing:
        raise invalid_parameter(param, f"no {kind} with id or slug {', '.join(missing)}")
    return sorted(found_ids)


SlugList = Annotated[
    list[str],
    Query(
        description="Id or slug; repeat the parameter for any of several.",
        max_length=50,
    ),
]
Search = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=200,
        pattern=r"^[^\x00-\x1f\x7f]+$",
        description="Plain substring search (no control characters).",
    ),
]


def json_response(body: bytes) -> Response:
    return Response(body, media_type="application/json")


def found(body: bytes | None, kind: str, key: str) -> Response:
    if body is None:
        raise not_found(kind, key)
    return json_response(body)


CountryCode = Annotated[
    str | None,
    Query(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 country code, e.g. UA."),
]


DateFrom = Annotated[
    str | None,
    Query(alias="from", description="On or after this date: YYYY, YYYY-MM or YYYY-MM-DD."),
]
DateTo = Annotated[
    str | None,
    Query(alias="to", description="On or before this date: YYYY, YYYY-MM or YYYY-MM-DD."),
]
