"""The timeline: every event, claim (grouped) and outcome once, in date order, filterable."""

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.schemas import Page
from app.seed.loader import SeedReport
from app.timeline.schemas import TimelineEntry
from tests import factories as f


async def entries(client: httpx.AsyncClient, **params: Any) -> list[dict[str, Any]]:
    response = await client.get("/v1/timeline", params={"limit": 200, **params})
    assert response.status_code == 200, response.text
    page = response.json()
    Page[TimelineEntry].model_validate(page)
    assert page["next_cursor"] is None
    return list(page["items"])


async def test_the_seed_is_one_stream_in_date_order(
    client: httpx.AsyncClient,
    seeded: SeedReport,
) -> None:
    items = await entries(client, sort="asc")
    events = [e["slug"] for e in items if e["record"] == "event"]
    grouped = [c["slug"] for e in items if e["record"] == "claim" for c in e["claims"]]
    outcomes = [e for e in items if e["record"] == "outcome"]
    assert len(events) == len(set(events)) == 19
    assert len(grouped) == len(set(grouped)) == 21
    assert len(outcomes) == 4
    demands = [e for e in items if e["record"] == "claim" and e["date"] == "2025-05-16"]
    assert [len(e["claims"]) for e in demands] == [4]
    assert {p["slug"] for p in demands[0]["places"]} == {
        "donetsk-oblast",
        "luhansk-oblast",
        "zaporizhzhia-oblast",
        "kherson-oblast",
    }
    keys = [(e["date_start"], e["date_end"]) for e in items]
    assert keys == sorted(keys)
    for entry in items:
        assert entry["date_label"] and entry["href"].startswith("/v1/")
        if entry["record"] == "claim":
            assert entry["attribution"].startswith("According to ")
        quoted = entry["citation"]
        assert quoted["source"]["href"].startswith(f"/v1/sources/{quoted['source']['slug']}#char=")
    newest = await entries(client, sort="desc")
    assert [e["id"] for e in newest] == [e["id"] for e in reversed(items)]


@pytest.mark.parametrize(("sort", "limit"), [("asc", 5), ("asc", 1), ("desc", 1), ("desc", 2)])
async def test_pages_hold_the_same_stream(
    client: httpx.AsyncClient, seeded: SeedReport, sort: str, limit: int
) -> None:
    # A page of one cuts between every two entries, those on one date of different kinds too.
    whole = [(e["record"], e["id"]) for e in await entries(client, sort=sort)]
    paged: list[tuple[str, int]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"sort": sort, "limit": limit}
        if cursor:
            params["cursor"] = cursor
        page = (await client.get("/v1/timeline", params=params)).json()
        paged += [(e["record"], e["id"]) for e in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert paged == whole


@pytest.mark.parametrize(
    ("params", "records", "count"),
    [
        ({"record": "outcome"}, {"outcome"}, 4),
        ({"record": ["claim", "outcome"]}, {"claim", "outcome"}, 9),
        ({"type": "prisoner_exchange"}, {"event"}, 2),
        ({"place": "UA-43"}, {"claim"}, 1),
        ({"actor": "turkey"}, {"event", "outcome"}, 5),
        ({"from": "2022-10", "to": "2022-10"}, {"event", "claim"}, 3),
        ({"from": "2022-10", "to": "2022-10", "match": "within"}, set(), 0),
        ({"from": "2022", "to": "2022", "match": "within"}, {"event", "claim"}, 3),
        ({"q": "Belarus"}, {"event"}, 1),
    ],
)
async def test_filters(
    client: httpx.AsyncClient,
    seeded: SeedReport,
    params: dict[str, Any],
    records: set[str],
    count: int,
) -> None:
    items = await entries(client, **params)
    assert {e["record"] for e in items} == records
    assert len(items) == count


async def test_a_retracted_entry_says_so_and_drafts_are_for_editors(
    client: httpx.AsyncClient, session: AsyncSession, editor: dict[str, str]
) -> None:
    await f.event(session, slug="withdrawn", status="retracted", status_note="Wrong figures.")
    await f.event(session, slug="unseen", status="draft")
    await session.commit()

    public = await entries(client)
    drafts = await client.get("/v1/timeline", params={"status": "draft"}, headers=editor)

    assert [(e["slug"], e["status"], e["status_note"]) for e in public] == [
        ("withdrawn", "retracted", "Wrong figures.")
    ]
    assert [e["slug"] for e in drafts.json()["items"]] == ["unseen"]
    refused = await client.get("/v1/timeline", params={"status": "draft"})
    assert refused.status_code == 401
