"""The seeded article as the API serves it: figures, flags, dates and citations in place."""

import re
from typing import Any

import httpx

from app.seed.loader import SeedReport, default_seed_dir
from tests.seed.conftest import SOURCE

ARTICLE = (default_seed_dir() / "2025-05-23-pravda-ru-prisoner-exchange.txt").read_bytes()
TEXT = ARTICLE.decode("utf-8")


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
    text = TEXT
    item = await get(client, "/v1/events/2025-05-23-prisoner-exchange")
    assert (item["date"], item["date_start"], item["date_end"], item["date_precision"]) == (
        "2025-05-23",
        "2025-05-23",
        "2025-05-23",
        "day",
    )
    assert (item["status"], item["verification"]) == ("published", "one_side")
    assert item["negotiation"]["slug"] == "istanbul-talks-2025"
    assert item["stated_by"]["slug"] == "russian-ministry-of-defense"
    assert [(p["place"]["slug"], p["role"]) for p in item["places"]] == [
        ("kursk-oblast", "subject")
    ]
    best = {
        (q["category"], q["recipient"]["slug"]): (q["value"], q["stated_by"]["slug"], q["basis"])
        for q in item["quantities"]
        if q["is_best"]
    }
    assert best == {
        ("military", "russia"): (270, "russian-ministry-of-defense", "stated"),
        ("civilians", "russia"): (120, "russian-ministry-of-defense", "stated"),
        ("military", "ukraine"): (270, "pravda-ru", "derived"),
        ("civilians", "ukraine"): (120, "pravda-ru", "derived"),
    }
    [total] = [q for q in item["quantities"] if q["total_of"]]
    assert (total["category"], total["value"], total["is_best"], total["total_of"]) == (
        "people",
        390,
        False,
        ["military", "civilians"],
    )
    for q in item["quantities"]:
        kinds = {f["kind"] for f in q["flags"]}
        assert ("inference" in kinds) == (q["basis"] != "stated"), q
    quoted(text, item["citations"])
    for q in item["quantities"]:
        quoted(text, q["citations"])
        assert any(c["field"] == "value" for c in q["citations"])
    dates = [c for c in item["citations"] if c["field"] == "date"]
    assert [c["quote"] for c in dates] == ["On Friday, March 23"]
    discrepancies = [f for f in item["flags"] if f["kind"] == "discrepancy"]
    assert discrepancies and all(f["chosen"] == "2025-05-23" for f in discrepancies)
    assert any("was a Sunday" in f["detail"] for f in discrepancies)


async def test_the_source_serves_its_text_to_editors_and_every_cited_span(
    client: httpx.AsyncClient, editor: dict[str, str], seeded: SeedReport
) -> None:
    public = await get(client, f"/v1/sources/{SOURCE}")
    assert public["text"] is None
    assert public["published"] == "2025-05-23"
    assert public["url"] is None
    assert "inferred" in public["published_note"]
    spans = public["citations"]
    assert len(spans) == seeded.totals["citations"]
    for span in spans:
        assert TEXT[span["start"] : span["end"]] == span["quote"]
        assert TEXT[: span["start"]].endswith(span["prefix"])
        assert TEXT[span["end"] :].startswith(span["suffix"])
    response = await client.get(f"/v1/sources/{SOURCE}", headers=editor)
    assert response.status_code == 200
    assert response.json()["text"].encode("utf-8") == ARTICLE


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
        ("2025-04-19", "military", "russia", 246),
        ("2025-04-19", "military", "ukraine", 246),
        ("2025-04-18", "bodies", "ukraine", 909),
        ("2025-04-18", "bodies", "russia", 41),
    }
    events = await get(client, "/v1/events?limit=200")
    assert len(events["items"]) == 19
    text = TEXT
    for item in events["items"]:
        assert item["citations"], item["slug"]
        quoted(text, item["citations"])


async def test_claims_are_served_attributed_with_their_counters(
    client: httpx.AsyncClient, seeded: SeedReport
) -> None:
    text = TEXT
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
    assert (incorporation["as_of"], incorporation["as_of_label"]) == ("2022-23", "autumn 2022")
    assert incorporation["attribution"] == "According to Pravda.Ru, as of autumn 2022"
    assert [c["slug"] for c in incorporation["counter_positions"]] == [
        "ukraine-non-recognition-kherson"
    ]
    assert incorporation["flags"][0]["kind"] == "attribution"
    condition = await get(client, "/v1/claims/2024-putin-withdrawal-condition-zaporizhzhia")
    assert (condition["as_of"], condition["as_of_label"]) == ("2024~", "about 2024")
    assert (condition["as_of_approximate"], condition["as_of_uncertain"]) == (True, False)
    assert {f["kind"] for f in condition["flags"]} == {"inference"}
    claims = await get(client, "/v1/claims?limit=200")
    assert len(claims["items"]) == 21
    for claim in claims["items"]:
        assert claim["attribution"] and claim["stated_by"] and claim["claimant"]
        quoted(text, claim["citations"])


async def test_the_negotiation_with_delegations_and_outcomes(
    client: httpx.AsyncClient, seeded: SeedReport
) -> None:
    text = TEXT
    talks = await get(client, "/v1/negotiations/istanbul-talks-2025")
    assert talks["venue"]["iso_code"] == "TR-34"
    assert (talks["format"], talks["date"]) == ("direct", "2025-05-16")
    heads = {(d["side"]["slug"], d["head"]["slug"]) for d in talks["delegations"]}
    assert heads == {("ukraine", "rustem-umerov"), ("russia", "vladimir-medinsky")}
    assert ("turkey", "proposer") in {(p["actor"]["slug"], p["role"]) for p in talks["parties"]}
    agreed = {o["slug"]: o for o in talks["outcomes"]}
    exchange = agreed["istanbul-2025-prisoner-exchange-agreed"]
    assert exchange["kind"] == "agreed"
    assert agreed["istanbul-2025-ceasefire-deadlock"]["kind"] == "not_agreed"
    assert talks["verification"] == "both_sides"
    quoted(text, talks["citations"])
    for outcome in talks["outcomes"]:
        quoted(text, outcome["citations"])


PEOPLE = {"people", "prisoners", "military", "civilians"}


async def test_best_figures_sum_to_the_people_exchanged(
    client: httpx.AsyncClient, seeded: SeedReport
) -> None:
    """Adding the best figures the documented way counts everyone once, per side and in all."""
    page = await get(client, "/v1/events?type=prisoner_exchange&status=published")
    totals: dict[tuple[str, str], int] = {}
    for item in page["items"]:
        for q in item["quantities"]:
            if q["is_best"] and q["category"] in PEOPLE:
                key = (item["date"], q["recipient"]["slug"])
                totals[key] = totals.get(key, 0) + q["value"]
    assert totals == {
        ("2025-05-23", "russia"): 390,
        ("2025-05-23", "ukraine"): 390,
        ("2025-04-19", "russia"): 246,
        ("2025-04-19", "ukraine"): 246,
    }
    assert sum(totals.values()) == 1272


async def test_the_exchange_agreement_is_in_progress_with_its_first_stage(
    client: httpx.AsyncClient, seeded: SeedReport
) -> None:
    talks = await get(client, "/v1/negotiations/istanbul-talks-2025")
    outcomes = {o["slug"]: o for o in talks["outcomes"]}
    exchange = outcomes["istanbul-2025-prisoner-exchange-agreed"]
    assert (exchange["date"], exchange["date_label"]) == ("2025-05-16", "16 May 2025")
    delivery = exchange["delivery"]
    assert (delivery["state"], delivery["as_of"]) == ("in_progress", "2025-05-23")
    assert delivery["stated_by"]["slug"] == "russian-ministry-of-defense"
    assert [(s["stage"], s["event"]["slug"]) for s in exchange["stages"]] == [
        (1, "2025-05-23-prisoner-exchange")
    ]
    assert any(c["field"] == "delivery" for c in exchange["citations"])
    date_agreed = outcomes["istanbul-2025-exchange-date-agreed"]
    assert date_agreed["stages"] == []
    assert [f["field"] for f in date_agreed["flags"]] == ["date", "delivery.as_of", "stages"]
    assert date_agreed["delivery"]["state"] == "unknown"
    assert date_agreed["date"] != "2025-05-23"
    linked_to_may_23 = [
        slug
        for slug, o in outcomes.items()
        if any(s["event"]["date"] == "2025-05-23" for s in o["stages"])
    ]
    assert linked_to_may_23 == ["istanbul-2025-prisoner-exchange-agreed"]


async def test_the_four_regions_are_found_by_slug_and_by_iso_code(
    client: httpx.AsyncClient, seeded: SeedReport
) -> None:
    by_slug = await get(client, "/v1/events?place=zaporizhzhia-oblast&limit=200")
    by_code = await get(client, "/v1/events?place=UA-23&limit=200")
    by_country = await get(client, "/v1/events?place=ukraine&limit=200")
    slugs = [item["slug"] for item in by_slug["items"]]
    assert {"2022-four-regions-incorporated", "2022-referendums-in-four-regions"} <= set(slugs)
    assert [item["slug"] for item in by_code["items"]] == slugs
    assert set(slugs) <= {item["slug"] for item in by_country["items"]}
    kursk = await get(client, "/v1/events?place=RU-KRS")
    assert [item["slug"] for item in kursk["items"]] == ["2025-05-23-prisoner-exchange"]
    crimea = await get(client, "/v1/claims?place=UA-43")
    assert [item["slug"] for item in crimea["items"]] == ["ukraine-non-recognition-crimea"]
    place = await get(client, "/v1/places/UA-23")
    assert place["slug"] == "zaporizhzhia-oblast"
    turkey = await get(client, "/v1/places?q=Turkey")
    assert [p["slug"] for p in turkey["items"]] == ["turkey"]


async def test_the_coming_days_are_an_announced_interval_with_its_speaker(
    client: httpx.AsyncClient, seeded: SeedReport
) -> None:
    item = await get(client, "/v1/events/2025-05-23-exchange-to-continue")
    expected = item["expected"]
    assert (expected["date"], expected["date_start"], expected["date_end"]) == (
        "2025-05-24/2025-05-30~",
        "2025-05-24",
        "2025-05-30",
    )
    assert (expected["date_label"], expected["date_approximate"]) == (
        "24 May to about 30 May 2025",
        True,
    )
    assert expected["stated_by"]["slug"] == "russian-ministry-of-defense"
    assert any(c["field"] == "expected" for c in item["citations"])


PROSE = {"title", "summary", "description", "detail", "note", "attribution", "published_note"}
RAW_EDTF = re.compile(r"[~?]|\b\d{4}-(2[1-9]|3\d|4[01])\b")
DATES = {"date", "as_of", "published"}


def prose_and_dates(node: Any, found: list[str], dated: list[dict[str, Any]]) -> None:
    """Collect every prose string and every object holding a date, at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in PROSE and isinstance(value, str):
                found.append(value)
            elif key == "agenda":
                found.extend(value)
            else:
                prose_and_dates(value, found, dated)
        if DATES & node.keys():
            dated.append(node)
    elif isinstance(node, list):
        for value in node:
            prose_and_dates(value, found, dated)


async def test_no_prose_holds_raw_edtf_and_every_date_has_a_label(
    client: httpx.AsyncClient, seeded: SeedReport
) -> None:
    prose: list[str] = []
    dated: list[dict[str, Any]] = []
    for path in ["events", "claims", "negotiations", "actors", "places", "sources"]:
        prose_and_dates(await get(client, f"/v1/{path}?limit=200"), prose, dated)
    prose_and_dates(await get(client, f"/v1/sources/{SOURCE}"), prose, dated)
    assert len(prose) > 150
    assert [text for text in prose if RAW_EDTF.search(text)] == []
    assert len(dated) >= 60
    for node in dated:
        [key] = DATES & node.keys()
        if isinstance(node[key], str) and f"{key}_start" in node:
            label = node[f"{key}_label"]
            assert label and not RAW_EDTF.search(label), node
            assert isinstance(node[f"{key}_approximate"], bool)
            assert isinstance(node[f"{key}_uncertain"], bool)


async def test_both_sides_narrated_positions_are_attributed_alike(
    client: httpx.AsyncClient, seeded: SeedReport
) -> None:
    demands = await get(client, "/v1/claims?kind=withdrawal_demand&claimant=russia&limit=200")
    refusals = await get(client, "/v1/claims?kind=non_recognition&claimant=ukraine&limit=200")
    istanbul = [c for c in demands["items"] if c["as_of"] == "2025-05-16"]
    assert len(istanbul) == 4 and len(refusals["items"]) == 5

    def attribution(claim: dict[str, Any]) -> tuple[str, str, tuple[str, ...]]:
        kinds = tuple(sorted({f["kind"] for f in claim["flags"] if f["field"] == "stated_by"}))
        return claim["stated_by"]["slug"], claim["verification"], kinds

    rules = {attribution(c) for c in istanbul + refusals["items"]}
    assert rules == {("pravda-ru", "unverified", ("attribution",))}
    publication = await get(client, "/v1/actors/pravda-ru")
    assert publication["kind"] == "publication"
    demand = await get(client, "/v1/events/2025-05-16-russia-demands-withdrawal")
    assert (demand["stated_by"]["slug"], demand["verification"]) == ("pravda-ru", "unverified")
    assert "attribution" in {f["kind"] for f in demand["flags"]}
