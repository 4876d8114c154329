"""Queries over actors and their roles."""

from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.common import by_id_or_slug
from app.models import Actor, ActorRole
from app.pagination import Keyset, json_page
from app.search import matches, parse
from app.sqljson import array, as_text, dated, fetch_item, obj, one, timestamps


def actor_ref(actor_id: Any) -> ColumnElement[Any]:
    """`{"id", "slug", "name", "kind"}` of the actor with this id, or null."""
    ref = aliased(Actor)
    return one(
        select(ref.id).where(ref.id == actor_id),
        obj(id=ref.id, slug=ref.slug, name=ref.name, kind=ref.kind),
    )


def _roles() -> ColumnElement[Any]:
    return array(
        select(ActorRole.id).where(ActorRole.actor_id == Actor.id),
        obj(
            title=ActorRole.title,
            organization=actor_ref(ActorRole.organization_id),
            **dated(ActorRole, "as_of"),
        ),
        ActorRole.as_of_start,
        ActorRole.id,
    )


@cache
def actor_item() -> ColumnElement[Any]:
    """Built once: the expression tree is reused by every request."""
    return obj(
        id=Actor.id,
        slug=Actor.slug,
        name=Actor.name,
        kind=Actor.kind,
        country_code=Actor.country_code,
        aliases=Actor.aliases,
        description=Actor.description,
        parent=actor_ref(Actor.parent_id),
        roles=_roles(),
        version=Actor.version,
        **timestamps(Actor),
    )


KEYSET = Keyset("actors", (Actor.slug.collate("C"),), (str,), descending=False)


async def list_actors(
    session: AsyncSession,
    *,
    kind: list[str],
    country: str | None,
    q: str | None,
    limit: int,
    cursor: str | None,
) -> bytes:
    query = select(Actor.slug, as_text(actor_item()))
    if kind:
        query = query.where(Actor.kind.in_(kind))
    if country:
        query = query.where(Actor.country_code == country)
    if q:
        query = query.where(matches(Actor.search, await parse(session, q)))
    return await json_page(session, query, KEYSET, limit=limit, cursor=cursor)


async def get_actor(session: AsyncSession, key: str) -> bytes | None:
    return await fetch_item(session, actor_item(), by_id_or_slug(Actor.id, Actor.slug, key))
