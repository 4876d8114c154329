"""Small pieces every domain's router and service share."""

import re
from typing import Annotated, Any

from fastapi import Path, Query
from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Problem, invalid_parameter

ID_OR_SLUG = r"^([0-9]{1,18}|[a-z0-9]+(-[a-z0-9]+)*)$"
ISO_CODE = r"[A-Z]{2}(-[A-Z0-9]{1,3})?"
PLACE_KEY = rf"^([0-9]{{1,18}}|[a-z0-9]+(-[a-z0-9]+)*|{ISO_CODE})$"
_ID = re.compile(r"[0-9]{1,18}")
_KEY = re.compile(ID_OR_SLUG)
_CODE = re.compile(ISO_CODE)

IdOrSlug = Annotated[
    str,
    Path(min_length=1, max_length=200, pattern=ID_OR_SLUG, description="Numeric id or slug."),
]
PlaceKey = Annotated[
    str,
    Path(
        min_length=1,
        max_length=200,
        pattern=PLACE_KEY,
        description="Numeric id, slug, or ISO 3166 code (`UA`, `UA-23`).",
    ),
]


def as_id(key: str) -> int | None:
    """The id a key names, when it is one (ASCII digits, within bigint)."""
    return int(key) if _ID.fullmatch(key) else None


def by_id_or_slug(
    id_column: Any, slug_column: Any, key: str, code_column: Any = None
) -> ColumnElement[bool]:
    """The row `key` names: an id, a slug, or (where the rows have one) an ISO code."""
    row_id = as_id(key)
    if row_id is not None:
        return id_column == row_id  # type: ignore[no-any-return]
    if code_column is not None and _CODE.fullmatch(key):
        return code_column == key  # type: ignore[no-any-return]
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
    """Ids of the rows named in `keys` (and `visible`, when given): by id or slug, and by ISO
    code for places.

    A malformed key, or one naming no such row, is a 422 naming `param`.
    """
    if not keys:
        return []
    coded = model.__tablename__ == "places"
    names = "an id, slug or ISO code" if coded else "an id or slug"
    malformed = [k for k in keys if not (_KEY.fullmatch(k) or (coded and _CODE.fullmatch(k)))]
    if malformed:
        raise invalid_parameter(param, f"not {names}: {', '.join(map(repr, malformed))}")
    code = model.iso_code if coded else None
    names_of = [model.slug] if code is None else [model.slug, code]
    query = select(model.id, *names_of).where(
        or_(*(by_id_or_slug(model.id, model.slug, k, code) for k in keys))
    )
    if visible is not None:
        query = query.where(visible)
    rows = (await session.execute(query)).all()
    known = {str(row[0]) for row in rows} | {name for row in rows for name in row[1:] if name}
    missing = [k for k in keys if (str(as_id(k)) if as_id(k) is not None else k) not in known]
    if missing:
        raise invalid_parameter(param, f"no {kind} with {names[3:]} {', '.join(missing)}")
    return sorted({row[0] for row in rows})


SlugList = Annotated[
    list[str],
    Query(
        description="Id or slug; repeat the parameter for any of several.",
        max_length=50,
    ),
]
PlaceList = Annotated[
    list[str],
    Query(
        description="Place id, slug or ISO 3166 code (`UA-23`); matches the places inside it "
        "too. Repeat the parameter for any of several.",
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
