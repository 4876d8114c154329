"""An event as served, built in PostgreSQL: participants, places, figures and citations nested."""

from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, case, select

from app.actors.service import actor_ref
from app.fieldsets import pick
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
from app.places.service import place_fields
from app.sources.service import citations_of
from app.sqljson import array, dated, editorial, obj, one, shown


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


def negotiation_ref(editor: bool) -> ColumnElement[Any]:
    return one(
        select(Negotiation.id).where(
            Negotiation.id == Event.negotiation_id, shown(Negotiation.status, editor)
        ),
        obj(id=Negotiation.id, slug=Negotiation.slug, title=Negotiation.title),
    )


@lru_cache(maxsize=64)
def event_item(editor: bool, chosen: frozenset[str] | None = None) -> ColumnElement[Any]:
    """An event as the public (or an editor) sees it, cut to the `chosen` members if given."""
    members: dict[str, Any] = {
        "id": Event.id,
        "slug": Event.slug,
        "type": Event.type,
        "origin": Event.origin,
        "title": Event.title,
        "summary": Event.summary,
        **dated(Event),
        "stated_by": actor_ref(Event.stated_by_id),
        "expected": _expected(),
        "places": _places(),
        "negotiation": negotiation_ref(editor),
        "participants": _participants(),
        "quantities": _quantities(),
        "citations": citations_of(Citation.event_id == Event.id),
        **editorial(Event),
    }
    return obj(**pick(members, chosen))
