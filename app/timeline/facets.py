"""Facets of the timeline: how many entries each filter choice keeps.

For each dimension, entries are counted under every filter but that dimension's own (as filter
menus do: choosing another value replaces the choice), so a value's count is the length of the
timeline filtered by it. An entry counts once per value: for each of its actors; for each of
its places and every place they lie in (a place filter takes the places inside it); for each
year its dates overlap.
"""

import dataclasses
from collections.abc import Mapping
from typing import Any

import orjson
from sqlalchemy import Integer, cast, distinct, extract, func, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.models import Actor, Place
from app.timeline.service import RECORDS, ROWS, Shape, TimelineFilters, resolve, wanted

DIMENSIONS = {
    "record": (),
    "type": ("type",),
    "actor": ("actor",),
    "place": ("place",),
    "year": ("date_from", "date_to"),
    "status": ("status",),
}
"""The bound filters each dimension chooses by."""


def _rows(shape: Shape) -> Any:
    shape = dataclasses.replace(shape, facets=True)
    parts = [ROWS[record](shape) for record in RECORDS if wanted(shape, record)]
    if not parts:
        return None
    query = parts[0] if len(parts) == 1 else parts[0].union_all(*parts[1:])
    return query.subquery("entries")


def _without(shape: Shape, dimension: str) -> Shape:
    """The filters with this dimension's own choice left out."""
    if dimension == "record":
        return dataclasses.replace(shape, record=())
    return shape.without(*DIMENSIONS[dimension])


def _entry(rows: Any) -> Any:
    return distinct(func.concat(rows.c.record, ":", rows.c.id))


Counts = list[tuple[Any, ...]]


class _Counter:
    """Runs a dimension's counting queries with the filters' values bound."""

    def __init__(self, session: AsyncSession, values: Mapping[str, Any]) -> None:
        self.session = session
        self.values = values

    async def __call__(self, query: Any) -> Counts:
        return [tuple(row) for row in await self.session.execute(query, self.values)]


async def facets(session: AsyncSession, f: TimelineFilters) -> bytes:
    resolved = await resolve(session, f)
    counts = _Counter(session, resolved.values)
    result: dict[str, Any] = {}
    rows = _rows(resolved.shape)
    result["total"] = 0
    if rows is not None:
        result["total"] = (await counts(select(func.count(_entry(rows)))))[0][0]
    for dimension in DIMENSIONS:
        rows = _rows(_without(resolved.shape, dimension))
        result[dimension] = [] if rows is None else await COUNTERS[dimension](counts, rows)
    return orjson.dumps(result)


async def _by_column(counts: _Counter, rows: Any, column: Any) -> list[dict[str, Any]]:
    query = select(column, func.count(_entry(rows))).group_by(column).order_by(column)
    return [{"value": value, "count": n} for value, n in await counts(query)]


async def _by_record(counts: _Counter, rows: Any) -> list[dict[str, Any]]:
    return await _by_column(counts, rows, rows.c.record)


async def _by_type(counts: _Counter, rows: Any) -> list[dict[str, Any]]:
    query = select(rows.c.type, func.count(_entry(rows))).where(rows.c.record == "event")
    query = query.group_by(rows.c.type).order_by(rows.c.type)
    return [{"value": value, "count": n} for value, n in await counts(query)]


async def _by_status(counts: _Counter, rows: Any) -> list[dict[str, Any]]:
    return await _by_column(counts, rows, rows.c.status)


async def _by_actor(counts: _Counter, rows: Any) -> list[dict[str, Any]]:
    named = func.unnest(rows.c.actors).table_valued("actor_id").render_derived().lateral()
    query = (
        select(Actor.slug, Actor.name, func.count(_entry(rows)))
        .select_from(rows)
        .join(named, true())
        .join(Actor, Actor.id == named.c.actor_id)
        .group_by(Actor.slug, Actor.name)
        .order_by(Actor.slug)
    )
    return [{"value": slug, "name": name, "count": n} for slug, name, n in await counts(query)]


async def _by_place(counts: _Counter, rows: Any) -> list[dict[str, Any]]:
    linked = func.unnest(rows.c.places).table_valued("place_id").render_derived().lateral()
    within = select(Place.id.label("place_id"), Place.id.label("ancestor_id")).cte(
        "within", recursive=True
    )
    parent = aliased(Place)
    within = within.union_all(
        select(within.c.place_id, parent.parent_id)
        .join(parent, parent.id == within.c.ancestor_id)
        .where(parent.parent_id.is_not(None))
    )
    query = (
        select(Place.slug, Place.name, Place.iso_code, func.count(_entry(rows)))
        .select_from(rows)
        .join(linked, true())
        .join(within, within.c.place_id == linked.c.place_id)
        .join(Place, Place.id == within.c.ancestor_id)
        .group_by(Place.slug, Place.name, Place.iso_code)
        .order_by(Place.slug)
    )
    return [
        {"value": slug, "name": name, "iso_code": code, "count": n}
        for slug, name, code, n in await counts(query)
    ]


async def _by_year(counts: _Counter, rows: Any) -> list[dict[str, Any]]:
    first = cast(extract("year", rows.c.start), Integer)
    last = cast(extract("year", rows.c.end), Integer)
    years = func.generate_series(first, last).table_valued("year").render_derived().lateral()
    query = (
        select(years.c.year, func.count(_entry(rows)))
        .select_from(rows)
        .join(years, true())
        .group_by(years.c.year)
        .order_by(years.c.year)
    )
    return [{"value": str(year), "count": n} for year, n in await counts(query)]


COUNTERS = {
    "record": _by_record,
    "type": _by_type,
    "actor": _by_actor,
    "place": _by_place,
    "year": _by_year,
    "status": _by_status,
}
