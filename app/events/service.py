"""Queries over events: the timeline's hot read path lives here."""

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.common import by_id_or_slug, resolve_ids
from app.events.documents import event_document, render_events, stored_document
from app.models import Actor, Event, EventParticipant, EventPlace, Negotiation, Place
from app.models.enums import PUBLIC_STATUSES
from app.pagination import Keyset, json_page
from app.places.service import place_and_descendants
from app.search import contains
from app.sqljson import (
    AnySelect,
    fetch_item,
)

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


async def _filtered(session: AsyncSession, query: AnySelect, f: EventFilters) -> AnySelect:
    query = query.where(Event.status.in_(f.status or PUBLIC_STATUSES))
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
            visible=Negotiation.status.in_(PUBLIC_STATUSES),
        )
        query = query.where(Event.negotiation_id.in_(negotiation_ids))
    if f.date_from is not None:
        query = query.where(Event.date_end >= f.date_from)
    if f.date_to is not None:
        query = query.where(Event.date_start <= f.date_to)
    if f.q:
        query = query.where(contains(f.q, Event.title, Event.summary))
    return query


async def list_events(
    session: AsyncSession, filters: EventFilters, *, limit: int, cursor: str | None
) -> bytes:
    query = select(Event.date_start, Event.id, stored_document())
    query = await _filtered(session, query, filters)
    return await json_page(session, query, KEYSET, limit=limit, cursor=cursor, render=render_events)


async def get_event(session: AsyncSession, key: str) -> bytes | None:
    return await fetch_item(
        session,
        event_document(),
        by_id_or_slug(Event.id, Event.slug, key),
        Event.status.in_(PUBLIC_STATUSES),
    )
