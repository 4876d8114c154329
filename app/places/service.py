"""Queries over places."""

from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.common import by_id_or_slug
from app.models import Place
from app.pagination import Keyset, json_page
from app.search import matches, parse
from app.sqljson import as_text, fetch_item, obj, one, one_of, timestamps


def place_fields(place: Any) -> dict[str, Any]:
    """The fields of a place reference: id, slug, name, kind, ISO code."""
    return {
        "id": place.id,
        "slug": place.slug,
        "name": place.name,
        "kind": place.kind,
        "iso_code": place.iso_code,
    }


def place_ref(place_id: Any) -> ColumnElement[Any]:
    """The reference of the place with this id, or null."""
    ref = aliased(Place)
    return one(select(ref.id).where(ref.id == place_id), obj(**place_fields(ref)))


@cache
def place_item() -> ColumnElement[Any]:
    """Built once: the expression tree is reused by every request."""
    return obj(
        id=Place.id,
        slug=Place.slug,
        name=Place.name,
        kind=Place.kind,
        iso_code=Place.iso_code,
        country_code=Place.country_code,
        parent=place_ref(Place.parent_id),
        aliases=Place.aliases,
        note=Place.note,
        version=Place.version,
        **timestamps(Place),
    )


KEYSET = Keyset("places", (Place.slug.collate("C"),), (str,), descending=False)


async def list_places(
    session: AsyncSession,
    *,
    kind: list[str],
    country: str | None,
    q: str | None,
    limit: int,
    cursor: str | None,
) -> bytes:
    query = select(Place.slug, as_text(place_item()))
    if kind:
        query = query.where(Place.kind.in_(kind))
    if country:
        query = query.where(Place.country_code == country)
    if q:
        query = query.where(matches(Place.search, await parse(session, q)))
    return await json_page(session, query, KEYSET, limit=limit, cursor=cursor)


async def get_place(session: AsyncSession, key: str) -> bytes | None:
    where = by_id_or_slug(Place.id, Place.slug, key, Place.iso_code)
    return await fetch_item(session, place_item(), where)


def place_and_descendants(place_ids: list[int] | str) -> Any:
    """A subquery of these places' ids (or of those bound as the array named `place_ids`) and
    every place inside them."""
    chosen = one_of(Place.id, place_ids) if isinstance(place_ids, str) else Place.id.in_(place_ids)
    tree = select(Place.id).where(chosen).cte("place_tree", recursive=True)
    child = aliased(Place)
    tree = tree.union(select(child.id).where(child.parent_id == tree.c.id))
    return select(tree.c.id)
