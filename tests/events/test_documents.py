"""Stored event documents: always what a live rendering would serve, never stale."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.documents import event_item, refresh_event_documents, stored_document
from app.models import (
    Actor,
    Citation,
    Event,
    EventParticipant,
    EventPlace,
    Negotiation,
    Place,
    Quantity,
    Source,
    TerritorialClaim,
)
from app.seed.loader import default_seed_dir, run_seed
from app.sqljson import as_text
from tests import factories as f


async def stored(session: AsyncSession, event_id: int) -> str | None:
    query = select(Event.document).where(Event.id == event_id)
    return (await session.execute(query)).scalar_one()


async def served_stale(session: AsyncSession) -> list[str]:
    """Slugs of events whose document would be served but differs from a live rendering."""
    current = stored_document()
    query = select(Event.slug).where(current.is_not(None), current != as_text(event_item()))
    return list((await session.execute(query)).scalars())


@dataclass
class World:
    source: Source
    other_source: Source
    first: Actor
    second: Actor
    speaker: Actor
    announcer: Actor
    place: Place
    other_place: Place
    talks: Negotiation
    event: Event
    other_event: Event
    quantity: Quantity
    other_quantity: Quantity
    event_citation: Citation
    quantity_citation: Citation
    claim: TerritorialClaim


@pytest.fixture
async def world(session: AsyncSession) -> World:
    src, other_src = await f.source(session), await f.source(session)
    first, second = await f.actor(session, name="First"), await f.actor(session, name="Second")
    speaker = await f.actor(session, name="Speaker", kind="body")
    announcer = await f.actor(session, name="Announcer", kind="person")
    place, other_place = await f.place(session), await f.place(session)
    talks = await f.negotiation(session)
    ev = await f.event(
        session,
        negotiation_id=talks.id,
        stated_by_id=speaker.id,
        expected_stated_by_id=announcer.id,
        **f.dated("2025-05-24/2025-05-30~", "expected"),
    )
    other = await f.event(session)
    await f.event_place(session, ev, place)
    await f.event_place(session, other, other_place)
    await f.participant(session, ev, first)
    await f.participant(session, other, second)
    qty = await f.quantity(session, ev, stated_by_id=first.id, recipient_id=second.id)
    other_qty = await f.quantity(session, other)
    world = World(
        source=src,
        other_source=other_src,
        first=first,
        second=second,
        speaker=speaker,
        announcer=announcer,
        place=place,
        other_place=other_place,
        talks=talks,
        event=ev,
        other_event=other,
        quantity=qty,
        other_quantity=other_qty,
        event_citation=await f.citation(session, src, "270 servicemen returned", event_id=ev.id),
        quantity_citation=await f.citation(session, src, "On May 16", quantity_id=qty.id),
        claim=await f.claim(session, first, second, place),
    )
    await refresh_event_documents(session)
    assert await stored(session, ev.id) is not None
    assert await served_stale(session) == []
    return world


CHANGES: dict[str, Callable[[World], Any]] = {
    "event title": lambda w: update(Event).where(Event.id == w.event.id).values(title="New title"),
    "event expected": lambda w: (
        update(Event).where(Event.id == w.event.id).values(**f.dated("2025-06", "expected"))
    ),
    "event place": lambda w: (
        update(EventPlace)
        .where(EventPlace.event_id == w.event.id)
        .values(place_id=w.other_place.id)
    ),
    "event place role": lambda w: (
        update(EventPlace).where(EventPlace.event_id == w.event.id).values(role="subject")
    ),
    "event place moved": lambda w: (
        update(EventPlace)
        .where(EventPlace.event_id == w.event.id)
        .values(event_id=w.other_event.id)
    ),
    "event place deleted": lambda w: delete(EventPlace).where(EventPlace.event_id == w.event.id),
    "event places truncated": lambda w: text("TRUNCATE event_places"),
    "speaker name": lambda w: update(Actor).where(Actor.id == w.speaker.id).values(name="Said"),
    "announcer name": lambda w: (
        update(Actor).where(Actor.id == w.announcer.id).values(name="Announced")
    ),
    "actor name": lambda w: update(Actor).where(Actor.id == w.first.id).values(name="Renamed"),
    "actor kind": lambda w: update(Actor).where(Actor.id == w.second.id).values(kind="person"),
    "place name": lambda w: update(Place).where(Place.id == w.place.id).values(name="Elsewhere"),
    "place code": lambda w: update(Place).where(Place.id == w.place.id).values(iso_code="UA-14"),
    "source title": lambda w: (
        update(Source).where(Source.id == w.source.id).values(title="Retitled")
    ),
    "source slug": lambda w: update(Source).where(Source.id == w.source.id).values(slug="moved"),
    "negotiation slug": lambda w: (
        update(Negotiation).where(Negotiation.id == w.talks.id).values(slug="renamed-talks")
    ),
    "negotiation to draft": lambda w: (
        update(Negotiation).where(Negotiation.id == w.talks.id).values(status="draft")
    ),
    "negotiation deleted": lambda w: delete(Negotiation).where(Negotiation.id == w.talks.id),
    "figure value": lambda w: (
        update(Quantity).where(Quantity.id == w.quantity.id).values(value=271)
    ),
    "figure flags": lambda w: (
        update(Quantity)
        .where(Quantity.id == w.quantity.id)
        .values(basis="inferred", flags=[{"kind": "inference", "detail": "Read so."}])
    ),
    "figure moved": lambda w: (
        update(Quantity).where(Quantity.id == w.quantity.id).values(event_id=w.other_event.id)
    ),
    "figure deleted": lambda w: delete(Quantity).where(Quantity.id == w.quantity.id),
    "participant swapped": lambda w: (
        update(EventParticipant)
        .where(EventParticipant.event_id == w.event.id)
        .values(actor_id=w.second.id)
    ),
    "participant moved": lambda w: (
        update(EventParticipant)
        .where(EventParticipant.event_id == w.event.id)
        .values(event_id=w.other_event.id)
    ),
    "participant deleted": lambda w: delete(EventParticipant).where(
        EventParticipant.event_id == w.event.id
    ),
    "citation moved": lambda w: (
        update(Citation).where(Citation.id == w.event_citation.id).values(event_id=w.other_event.id)
    ),
    "citation to another figure": lambda w: (
        update(Citation)
        .where(Citation.id == w.quantity_citation.id)
        .values(quantity_id=w.other_quantity.id)
    ),
    "citation to a claim": lambda w: (
        update(Citation)
        .where(Citation.id == w.quantity_citation.id)
        .values(quantity_id=None, claim_id=w.claim.id)
    ),
    "citation source": lambda w: (
        update(Citation)
        .where(Citation.id == w.event_citation.id)
        .values(source_id=w.other_source.id)
    ),
    "citation deleted": lambda w: delete(Citation).where(Citation.id == w.quantity_citation.id),
    "citations truncated": lambda w: text("TRUNCATE citations"),
    "figures truncated": lambda w: text("TRUNCATE quantities CASCADE"),
}


@pytest.mark.parametrize("change", list(CHANGES))
async def test_no_change_leaves_a_stale_document_served(
    session: AsyncSession, world: World, change: str
) -> None:
    await session.execute(CHANGES[change](world))

    assert await served_stale(session) == []
    assert await refresh_event_documents(session) >= 1
    assert await served_stale(session) == []


async def test_participant_added_resets_the_document(session: AsyncSession, world: World) -> None:
    await f.participant(session, world.event, world.second, "mediator")

    assert await stored(session, world.event.id) is None


async def test_refresh_renders_what_the_api_serves(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    ev = await f.event(session)
    assert await stored(session, ev.id) is None
    live = (await client.get(f"/v1/events/{ev.slug}")).content

    assert await refresh_event_documents(session) >= 1
    await session.commit()

    assert (await stored(session, ev.id) or "").encode() == live
    assert (await client.get(f"/v1/events/{ev.slug}")).content == live
    assert (await client.get("/v1/events")).json()["items"][0] == (
        await client.get(f"/v1/events/{ev.slug}")
    ).json()
    assert await refresh_event_documents(session) == 0


async def test_a_document_of_another_rendering_is_not_served(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    outdated = '{"shape": "old"}'
    await session.execute(
        update(Event)
        .where(Event.id == world.event.id)
        .values(document=outdated, document_shape="old")
    )
    await session.commit()

    items = (await client.get("/v1/events")).json()["items"]
    detail = (await client.get(f"/v1/events/{world.event.id}")).json()

    assert detail["id"] == world.event.id
    assert world.event.id in [item["id"] for item in items]
    assert {"shape": "old"} not in items
    assert await refresh_event_documents(session) == 1
    assert await stored(session, world.event.id) != outdated


async def test_a_stale_document_is_never_served(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    await session.execute(update(Actor).where(Actor.id == world.first.id).values(name="Renamed"))
    await session.commit()

    listed = {item["id"]: item for item in (await client.get("/v1/events")).json()["items"]}
    detail = (await client.get(f"/v1/events/{world.event.id}")).json()

    assert [p["actor"]["name"] for p in listed[world.event.id]["participants"]] == ["Renamed"]
    assert detail["quantities"][0]["stated_by"]["name"] == "Renamed"


async def test_seeding_leaves_every_document_rendered_and_current(session: AsyncSession) -> None:
    await run_seed(session, seed_dir=default_seed_dir(), dry_run=False)
    first = dict((await session.execute(select(Event.id, Event.document))).all())
    await run_seed(session, seed_dir=default_seed_dir(), dry_run=False)
    second = dict((await session.execute(select(Event.id, Event.document))).all())
    stale = select(func.count()).where(stored_document().is_(None))

    assert first
    assert (await session.execute(stale)).scalar_one() == 0
    assert await served_stale(session) == []
    assert second == first
