"""The review API: a source created through the API proposes nothing until an editor asks;
candidates are listed to editors only; accepting one writes a draft (`origin: extracted`) or
cites the record it restates; nothing is public before an editor publishes it."""

from pathlib import Path
from typing import Any

import httpx

from app.seed.loader import SeedReport

HERE = Path(__file__).parent
ARTICLE = HERE / "articles" / "2025-05-26-staged-exchange.txt"


async def _source(client: httpx.AsyncClient, editor: dict[str, str]) -> dict[str, Any]:
    body = {
        "slug": "wire-2025-05-26-staged-exchange",
        "title": "The last stage of the 1,000-for-1,000 exchange",
        "publisher": "Pravda.Ru",
        "language": "en",
        "published": "2025-05-26",
        "text": ARTICLE.read_text("utf-8"),
    }
    response = await client.post("/v1/sources", json=body, headers=editor)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_candidates_are_proposed_only_when_asked_and_shown_only_to_editors(
    client: httpx.AsyncClient, editor: dict[str, str], reader: dict[str, str], seeded: SeedReport
) -> None:
    source = await _source(client, editor)
    path = f"/v1/sources/{source['slug']}/candidates"

    assert (await client.get(path, headers=editor)).json()["items"] == []
    assert (await client.get(path)).status_code == 401
    assert (await client.get(path, headers=reader)).status_code == 403
    assert (await client.post(path, headers=reader)).status_code == 403

    proposed = await client.post(path, headers=editor)
    assert proposed.status_code == 201, proposed.text
    items = proposed.json()["items"]
    assert items and all(c["status"] == "proposed" for c in items)
    assert {"dmytro-lubinets", "tatyana-moskalkova"} <= {
        a["slug"] for a in proposed.json()["new_actors"]
    }
    again = await client.post(path, headers=editor)
    assert len(again.json()["items"]) == len(items), "undecided candidates are replaced"
    assert (await client.get(path, headers=editor)).json()["items"] == again.json()["items"]


async def test_accepting_writes_a_draft_that_stays_private(
    client: httpx.AsyncClient, editor: dict[str, str], seeded: SeedReport
) -> None:
    source = await _source(client, editor)
    path = f"/v1/sources/{source['slug']}/candidates"
    items = (await client.post(path, headers=editor)).json()["items"]
    exchange = next(
        c
        for c in items
        if c["candidate"]["type"] == "prisoner_exchange"
        and c["candidate"]["match"] is None
        and c["candidate"]["figures"]
        and c["candidate"]["date"]
    )

    accepted = await client.post(
        f"{path}/{exchange['id']}/accept",
        json={"edits": {"title": "Third stage of the exchange: 303 servicemen each"}},
        headers=editor,
    )
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "accepted"
    slug = accepted.json()["record"]["slug"]

    draft = (await client.get(f"/v1/events/{slug}", headers=editor)).json()
    assert draft["status"] == "draft" and draft["origin"] == "extracted"
    assert draft["title"] == "Third stage of the exchange: 303 servicemen each"
    assert draft["date"] == exchange["candidate"]["date"]["edtf"]
    quote = exchange["candidate"]["quote"]
    assert [c["quote"] for c in draft["citations"]] == [quote["text"]]
    assert {q["value"] for q in draft["quantities"]} == {
        f["value"] for f in exchange["candidate"]["figures"]
    }
    assert (await client.get(f"/v1/events/{slug}")).status_code == 404
    public = (await client.get("/v1/events", params={"limit": 100})).json()["items"]
    assert slug not in {e["slug"] for e in public}

    twice = await client.post(f"{path}/{exchange['id']}/accept", headers=editor)
    assert twice.status_code == 409
    assert twice.headers["content-type"] == "application/problem+json"


async def test_a_candidate_restating_a_known_event_becomes_its_citation(
    client: httpx.AsyncClient, editor: dict[str, str], seeded: SeedReport
) -> None:
    path = "/v1/sources/pravda-ru-2025-05-23-prisoner-exchange/candidates"
    items = (await client.post(path, headers=editor)).json()["items"]
    assert items and all(c["candidate"]["match"] is not None for c in items)
    bodies = next(c for c in items if c["candidate"]["type"] == "body_repatriation")
    slug = bodies["candidate"]["match"]["slug"]
    before = (await client.get(f"/v1/events/{slug}", headers=editor)).json()

    accepted = await client.post(f"{path}/{bodies['id']}/accept", headers=editor)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["record"]["slug"] == slug
    after = (await client.get(f"/v1/events/{slug}", headers=editor)).json()
    assert len(after["citations"]) == len(before["citations"]) + 1
    assert after["version"] == before["version"] + 1
    assert after["origin"] == "curated"


async def test_rejecting_keeps_the_note_and_writes_nothing(
    client: httpx.AsyncClient, editor: dict[str, str], seeded: SeedReport
) -> None:
    source = await _source(client, editor)
    path = f"/v1/sources/{source['slug']}/candidates"
    first = (await client.post(path, headers=editor)).json()["items"][0]
    events = (await client.get("/v1/events", params={"limit": 100}, headers=editor)).json()

    rejected = await client.post(
        f"{path}/{first['id']}/reject", json={"note": "background, not news"}, headers=editor
    )
    assert rejected.status_code == 200, rejected.text
    assert (rejected.json()["status"], rejected.json()["note"]) == (
        "rejected",
        "background, not news",
    )
    assert (await client.get("/v1/events", params={"limit": 100}, headers=editor)).json() == events
    kept = (await client.post(path, headers=editor)).json()["items"]
    assert any(c["id"] == first["id"] and c["status"] == "rejected" for c in kept)


async def test_bad_requests_are_problems(
    client: httpx.AsyncClient, editor: dict[str, str], seeded: SeedReport
) -> None:
    path = "/v1/sources/pravda-ru-2025-05-23-prisoner-exchange/candidates"
    assert (
        await client.post("/v1/sources/no-such-source/candidates", headers=editor)
    ).status_code == 404
    assert (await client.post(f"{path}/999999/accept", headers=editor)).status_code == 404
    items = (await client.post(path, headers=editor)).json()["items"]
    bad = await client.post(
        f"{path}/{items[0]['id']}/accept", json={"edits": {"type": "no_such_type"}}, headers=editor
    )
    assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"
    unknown = await client.post(
        f"{path}/{items[0]['id']}/accept", json={"edit": {}}, headers=editor
    )
    assert unknown.status_code == 422
