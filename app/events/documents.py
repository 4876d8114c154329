"""Event documents: each event's JSON as served, stored in its row so hot lists read one column.

Triggers (migration 0002) reset a document to NULL whenever a row it shows changes; readers
render NULL documents live, so a stale document is never served. Writers call
`refresh_event_documents` before committing so the next reader finds them ready.
"""

import hashlib
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, case, func, or_, select, update
from sqlalchemy.dialects.postgresql.base import PGDialect
from sqlalchemy.ext.asyncio import AsyncSession

from app.actors.service import actor_ref
from app.models import (
    Actor,
    Citation,
    Event,
    EventParticipant,
    EventPlace,
    Negotiation,
    Place,
    Quantity,
)
from app.models.enums import PUBLIC_STATUSES
from app.places.service import place_fields
from app.sources.service import citations_of
from app.sqljson import array, as_text, dated, editorial, obj, one

LOCK_NAME = "parley.event_documents"
"""The advisory lock the reset triggers (migration 0002) and the refresher share."""


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


def _places() -> ColumnElement[Any]:
    return array(
        select(EventPlace.place_id)
        .join(Place, Place.id == EventPlace.place_id)
        .where(EventPlace.event_id == Event.id),
        obj(place=obj(**place_fields(Place)), role=EventPlace.role),
        EventPlace.role,
        Place.slug,
    )


def _expected() -> ColumnElement[Any]:
    """The announced date with its speaker, or null."""
    announced = obj(
        **dated(Event, "expected", key="date"), stated_by=actor_ref(Event.expected_stated_by_id)
    )
    return case((Event.expected.is_not(None), announced))


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
            basis=Quantity.basis,
            is_best=Quantity.is_best,
            total_of=Quantity.total_of,
            flags=Quantity.flags,
            note=Quantity.note,
            citations=citations_of(Citation.quantity_id == Quantity.id),
        ),
        Quantity.id,
    )


def _negotiation_ref() -> ColumnElement[Any]:
    return one(
        select(Negotiation.id).where(
            Negotiation.id == Event.negotiation_id, Negotiation.status.in_(PUBLIC_STATUSES)
        ),
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
        stated_by=actor_ref(Event.stated_by_id),
        expected=_expected(),
        places=_places(),
        negotiation=_negotiation_ref(),
        participants=_participants(),
        quantities=_quantities(),
        citations=citations_of(Citation.event_id == Event.id),
        **editorial(Event),
    )


@cache
def document_shape() -> str:
    """A fingerprint of the rendering SQL; documents stored under another one are stale."""
    sql = str(event_item().compile(dialect=PGDialect()))  # type: ignore[no-untyped-call]
    return hashlib.sha256(sql.encode()).hexdigest()[:16]


def stored_document() -> ColumnElement[str | None]:
    """The stored document when it is fresh, else NULL."""
    return case((Event.document_shape == document_shape(), Event.document), else_=None)


@cache
def event_document() -> ColumnElement[Any]:
    """The stored document, or the live rendering when it is stale."""
    return func.coalesce(stored_document(), as_text(event_item()))


async def render_events(session: AsyncSession, ids: list[int]) -> dict[int, str]:
    """Live renderings of these events, by id (an id deleted meanwhile is absent)."""
    query = select(Event.id, as_text(event_item())).where(Event.id.in_(ids))
    return dict((await session.execute(query)).all())


async def refresh_event_documents(session: AsyncSession) -> int:
    """Render every stale document; returns how many were rendered.

    The advisory lock is the one every reset trigger takes: taken in its own statement, it
    makes the UPDATE below start after any writer that reset a document has committed.
    """
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtext(LOCK_NAME))))
    shape = document_shape()
    statement = (
        update(Event)
        .where(or_(Event.document.is_(None), Event.document_shape.is_distinct_from(shape)))
        .values(document=as_text(event_item()), document_shape=shape)
        .execution_options(synchronize_session=False)
    )
    result = await session.execute(statement)
    return int(getattr(result, "rowcount", 0) or 0)
