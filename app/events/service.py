"""Queries over events: the timeline's hot read path lives here."""

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.common import by_id_or_slug, resolve_ids
from app.events.items import event_item
from app.models import Actor, Event, EventParticipant, EventPlace, Negotiation, Place
from app.pagination import Keyset, json_page
from app.places.service import place_and_descendants
from app.search import matches, parse
from app.sqljson import AnySelect, as_text, fetch_item, shown

KEYSET = Keyset("events", (Event.date_start, Event.id), (dt.date, int), descending=True)


@dataclass
class EventFilters:
    type: list[str] = field(default_factory=list)
    actor: list[str] = field(default_factory=list)
    place: list[str] = field(default_factory=list)
    negotiation: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    verification: list[str] = field(default_factory=list)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str | None = None
    editor: bool = False
    """An editor's view: drafts too, wherever they are nested."""


async def _filtered(session: AsyncSession, query: AnySelect, f: EventFilters) -> AnySelect:
    query = query.where(Event.status.in_(f.status) if f.status else shown(Event.status, f.editor))
    if f.type:
        query = query.where(Event.type.in_(f.type))
    if f.verification:
        query = query.where(Event.verification.in_(f.verification))
    if f.actor:
        actor_ids = await resolve_ids(session, Actor, f.actor, param="actor", kind="actor")
        query = query.where(
            exists().where(
                EventParticipant.event_id == Event.id, EventParticipant.actor_id.in_(actor_ids)
            )
        )
    if f.place:
        place_ids = await resolve_ids(session, Place, f.place, param="place", kind="place")
        query = query.where(
            exists().where(
                EventPlace.event_id == Event.id,
                EventPlace.place_id.in_(place_and_descendants(place_ids)),
            )
        )
    if f.negotiation:
        negotiation_ids = await resolve_ids(
            session,
            Negotiation,
            f.negotiation,
            param="negotiation",
            kind="negotiation",
            visible=shown(Negotiation.status, f.editor),
        )
        query = query.where(Event.negotiation_id.in_(negotiation_ids))
    if f.date_from is not None:
        query = query.where(Event.date_end >= f.date_from)
    if f.date_to is not None:
        query = query.where(Event.date_start <= f.date_to)
    if f.q:
        query = query.where(matches(Event.search, await parse(session, f.q)))
    return query


async def list_events(
    session: AsyncSession,
    filters: EventFilters,
    *,
    limit: int,
    cursor: str | None,
    chosen: frozenset[str] | None = None,
) -> bytes:
    query = select(Event.date_start, Event.id, as_text(event_item(filters.editor, chosen)))
    query = await _filtered(session, query, filters)
    return await json_page(session, query, KEYSET, limit=limit, cursor=cursor)


async def get_event(session: AsyncSession, key: str, *, editor: bool) -> bytes | None:
    return await fetch_item(
        session,
        event_item(editor),
        by_id_or_slug(Event.id, Event.slug, key),
        shown(Event.status, editor),
    )
