"""The seeded article as the API serves it: figures, flags, dates and citations in place."""

from typing import Any

import httpx

from app.seed.loader import SeedReport, default_seed_dir
from tests.seed.conftest import SOURCE

ARTICLE = (default_seed_dir() / "2025-05-23-pravda-ru-prisoner-exchange.txt").read_bytes()


async def get(client: httpx.AsyncClient, path: str) -> Any:
    response = await client.get(path)
    assert response.status_code == 200, response.text
    return response.json()


def quoted(text: str, citations: list[dict[str, Any]]) -> None:
    """Each citation's offsets point at its quote in the stored text, and link to the span."""
    for c in citations:
        assert text[c["start"] : c["end"]] == c["quote"]
        assert c["source"]["slug"] == SOURCE
        assert c["source"]["href"] == f"/v1/sources/{SOURCE}#char={c['start']},{c['end']}"


async def test_the_exchange_with_its_figures_flags_and_citations(
    client: httpx.AsyncClient, seeded: SeedReport
) -> None:
    text = (await get(client, f"/v1/sources/{SOURCE}"))["text"]
    item = await get(client, "/v1/events/2025-05-23-prisoner-exchange")
    assert (item["date"], item["date_start"], item["date_end"], item["date_precision"]) == (
        "2025-05-23",
        "2025-05-23",
        "2025-05-23",
        "day",
    )
    assert (item["status"], item["verification"]) == ("published", "one_side")
    assert item["negotiation"]["slug"] == "istanbul-talks-2025"
    best = {
        (q["category"], q["recipient"]["slug"]): (q["value"], q["stated_by"]["slug"])
        for q in item["quantities"]
        if q["is_best"]
    }
    assert best == {
        ("military", "russia"): (270, "russian-ministry-of-defense"),
        ("civilians", "russia"): (120, "russian-ministry-of-defense"),
        ("military", "ukraine"): (270, "pravda-ru"),
        ("civilians", "ukraine"): (120, "pravda-ru"),
        ("people", "ukraine"): (390, "pravda-ru"),
    }
    quoted(text, item["citations"])
    for q in item["quantities"]:
        quoted(text, q["citations"])
        assert any(c["field"] == "value" for c in q["citations"])
    dates = [c for c in item["citations"] if c["field"] == "date"]
    assert [c["quote"] for c in dates] == ["On Friday, March 23"]
    discrepancies = [f for f in item["flags"] if f["kind"] == "discrepancy"]
    assert discrepancies and all(f["chosen"] == "2025-05-23" for f in discrepancies)
    assert any("was a Sunday" in f["detail"] for f in discrepancies)


async def test_the_source_serves_its_text_and_every_cited_span(
    client: httpx.AsyncClient, seeded: SeedReport
) -> None:
    source = await get(client, f"/v1/sources/{SOURCE}")
    assert source["text"].encode("utf-8") == ARTICLE
    assert source["published"] == "2025-05-23"
    assert source["url"] is None
    assert "inferred" in source["published_note"]
    spans = source["citations"]
    assert len(spans) == seeded.totals["citations"]
    for span in spans:
        assert source["text"][span["start"] : span["end"]] == span["quote"]


async def test_the_timeline_holds_the_article_figures(
    client: httpx.AsyncClient, seeded: SeedReport
) -> None:
    page = await get(client, "/v1/events?type=prisoner_exchange&type=body_repatriation")
    figures = {
        (item["date"], q["category"], q["recipient"]["slug"], q["value"])
        for item in page["items"]
        for q in item["quantities"]
        if q["is_best"]
    }
    assert figures == {
        ("2025-05-23", "military", "russia", 270),
        ("2025-05-23", "civilians", "russia", 120),
        ("2025-05-23", "military", "ukraine", 270),
        ("2025-05-23", "civilians", "ukraine", 120),
        ("2025-05-23", "people", "ukraine", 390),
        ("2025-04-19", "military", "russia", 246),
        ("2025-04-19", "military", "ukraine", 246),
        ("2025-04-18", "bodies", "ukraine", 909),
        ("2025-04-18", "bodies", "russia", 41),
    }
    events = await get(client, "/v1/events?limit=200")
    assert len(events["items"]) == 19
    text = (await get(client, f"/v1/sources/{SOURCE}"))["text"]
    for item in events["items"]:
        assert item["citations"], item["slug"]
        quoted(text, item["citations"])


async def test_claims_are_served_attributed_with_their_counters(
    client: httpx.AsyncClient, seeded: SeedReport
) -> None:
    text = (await get(client, f"/v1/sources/{SOURCE}"))["text"]
    luhansk = await get(client, "/v1/claims/2025-03-putin-control-claim-luhansk")
    assert (float(luhansk["value"]), luhansk["unit"], luhansk["qualifier"]) == (
        99,
        "percent",
        "exact",
    )
    assert luhansk["stated_by"]["slug"] == "vladimir-putin"
    assert luhansk["claimant"]["slug"] == "russia"
    assert luhansk["place"]["iso_code"] == "UA-09"
    assert luhansk["as_of"] == "2025-03"
    assert "Vladimir Putin" in luhansk["attribution"]
    donetsk = await get(client, "/v1/claims/2025-03-putin-control-claim-donetsk")
    assert (float(donetsk["value"]), donetsk["qualifier"]) == (70, "more_than")
    incorporation = await get(client, "/v1/claims/russia-incorporation-claim-kherson")
    assert incorporation["as_of"] == "2022-23"
    assert [c["slug"] for c in incorporation["counter_positions"]] == [
        "ukraine-non-recognition-kherson"
    ]
    assert incorporation["flags"][0]["kind"] == "attribution"
    condition = await get(client, "/v1/claims/2024-putin-withdrawal-condition-zaporizhzhia")
    assert condition["as_of"] == "2024~"
    assert {f["kind"] for f in condition["flags"]} == {"inference"}
    claims = await get(client, "/v1/claims?limit=200")
    assert len(claims["items"]) == 21
    for claim in claims["items"]:
        assert claim["attribution"] and claim["stated_by"] and claim["claimant"]
        quoted(text, claim["citations"])


async def test_the_negotiation_with_delegations_and_outcomes(
    client: httpx.AsyncClient, seeded: SeedReport
) -> None:
    text = (await get(client, f"/v1/sources/{SOURCE}"))["text"]
    talks = await get(client, "/v1/negotiations/istanbul-talks-2025")
    assert talks["venue"]["iso_code"] == "TR-34"
    assert (talks["format"], talks["date"]) == ("direct", "2025-05-16")
    heads = {(d["side"]["slug"], d["head"]["slug"]) for d in talks["delegations"]}
    assert heads == {("ukraine", "rustem-umerov"), ("russia", "vladimir-medinsky")}
    assert ("turkey", "proposer") in {(p["actor"]["slug"], p["role"]) for p in talks["parties"]}
    agreed = {o["slug"]: o for o in talks["outcomes"]}
    exchange = agreed["istanbul-2025-prisoner-exchange-agreed"]
    assert exchange["kind"] == "agreed"
    assert [e["slug"] for e in exchange["events"]] == ["2025-05-23-prisoner-exchange"]
    assert agreed["istanbul-2025-ceasefire-deadlock"]["kind"] == "not_agreed"
    quoted(text, talks["citations"])
    for outcome in talks["outcomes"]:
        quoted(text, outcome["citations"])
