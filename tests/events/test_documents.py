"""Stored event documents: always what a live rendering would serve, never stale."""

import httpx
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.documents import refresh_event_documents
from app.models import Actor, Event, Place, Quantity, Source
from tests import factories as f


async def stored(session: AsyncSession, event_id: int) -> str | None:
    query = select(Event.document).where(Event.id == event_id)
    return (await session.execute(query)).scalar_one()


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
    assert await refresh_event_documents(session) == 0


async def _rendered_event(session: AsyncSession) -> tuple[Event, Actor, Place, Source]:
    src = await f.source(session)
    who = await f.actor(session, name="Old Name")
    where = await f.place(session)
    ev = await f.event(session, place_id=where.id)
    await f.participant(session, ev, who)
    qty = await f.quantity(session, ev, stated_by_id=who.id)
    await f.citation(session, src, "270 servicemen returned", quantity_id=qty.id)
    await refresh_event_documents(session)
    assert await stored(session, ev.id) is not None
    return ev, who, where, src


async def test_every_change_a_document_shows_makes_it_stale(session: AsyncSession) -> None:
    ev, who, where, src = await _rendered_event(session)
    changes = [
        update(Event).where(Event.id == ev.id).values(title="New title"),
        update(Actor).where(Actor.id == who.id).values(name="New Name"),
        update(Place).where(Place.id == where.id).values(name="Elsewhere"),
        update(Source).where(Source.id == src.id).values(title="Retitled"),
        update(Quantity).where(Quantity.event_id == ev.id).values(value=271),
    ]
    for change in changes:
        await session.execute(change)
        assert await stored(session, ev.id) is None, str(change)
        await refresh_event_documents(session)
        assert await stored(session, ev.id) is not None

    await f.participant(session, ev, await f.actor(session), "mediator")
    assert await stored(session, ev.id) is None


async def test_a_stale_document_is_never_served(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    ev, who, _where, _src = await _rendered_event(session)
    await session.execute(update(Actor).where(Actor.id == who.id).values(name="Renamed"))
    await session.commit()

    listed = (await client.get("/v1/events")).json()["items"]
    detail = (await client.get(f"/v1/events/{ev.id}")).json()

    assert [p["actor"]["name"] for p in listed[0]["participants"]] == ["Renamed"]
    assert detail["quantities"][0]["stated_by"]["name"] == "Renamed"


async def test_document_column_changes_alone_do_not_reset(session: AsyncSession) -> None:
    ev, *_ = await _rendered_event(session)
    await session.execute(update(Event).where(Event.id == ev.id).values(document="{}"))

    assert await stored(session, ev.id) == "{}"


async def test_seeding_leaves_every_document_rendered(session: AsyncSession) -> None:
    from sqlalchemy import func

    from app.seed.loader import default_seed_dir, run_seed

    await run_seed(session, seed_dir=default_seed_dir(), dry_run=False)
    first = dict((await session.execute(select(Event.id, Event.document))).all())
    await run_seed(session, seed_dir=default_seed_dir(), dry_run=False)
    second = dict((await session.execute(select(Event.id, Event.document))).all())
    stale = select(func.count()).where(Event.document.is_(None))

    assert first
    assert (await session.execute(stale)).scalar_one() == 0
    assert second == first
