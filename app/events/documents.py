"""Event documents: each event's JSON as served, stored in its row so hot lists read one column.

Triggers (migration 0002) reset a document to NULL whenever a row it shows changes; readers
render NULL documents live, so a stale document is never served. Writers call
`refresh_event_documents` before committing so the next reader finds them ready.
"""

from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.actors.service import actor_ref
from app.models import Actor, Citation, Event, EventParticipant, Negotiation, Quantity
from app.places.service import place_ref
from app.sources.service import citations_of
from app.sqljson import array, as_text, dated, editorial, obj, one


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


@cache
def event_document() -> ColumnElement[Any]:
    """The stored document, or the live rendering when it is stale."""
    return func.coalesce(Event.document, as_text(event_item()))


async def render_events(session: AsyncSession, ids: list[int]) -> dict[int, str]:
    """Live renderings of these events, by id."""
    query = select(Event.id, as_text(event_item())).where(Event.id.in_(ids))
    return dict((await session.execute(query)).all())


async def refresh_event_documents(session: AsyncSession) -> int:
    """Render every stale document; returns how many were rendered."""
    statement = (
        update(Event)
        .where(Event.document.is_(None))
        .values(document=as_text(event_item()))
        .execution_options(synchronize_session=False)
    )
    result = await session.execute(statement)
    return int(getattr(result, "rowcount", 0) or 0)
