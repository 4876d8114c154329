"""Search on the seed: stemmed, accent- and case-blind, through linked actors' and places'
names, ranked, with snippets; a rename is searchable at once."""

from typing import Any

import httpx
import pytest

from app.find import service
from app.find.schemas import SearchHit
from app.schemas import Page
from app.seed.loader import SeedReport

EXCHANGES = {"2025-05-23-prisoner-exchange", "2025-04-19-prisoner-exchange"}


async def timeline(client: httpx.AsyncClient, q: str) -> set[str]:
    response = await client.get("/v1/timeline", params={"q": q, "limit": 200})
    assert response.status_code == 200, response.text
    return {e["slug"] for e in response.json()["items"]}


async def search(client: httpx.AsyncClient, q: str, **params: Any) -> list[dict[str, Any]]:
    response = await client.get("/v1/search", params={"q": q, "limit": 200, **params})
    assert response.status_code == 200, response.text
    Page[SearchHit].model_validate(response.json())
    return list(response.json()["items"])


@pytest.mark.parametrize(
    ("q", "must"),
    [
        ("Kursk", {"2025-05-23-prisoner-exchange"}),
        ("Istanbul", {"2025-05-16-istanbul-talks"}),
        ("Turkey", {"2025-05-16-turkey-proposes-prisoner-exchange"}),
        ("Turkiye", {"2025-05-16-turkey-proposes-prisoner-exchange"}),
        ("Türkiye", {"2025-05-16-turkey-proposes-prisoner-exchange"}),
        ("TÜRKIYE", {"2025-05-16-turkey-proposes-prisoner-exchange"}),
        ("exchanges", EXCHANGES),
        ('"prisoner exchange" -bodies', EXCHANGES),
        ("Medinsky", {"istanbul-exchange-deal-announced"}),
    ],
)
async def test_the_seed_finds_what_it_must(
    client: httpx.AsyncClient,
    seeded: SeedReport,
    q: str,
    must: set[str],
) -> None:
    found = await timeline(client, q)
    assert must <= found
    if q.startswith('"prisoner'):
        assert "2025-04-18-exchange-of-bodies" not in found


async def test_the_talks_themselves_are_found_across_kinds(
    client: httpx.AsyncClient,
    seeded: SeedReport,
) -> None:
    istanbul = await search(client, "Istanbul")
    medinsky = await search(client, "Medinsky")
    assert istanbul[0]["slug"] == "istanbul-talks-2025"
    assert {("place", "istanbul"), ("event", "2025-05-16-istanbul-talks")} <= {
        (h["kind"], h["slug"]) for h in istanbul
    }
    assert "<mark>Istanbul</mark>" in istanbul[0]["snippet"]
    assert [h["score"] for h in istanbul] == sorted((h["score"] for h in istanbul), reverse=True)
    assert {("negotiation", "istanbul-talks-2025"), ("actor", "vladimir-medinsky")} <= {
        (h["kind"], h["slug"]) for h in medinsky
    }
    only = await search(client, "Istanbul", kind="place")
    assert [h["slug"] for h in only] == ["istanbul"]
    assert await search(client, "the") == []


async def test_search_pages_hold_every_hit_once(
    client: httpx.AsyncClient,
    seeded: SeedReport,
) -> None:
    whole = [(h["kind"], h["id"]) for h in await search(client, "exchange")]
    paged, cursor = [], None
    while True:
        params: dict[str, Any] = {"q": "exchange", "limit": 3}
        if cursor:
            params["cursor"] = cursor
        page = (await client.get("/v1/search", params=params)).json()
        paged += [(h["kind"], h["id"]) for h in page["items"]]
        if (cursor := page["next_cursor"]) is None:
            break
    assert paged == whole and len(whole) > 10


async def test_a_renamed_actor_is_found_by_its_new_name_at_once(
    client: httpx.AsyncClient,
    seeded: SeedReport,
    editor: dict[str, str],
) -> None:
    actor = await client.get("/v1/actors/coordination-council")
    renamed = await client.patch(
        "/v1/actors/coordination-council",
        json={"name": "Joint Headquarters", "aliases": []},
        headers=editor | {"If-Match": actor.headers["etag"], "X-Edit-Reason": "named"},
    )
    assert renamed.status_code == 200, renamed.text

    assert "coordination-council-meeting" in await timeline(client, "headquarters")
    assert [h["slug"] for h in await search(client, "Joint Headquarters", kind="actor")] == [
        "coordination-council"
    ]


async def test_each_kind_ranks_its_newest_matches_only(
    client: httpx.AsyncClient,
    seeded: SeedReport,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events = await search(client, "exchanges", kind="event")
    newest = max(
        [(await client.get(f"/v1/events/{h['slug']}")).json() for h in events],
        key=lambda e: (e["date_start"], e["date_end"], e["id"]),
    )
    monkeypatch.setattr(service, "CANDIDATES", 1)

    capped = await search(client, "exchanges")

    assert len(events) > 1
    assert [h["slug"] for h in capped if h["kind"] == "event"] == [newest["slug"]]
    assert {h["kind"] for h in capped} == {h["kind"] for h in await search(client, "exchanges")}
