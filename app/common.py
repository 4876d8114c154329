"""Small pieces every domain's router and service share."""

import re
from typing import Annotated, Any

from fastapi import Path, Query
from pydantic import StringConstraints
from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Problem, invalid_parameter

ID_OR_SLUG = r"^([0-9]{1,18}|[a-z0-9]+(-[a-z0-9]+)*)$"
ISO_CODE = r"[A-Z]{2}(-[A-Z0-9]{1,3})?"
PLACE_KEY = rf"^([0-9]{{1,18}}|[a-z0-9]+(-[a-z0-9]+)*|{ISO_CODE})$"
_ID = re.compile(r"[0-9]{1,18}")
_KEY = re.compile(ID_OR_SLUG)
_CODE = re.compile(ISO_CODE)

EXAMPLE_KEYS = {
    "event": "2025-05-23-prisoner-exchange",
    "negotiation": "istanbul-talks-2025",
    "claim": "russia-incorporation-claim-donetsk",
    "actor": "turkey",
    "place": "donetsk-oblast",
    "source": "pravda-ru-2025-05-23-prisoner-exchange",
}
"""A record of each kind in the seed, as the documented example of its path's `key`."""


def record_key(kind: str) -> Any:
    """The `key` path parameter of a record of `kind`: `Annotated[str, record_key(kind)]`."""
    return Path(
        min_length=1,
        max_length=200,
        pattern=PLACE_KEY if kind == "place" else ID_OR_SLUG,
        description="Numeric id, slug, or ISO 3166 code (`UA`, `UA-23`)."
        if kind == "place"
        else "Numeric id or slug.",
        examples=[EXAMPLE_KEYS[kind]],
    )


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
    list[Annotated[str, StringConstraints(max_length=200, pattern=ID_OR_SLUG)]],
    Query(
        description="Id or slug; repeat the parameter for any of several.",
        max_length=50,
    ),
]
PlaceList = Annotated[
    list[Annotated[str, StringConstraints(max_length=200, pattern=PLACE_KEY)]],
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
        description='Full-text search in web search syntax: words, "a phrase", -excluded, '
        "or; case- and accent-insensitive, with English stemming.",
        examples=['"prisoner exchange" -bodies'],
    ),
]


CountryCode = Annotated[
    str | None,
    Query(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 country code, e.g. UA."),
]


YEAR_OR_MONTH = r"^([0-9]{3}[1-9]|[0-9]{2}[1-9]0|[0-9][1-9]00|[1-9]000)(-(0[1-9]|1[0-2]))?$"
DATE_FILTER_SCHEMA = {
    "anyOf": [
        {"type": "string", "pattern": YEAR_OR_MONTH},
        {"type": "string", "format": "date"},
    ],
    "examples": ["2025", "2025-05", "2025-05-23"],
}
"""A year, a month or a calendar day (the schema `str` would give admits any string)."""


def date_filter(description: str, alias: str | None = None) -> Any:
    return Query(alias=alias, description=description, json_schema_extra=DATE_FILTER_SCHEMA)


DateFrom = Annotated[
    str | None, date_filter("On or after this date: YYYY, YYYY-MM or YYYY-MM-DD.", "from")
]
DateTo = Annotated[
    str | None, date_filter("On or before this date: YYYY, YYYY-MM or YYYY-MM-DD.", "to")
]
