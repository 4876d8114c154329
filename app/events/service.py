"""Queries over events: the timeline's hot read path lives here."""

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.actors.service import actor_ref
from app.common import by_id_or_slug, resolve_ids
from app.models import Actor, Citation, Event, EventParticipant, Negotiation, Place, Quantity
from app.models.enums import PUBLIC_STATUSES
from app.pagination import Keyset, json_page
from app.places.service import place_and_descendants, place_ref
from app.search import contains
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
)


def _participants() -> ColumnElement[Any]:
    return array(
        select(EventParticipant.actor_id)
        .join(Actor, Actor.id == EventParticipant.actor_id)
        .where(EventParticipant.event_id == Event.id),
        obj(
            actor=obj(id=Actor.id, slug=Actor.slug, name=Actor.name, kind=Actor.kind),
            role=EventParticipant.role,
        ),
        EventParticipant.role,
        Actor.slug,
    )


def _quantities() -> ColumnElement[Any]:
    return array(
        select(Quantity.id).where(Quantity.event_id == Event.id),
        obj(
            id=Quantity.id,
            category=Quantity.category,
            recipient=actor_ref(Quantity.recipient_id),
            value=Quantity.value,
            qualifier=Quantity.qualifier,
            low=Quantity.low,
            high=Quantity.high,
            stated_by=actor_ref(Quantity.stated_by_id),
            is_best=Quantity.is_best,
            note=Quantity.note,
            citations=citations_of(Citation.quantity_id == Quantity.id),
        ),
        Quantity.id,
    )


def _negotiation_ref() -> ColumnElement[Any]:
    return one(
        select(Negotiation.id).where(Negotiation.id == Event.negotiation_id),
        obj(id=Negotiation.id, slug=Negotiation.slug, title=Negotiation.title),
    )


@cache
def event_item() -> ColumnElement[Any]:
    """Built once: the expression tree is reused by every request."""
    return obj(
        id=Event.id,
        slug=Event.slug,
        type=Event.type,
        title=Event.title,
        summary=Event.summary,
        **dated(Event),
        place=place_ref(Event.place_id),
        negotiation=_negotiation_ref(),
        participants=_participants(),
        quantities=_quantities(),
        citations=citations_of(Citation.event_id == Event.id),
        **editorial(Event),
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
        query = query.where(Event.place_id.in_(place_and_descendants(place_ids)))
    if f.negotiation:
        negotiation_ids = await resolve_ids(
            session, Negotiation, f.negotiation, param="negotiation", kind="negotiation"
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
    query = select(Event.date_start, Event.id, as_text(event_item()))
    query = await _filtered(session, query, filters)
    return await json_page(session, query, KEYSET, limit=limit, cursor=cursor)


async def get_event(session: AsyncSession, key: str) -> bytes | None:
    return await fetch_item(
        session,
        event_item(),
        by_id_or_slug(Event.id, Event.slug, key),
        Event.status.in_(PUBLIC_STATUSES),
    )
