"""Factories: valid rows with overridable fields, flushed so they have ids."""

import datetime as dt
import hashlib
import itertools
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from app.dates import edtf_bounds
from app.editorial.indexing import reindex_all
from app.models import (
    Actor,
    ActorRole,
    Citation,
    Event,
    EventParticipant,
    EventPlace,
    Negotiation,
    NegotiationParty,
    Outcome,
    Place,
    Quantity,
    Source,
    TerritorialClaim,
)

_counter = itertools.count(1)
Row = TypeVar("Row")

SOURCE_TEXT = (
    "On May 16 the delegations met in Istanbul. 270 servicemen returned. "
    "Moscow said it controlled 99% of the region."
)


def unique(prefix: str) -> str:
    return f"{prefix}-{next(_counter)}"


def dated(expression: str, prefix: str = "date") -> dict[str, Any]:
    bounds = edtf_bounds(expression)
    return {
        prefix: bounds.edtf,
        f"{prefix}_start": bounds.start,
        f"{prefix}_end": bounds.end,
        f"{prefix}_precision": bounds.precision.value,
        f"{prefix}_label": bounds.label,
    }


async def add(session: AsyncSession, row: Row) -> Row:
    session.add(row)
    await session.flush()
    return row


async def source(session: AsyncSession, **fields: Any) -> Source:
    text = fields.pop("text", SOURCE_TEXT)
    values: dict[str, Any] = {
        "slug": unique("source"),
        "title": "A test article",
        "publisher": "Test Wire",
        "url": None,
        "language": "en",
        "text": text,
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        **dated("2025-05-23", "published"),
    }
    return await add(session, Source(**{**values, **fields}))


async def citation(session: AsyncSession, src: Source, quote: str, **target: Any) -> Citation:
    start = src.text.index(quote)
    end = start + len(quote)
    row = Citation(
        source_id=src.id,
        quote=quote,
        start_offset=start,
        end_offset=end,
        prefix=src.text[max(0, start - 32) : start],
        suffix=src.text[end : end + 32],
        **target,
    )
    return await add(session, row)


async def actor(session: AsyncSession, **fields: Any) -> Actor:
    values: dict[str, Any] = {"slug": unique("actor"), "name": "Test Actor", "kind": "state"}
    return await add(session, Actor(**{**values, **fields}))


async def role(session: AsyncSession, person: Actor, **fields: Any) -> ActorRole:
    values: dict[str, Any] = {
        "actor_id": person.id,
        "title": "Minister",
        **dated("2025-05", "as_of"),
    }
    return await add(session, ActorRole(**{**values, **fields}))


async def place(session: AsyncSession, **fields: Any) -> Place:
    values: dict[str, Any] = {"slug": unique("place"), "name": "Test Place", "kind": "region"}
    return await add(session, Place(**{**values, **fields}))


async def event(session: AsyncSession, **fields: Any) -> Event:
    date = fields.pop("date", "2025-05-23")
    values: dict[str, Any] = {
        "slug": unique("event"),
        "type": "prisoner_exchange",
        "title": "A test exchange",
        "status": "published",
        **dated(date),
    }
    return await add(session, Event(**{**values, **fields}))


async def event_place(
    session: AsyncSession, ev: Event, where: Place, role: str = "location"
) -> EventPlace:
    return await add(session, EventPlace(event_id=ev.id, place_id=where.id, role=role))


async def participant(
    session: AsyncSession, ev: Event, who: Actor, role: str = "party"
) -> EventParticipant:
    return await add(session, EventParticipant(event_id=ev.id, actor_id=who.id, role=role))


async def quantity(session: AsyncSession, ev: Event, **fields: Any) -> Quantity:
    values: dict[str, Any] = {"event_id": ev.id, "category": "military", "value": 270}
    return await add(session, Quantity(**{**values, **fields}))


async def negotiation(session: AsyncSession, **fields: Any) -> Negotiation:
    date = fields.pop("date", "2025-05-16")
    values: dict[str, Any] = {
        "slug": unique("negotiation"),
        "title": "Test talks",
        "format": "direct",
        "phase": "ongoing",
        "status": "published",
        **dated(date),
    }
    return await add(session, Negotiation(**{**values, **fields}))


async def negotiation_party(
    session: AsyncSession, talks: Negotiation, who: Actor, role: str = "party"
) -> NegotiationParty:
    row = NegotiationParty(negotiation_id=talks.id, actor_id=who.id, role=role)
    return await add(session, row)


async def outcome(session: AsyncSession, talks: Negotiation, **fields: Any) -> Outcome:
    date = fields.pop("date", "2025-05-16")
    values: dict[str, Any] = {
        "negotiation_id": talks.id,
        "slug": unique("outcome"),
        "kind": "agreed",
        "description": "An exchange",
        **dated(date),
    }
    return await add(session, Outcome(**{**values, **fields}))


async def claim(
    session: AsyncSession, claimant: Actor, stated_by: Actor, where: Place, **fields: Any
) -> TerritorialClaim:
    as_of = fields.pop("as_of", "2025-03")
    values: dict[str, Any] = {
        "slug": unique("claim"),
        "kind": "control_extent",
        "title": "Control claim",
        "claimant_id": claimant.id,
        "stated_by_id": stated_by.id,
        "place_id": where.id,
        "value": 99,
        "unit": "percent",
        "status": "published",
        **dated(as_of, "as_of"),
    }
    return await add(session, TerritorialClaim(**{**values, **fields}))


def day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


async def indexed(session: AsyncSession) -> None:
    """Commit rows made here, with the search vectors the write path would have kept."""
    await reindex_all(session)
    await session.commit()
