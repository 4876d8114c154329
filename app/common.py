"""Small pieces every domain's router and service share."""

from typing import Annotated, Any

from fastapi import Path, Query
from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from app.errors import Problem, invalid_parameter

IdOrSlug = Annotated[
    str,
    Path(
        min_length=1,
        max_length=200,
        pattern=r"^([0-9]{1,18}|[a-z0-9]+(-[a-z0-9]+)*)$",
        description="Numeric id or slug.",
    ),
]


def by_id_or_slug(id_column: Any, slug_column: Any, key: str) -> ColumnElement[bool]:
    if key.isdigit():
        return id_column == int(key)  # type: ignore[no-any-return]
    return slug_column == key  # type: ignore[no-any-return]


def not_found(kind: str, key: str) -> Problem:
    return Problem(404, "not-found", f"No {kind} with id or slug {key!r}.")


async def resolve_ids(
    session: AsyncSession, model: Any, keys: list[str], *, param: str, kind: str
) -> list[int]:
    """Ids of the rows named by id or slug in `keys`; any unknown key is a 422 naming `param`."""
    if not keys:
        return []
    ids = [int(k) for k in keys if k.isdigit()]
    slugs = [k for k in keys if not k.isdigit()]
    query = select(model.id, model.slug).where(or_(model.id.in_(ids), model.slug.in_(slugs)))
    rows = (await session.execute(query)).all()
    found = {str(row[0]) for row in rows} | {row[1] for row in rows}
    missing = [k for k in keys if k not in found]
    if missing:
        raise invalid_parameter(param, f"no {kind} with id or slug {', '.join(missing)}")
    return sorted({row[0] for row in rows})


SlugList = Annotated[
    list[str],
    Query(
        description="Id or slug; repeat the parameter for any of several.",
        max_length=50,
    ),
]
Search = Annotated[
    str | None, Query(min_length=1, max_length=200, description="Plain substring search.")
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
