"""Queries over territorial claims."""

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.actors.service import actor_ref
from app.common import by_id_or_slug, resolve_ids
from app.fieldsets import pick
from app.models import Actor, Citation, ClaimCounter, Event, Place, TerritorialClaim
from app.pagination import Keyset, json_page
from app.places.service import place_and_descendants, place_ref
from app.search import matches, parse
from app.sources.service import citations_of
from app.sqljson import (
    AnySelect,
    array,
    as_text,
    dated,
    editorial,
    fetch_item,
    obj,
    one,
    shown,
)

Claim = TerritorialClaim


def _attribution() -> ColumnElement[str]:
    speaker = aliased(Actor)
    name = select(speaker.name).where(speaker.id == Claim.stated_by_id).scalar_subquery()
    return func.concat(literal("According to "), name, literal(", as of "), Claim.as_of_label)


def _counter_positions(editor: bool) -> ColumnElement[Any]:
    other = aliased(Claim)
    return array(
        select(other.id)
        .join(
            ClaimCounter,
            or_(
                (ClaimCounter.claim_id == Claim.id) & (ClaimCounter.counter_id == other.id),
                (ClaimCounter.counter_id == Claim.id) & (ClaimCounter.claim_id == other.id),
            ),
        )
        .where(shown(other.status, editor)),
        obj(
            id=other.id,
            slug=other.slug,
            kind=other.kind,
            title=other.title,
            claimant=actor_ref(other.claimant_id),
            stated_by=actor_ref(other.stated_by_id),
        ),
        other.id,
    )


def _event_ref(editor: bool) -> ColumnElement[Any]:
    return one(
        select(Event.id).where(Event.id == Claim.event_id, shown(Event.status, editor)),
        obj(id=Event.id, slug=Event.slug, title=Event.title),
    )


@lru_cache(maxsize=64)
def claim_item(editor: bool, chosen: frozenset[str] | None = None) -> ColumnElement[Any]:
    """A claim as the public (or an editor) sees it, cut to the `chosen` members if given."""
    members: dict[str, Any] = {
        "id": Claim.id,
        "slug": Claim.slug,
        "kind": Claim.kind,
        "title": Claim.title,
        "summary": Claim.summary,
        "attribution": _attribution(),
        "claimant": actor_ref(Claim.claimant_id),
        "stated_by": actor_ref(Claim.stated_by_id),
        "place": place_ref(Claim.place_id),
        "value": Claim.value,
        "unit": Claim.unit,
        "qualifier": Claim.qualifier,
        **dated(Claim, "as_of"),
        "event": _event_ref(editor),
        "counter_positions": _counter_positions(editor),
        "citations": citations_of(Citation.claim_id == Claim.id),
        **editorial(Claim),
    }
    return obj(**pick(members, chosen))


KEYSET = Keyset("claims", (Claim.as_of_start, Claim.id), (dt.date, int), descending=True)


@dataclass
class ClaimFilters:
    place: list[str] = field(default_factory=list)
    claimant: list[str] = field(default_factory=list)
    stated_by: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    as_of_from: dt.date | None = None
    as_of_to: dt.date | None = None
    q: str | None = None
    editor: bool = False


async def _filtered(session: AsyncSession, query: AnySelect, f: ClaimFilters) -> AnySelect:
    query = query.where(Claim.status.in_(f.status) if f.status else shown(Claim.status, f.editor))
    if f.kind:
        query = query.where(Claim.kind.in_(f.kind))
    if f.claimant:
        ids = await resolve_ids(session, Actor, f.claimant, param="claimant", kind="actor")
        query = query.where(Claim.claimant_id.in_(ids))
    if f.stated_by:
        ids = await resolve_ids(session, Actor, f.stated_by, param="stated_by", kind="actor")
        query = query.where(Claim.stated_by_id.in_(ids))
    if f.place:
        ids = await resolve_ids(session, Place, f.place, param="place", kind="place")
        query = query.where(Claim.place_id.in_(place_and_descendants(ids)))
    if f.as_of_from is not None:
        query = query.where(Claim.as_of_end >= f.as_of_from)
    if f.as_of_to is not None:
        query = query.where(Claim.as_of_start <= f.as_of_to)
    if f.q:
        query = query.where(matches(Claim.search, await parse(session, f.q)))
    return query


async def list_claims(
    session: AsyncSession,
    filters: ClaimFilters,
    *,
    limit: int,
    cursor: str | None,
    chosen: frozenset[str] | None = None,
) -> bytes:
    query = select(Claim.as_of_start, Claim.id, as_text(claim_item(filters.editor, chosen)))
    query = await _filtered(session, query, filters)
    return await json_page(session, query, KEYSET, limit=limit, cursor=cursor)


async def get_claim(session: AsyncSession, key: str, *, editor: bool) -> bytes | None:
    return await fetch_item(
        session,
        claim_item(editor),
        by_id_or_slug(Claim.id, Claim.slug, key),
        shown(Claim.status, editor),
    )
