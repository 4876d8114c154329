"""Keyset pages: every row exactly once, in order, at any page size; constant queries a page."""

import datetime as dt
import hashlib
from typing import Any

import httpx
import pytest
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Actor, Event, Negotiation, Place, Source, TerritorialClaim
from tests import factories as f
from tests.conftest import QueryCounter

ROWS = 1_000
BASE_DAY = dt.date(2022, 2, 24)


def _day(i: int) -> dt.date:
    # Many rows share a day, so the id tie-breaker is exercised.
    return BASE_DAY + dt.timedelta(days=(i * 7) % 97)


def _dated(prefix: str, i: int) -> dict[str, Any]:
    return f.dated(_day(i).isoformat(), prefix)


async def _generate(session: AsyncSession, kind: str) -> list[Any]:
    """Insert ROWS rows of `kind`; return their keys in the order the list must serve them."""
    if kind == "events":
        rows = [
            {
                "slug": f"gen-event-{i}",
                "type": "statement",
                "title": f"Event {i}",
                "status": "published",
                **_dated("date", i),
            }
            for i in range(ROWS)
        ]
        await session.execute(insert(Event), rows)
        query = select(Event.id).order_by(Event.date_start.desc(), Event.id.desc())
    elif kind == "negotiations":
        rows = [
            {
                "slug": f"gen-talks-{i}",
                "title": f"Talks {i}",
                "format": "direct",
                "phase": "ongoing",
                "status": "published",
                **_dated("date", i),
            }
            for i in range(ROWS)
        ]
        await session.execute(insert(Negotiation), rows)
        query = select(Negotiation.id).order_by(
            Negotiation.date_start.desc(), Negotiation.id.desc()
        )
    elif kind == "claims":
        who = await f.actor(session)
        where = await f.place(session)
        rows = [
            {
                "slug": f"gen-claim-{i}",
                "title": f"Claim {i}",
                "kind": "sovereignty",
                "claimant_id": who.id,
                "stated_by_id": who.id,
                "place_id": where.id,
                "status": "published",
                **_dated("as_of", i),
            }
            for i in range(ROWS)
        ]
        await session.execute(insert(TerritorialClaim), rows)
        query = select(TerritorialClaim.id).order_by(
            TerritorialClaim.as_of_start.desc(), TerritorialClaim.id.desc()
        )
    elif kind == "actors":
        rows = [
            {"slug": f"gen-actor-{i:04d}", "name": f"Actor {i}", "kind": "person"}
            for i in range(ROWS)
        ]
        await session.execute(insert(Actor), rows)
        query = select(Actor.id).order_by(Actor.slug.collate("C"))
    elif kind == "places":
        rows = [
            {"slug": f"gen-place-{i}", "name": f"Place {i}", "kind": "city"} for i in range(ROWS)
        ]
        await session.execute(insert(Place), rows)
        query = select(Place.id).order_by(Place.slug.collate("C"))
    else:
        text = "generated"
        rows = [
            {
                "slug": f"gen-source-{i}",
                "title": f"Source {i}",
                "publisher": "Wire",
                "language": "en",
                "text": text,
                "sha256": hashlib.sha256(text.encode()).hexdigest(),
                **_dated("published", i),
            }
            for i in range(ROWS)
        ]
        await session.execute(insert(Source), rows)
        query = select(Source.id).order_by(Source.id)
    await session.commit()
    return list((await session.execute(query)).scalars())


LISTS = ["events", "negotiations", "claims", "actors", "places", "sources"]


@pytest.mark.parametrize("kind", LISTS)
async def test_pages_return_every_row_once_in_order(
    client: httpx.AsyncClient, session: AsyncSession, kind: str
) -> None:
    expected = await _generate(session, kind)
    assert len(expected) >= ROWS

    seen: list[int] = []
    cursor: str | None = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 7}
        if cursor:
            params["cursor"] = cursor
        response = await client.get(f"/v1/{kind}", params=params)
        assert response.status_code == 200, response.text
        body = response.json()
        assert len(body["items"]) <= 7
        seen.extend(item["id"] for item in body["items"])
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break

    assert seen == expected
    assert pages == -(-len(expected) // 7)


@pytest.mark.parametrize("kind", LISTS)
async def test_a_page_costs_the_same_queries_at_any_size(
    client: httpx.AsyncClient, session: AsyncSession, query_counter: QueryCounter, kind: str
) -> None:
    await _generate(session, kind)
    counts = []
    for limit in (1, 50, 200):
        query_counter.count = 0
        response = await client.get(f"/v1/{kind}", params={"limit": limit})
        assert response.status_code == 200
        assert len(response.json()["items"]) == limit
        counts.append(query_counter.count)

    assert counts[0] == counts[1] == counts[2]
    assert counts[0] <= 4  # savepoint, page query, release; nothing per row


async def test_filtered_pages_keep_the_filter(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    for i in range(30):
        await f.event(session, type="prisoner_exchange" if i % 3 == 0 else "statement")
    await session.commit()

    types: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 4, "type": "prisoner_exchange"}
        if cursor:
            params["cursor"] = cursor
        body = (await client.get("/v1/events", params=params)).json()
        types.extend(item["type"] for item in body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            break

    assert types == ["prisoner_exchange"] * 10
