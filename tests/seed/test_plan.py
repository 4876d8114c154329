"""The curation, planned without a database: quotes, dates, flags, figures, coverage."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from app.editorial.datephrases import resolve_all
from app.editorial.quotes import CONTEXT
from app.editorial.store import Record
from app.seed.build import build_plan
from app.seed.files import read_seed
from app.seed.loader import default_seed_dir, plan_seed
from app.seed.plan import Plan
from tests.editorial.test_datephrases import context
from tests.seed.conftest import SOURCE

PLAN = plan_seed(default_seed_dir())
TEXT = read_seed(default_seed_dir()).texts[SOURCE]


def record(kind: str, slug: str) -> Record:
    [found] = [r for r in PLAN.records if (r.kind, r.slug) == (kind, slug)]
    return found


def citations(rows: Any) -> Iterator[dict[str, Any]]:
    """Every citation row under a record's children, at any depth."""
    if isinstance(rows, dict):
        for name, value in rows.items():
            if name == "citations":
                yield from value
            elif isinstance(value, list):
                yield from citations(value)
    elif isinstance(rows, list):
        for row in rows:
            yield from citations(row)


def all_citations(plan: Plan = PLAN) -> list[dict[str, Any]]:
    return [c for r in plan.records for c in citations(r.children)]


def test_every_citation_points_at_its_words() -> None:
    found = all_citations()
    assert len(found) > 90
    for c in found:
        start, end = c["start_offset"], c["end_offset"]
        assert TEXT[start:end] == c["quote"]
        assert c["prefix"] == TEXT[max(0, start - CONTEXT) : start]
        assert c["suffix"] == TEXT[end : end + CONTEXT]
        assert c["source_id"] == SOURCE


def test_every_record_cites_the_article() -> None:
    for r in PLAN.records:
        if r.kind in {"event", "negotiation", "claim"}:
            assert list(citations(r.children)), r.slug


D = dt.date
ROW_DATES = {
    ("negotiation", "istanbul-talks-2025"): ("2025-05-16", D(2025, 5, 16), D(2025, 5, 16)),
    ("event", "2025-05-23-prisoner-exchange"): ("2025-05-23", D(2025, 5, 23), D(2025, 5, 23)),
    ("event", "2025-05-16-istanbul-talks"): ("2025-05-16", D(2025, 5, 16), D(2025, 5, 16)),
    ("event", "istanbul-exchange-deal-announced"): (
        "2025-05-16/2025-05-23",
        D(2025, 5, 16),
        D(2025, 5, 23),
    ),
    ("event", "exchange-lists-compiled"): ("2025-05-16~", D(2025, 5, 16), D(2025, 5, 16)),
    ("event", "coordination-council-meeting"): (
        "2025-05-16/2025-05-19",
        D(2025, 5, 16),
        D(2025, 5, 19),
    ),
    ("event", "2025-05-19-exchange-plan-submitted"): ("2025-05-19", D(2025, 5, 19), D(2025, 5, 19)),
    ("event", "2022-four-regions-incorporated"): ("2022-23", D(2022, 9, 1), D(2022, 11, 30)),
    ("event", "2025-03-putin-claims-control-of-four-regions"): (
        "2025-03",
        D(2025, 3, 1),
        D(2025, 3, 31),
    ),
    ("event", "2024-putin-withdrawal-ceasefire-condition"): (
        "2024~",
        D(2024, 1, 1),
        D(2024, 12, 31),
    ),
    ("event", "2025-04-19-prisoner-exchange"): ("2025-04-19", D(2025, 4, 19), D(2025, 4, 19)),
    ("event", "2025-04-18-exchange-of-bodies"): ("2025-04-18", D(2025, 4, 18), D(2025, 4, 18)),
    ("event", "2025-05-23-returnees-assisted-in-belarus"): (
        "2025-05-23",
        D(2025, 5, 23),
        D(2025, 5, 23),
    ),
    ("claim", "russia-incorporation-claim-kherson"): ("2022-23", D(2022, 9, 1), D(2022, 11, 30)),
    ("claim", "2025-03-putin-control-claim-luhansk"): ("2025-03", D(2025, 3, 1), D(2025, 3, 31)),
    ("claim", "2024-putin-withdrawal-condition-donetsk"): ("2024~", D(2024, 1, 1), D(2024, 12, 31)),
    ("claim", "ukraine-non-recognition-crimea"): ("2025-05-23", D(2025, 5, 23), D(2025, 5, 23)),
}


@pytest.mark.parametrize(("key", "expected"), ROW_DATES.items(), ids=lambda k: str(k))
def test_row_dates(key: tuple[str, str], expected: tuple[str, dt.date, dt.date]) -> None:
    values = record(*key).values
    prefix = "as_of" if key[0] == "claim" else "date"
    edtf, start, end = expected
    assert values[prefix] == edtf
    assert (values[f"{prefix}_start"], values[f"{prefix}_end"]) == (
        start.isoformat(),
        end.isoformat(),
    )


def test_every_date_expression_of_the_article_dates_a_row() -> None:
    dating = [
        (c["start_offset"], c["end_offset"])
        for c in all_citations()
        if c["field"] in {"date", "as_of", "expected"}
    ]
    for expression in resolve_all(TEXT, context()):
        assert any(s <= expression.start and expression.end <= e for s, e in dating), (
            expression.expression
        )


def test_the_exchange_told_twice_is_one_row_with_two_citations() -> None:
    exchange = record("event", "2025-05-23-prisoner-exchange")
    quotes = [c["quote"] for c in exchange.children["citations"]]
    assert any(q.startswith("As part of the prisoner exchange with Ukraine, 270") for q in quotes)
    assert any(q.startswith("On Friday, March 23, an exchange took place") for q in quotes)
    others = [
        r.slug
        for r in PLAN.records
        if r.kind == "event"
        and r.slug != exchange.slug
        and any("March 23" in c["quote"] or "270" in c["quote"] for c in citations(r.children))
    ]
    assert others == []


def test_the_misdated_exchange_is_flagged_with_the_date_chosen() -> None:
    flags = record("event", "2025-05-23-prisoner-exchange").values["flags"]
    date_flags = [f for f in flags if f["field"] == "date"]
    assert {f["chosen"] for f in date_flags} == {"2025-05-23"}
    details = [f["detail"] for f in date_flags if f["kind"] == "discrepancy"]
    assert any(
        "23 March 2025 was a Sunday" in d and "23 May 2025 was a Friday" in d for d in details
    )
    assert any("before 'Russia and Ukraine hold direct negotiations" in d for d in details)
    assert any('reads "March" as a slip for "May"' in d for d in details)
    assert [f["kind"] for f in date_flags].count("inference") == 1


def test_inferred_dates_are_flagged() -> None:
    for slug in [
        "2025-05-16-istanbul-talks",
        "2025-04-18-exchange-of-bodies",
        "2024-putin-withdrawal-ceasefire-condition",
        "2025-05-23-returnees-assisted-in-belarus",
        "coordination-council-meeting",
    ]:
        kinds = [(f["kind"], f["field"]) for f in record("event", slug).values["flags"]]
        assert ("inference", "date") in kinds, slug
    explicit = record("event", "2025-04-19-prisoner-exchange").values["flags"]
    assert explicit == []
    expected = [
        f
        for f in record("event", "2025-05-23-exchange-to-continue").values["flags"]
        if f["field"] == "expected"
    ]
    assert [(f["kind"], f["chosen"]) for f in expected] == [("inference", "2025-05-24/2025-05-30~")]


def quantities(slug: str) -> set[tuple[str, str, int, str, str, bool]]:
    return {
        (
            q["category"],
            q["recipient_id"],
            q["value"],
            q["qualifier"],
            q["stated_by_id"],
            q["is_best"],
        )
        for q in record("event", slug).children["quantities"]
    }


def test_the_article_figures() -> None:
    mod = "russian-ministry-of-defense"
    assert quantities("2025-05-23-prisoner-exchange") == {
        ("military", "russia", 270, "exact", mod, True),
        ("civilians", "russia", 120, "exact", mod, True),
        ("military", "ukraine", 270, "exact", "pravda-ru", True),
        ("civilians", "ukraine", 120, "exact", "pravda-ru", True),
        ("military", "russia", 270, "exact", "pravda-ru", False),
        ("civilians", "russia", 120, "exact", "pravda-ru", False),
        ("people", "ukraine", 390, "exact", "pravda-ru", False),
    }
    [total] = [
        q
        for q in record("event", "2025-05-23-prisoner-exchange").children["quantities"]
        if q["total_of"]
    ]
    assert (total["value"], total["total_of"], total["basis"]) == (
        390,
        ["military", "civilians"],
        "derived",
    )
    assert quantities("2025-04-19-prisoner-exchange") == {
        ("military", "russia", 246, "exact", "pravda-ru", True),
        ("military", "ukraine", 246, "exact", "pravda-ru", True),
    }
    assert quantities("2025-04-18-exchange-of-bodies") == {
        ("bodies", "ukraine", 909, "exact", "pravda-ru", True),
        ("bodies", "russia", 41, "exact", "pravda-ru", True),
    }
    control = {
        r.values["place_id"]: (r.values["value"], r.values["qualifier"], r.values["stated_by_id"])
        for r in PLAN.records
        if r.kind == "claim" and r.values["kind"] == "control_extent"
    }
    assert control == {
        "luhansk-oblast": ("99", "exact", "vladimir-putin"),
        "donetsk-oblast": ("70", "more_than", "vladimir-putin"),
        "zaporizhzhia-oblast": ("70", "more_than", "vladimir-putin"),
        "kherson-oblast": ("70", "more_than", "vladimir-putin"),
    }


def test_quantities_cite_their_numbers_and_flag_what_they_infer() -> None:
    exchange = record("event", "2025-05-23-prisoner-exchange")
    for q in exchange.children["quantities"]:
        value_quotes = [c["quote"] for c in q["citations"] if c["field"] == "value"]
        assert value_quotes
        inferred = not any(str(q["value"]) in quote for quote in value_quotes)
        flagged = [f for f in q["flags"] if f["kind"] == "inference"]
        assert bool(flagged) == inferred == (q["basis"] != "stated"), q
        assert all(f["chosen"] == q["value"] for f in flagged)
    assert not any(f["field"].startswith("quantities") for f in exchange.values["flags"])


def test_claims_are_attributed_and_answered() -> None:
    claims = {r.slug: r for r in PLAN.records if r.kind == "claim"}
    kinds = sorted(r.values["kind"] for r in claims.values())
    assert kinds.count("incorporation") == 4
    assert kinds.count("non_recognition") == 5
    assert kinds.count("control_extent") == 4
    assert kinds.count("withdrawal_demand") == 8
    for r in claims.values():
        assert r.values["claimant_id"] and r.values["stated_by_id"]
    for region in ["donetsk", "luhansk", "zaporizhzhia", "kherson"]:
        incorporation = claims[f"russia-incorporation-claim-{region}"]
        assert incorporation.values["claimant_id"] == "russia"
        assert incorporation.children["counters"] == [
            {"counter_id": f"ukraine-non-recognition-{region}"}
        ]
        assert [f["kind"] for f in incorporation.values["flags"]] == ["attribution"]
    crimea = claims["ukraine-non-recognition-crimea"]
    assert (crimea.values["claimant_id"], crimea.values["place_id"]) == ("ukraine", "crimea")


def test_people_sides_and_places() -> None:
    talks = record("negotiation", "istanbul-talks-2025")
    assert talks.values["venue_id"] == "istanbul"
    assert talks.values["format"] == "direct"
    assert {(d["side_id"], d["head_id"]) for d in talks.children["delegations"]} == {
        ("ukraine", "rustem-umerov"),
        ("russia", "vladimir-medinsky"),
    }
    assert ("turkey", "proposer") in {(p["actor_id"], p["role"]) for p in talks.children["parties"]}
    announced = record("event", "istanbul-exchange-deal-announced").children["participants"]
    assert {(p["actor_id"], p["role"]) for p in announced} == {
        ("rustem-umerov", "announcer"),
        ("vladimir-medinsky", "confirmer"),
    }
    plan = record("event", "2025-05-19-exchange-plan-submitted").children["participants"]
    assert {(p["actor_id"], p["role"]) for p in plan} == {
        ("rustem-umerov", "submitter"),
        ("volodymyr-zelensky", "addressee"),
    }
    belarus = record("event", "2025-05-23-returnees-assisted-in-belarus")
    assert belarus.children["places"] == [{"place_id": "belarus", "role": "location"}]
    iso = {r.slug: r.values["iso_code"] for r in PLAN.records if r.kind == "place"}
    assert {iso[s] for s in iso} >= {
        "UA-14",
        "UA-09",
        "UA-23",
        "UA-65",
        "UA-43",
        "RU-KRS",
        "TR-34",
        "BY",
    }


def test_the_article_is_fully_covered() -> None:
    [coverage] = PLAN.coverage
    assert coverage.complete
    assert coverage.sentences == 27
    assert coverage.cited == 26
    assert [e.sentence.text for e in coverage.excluded] == [
        "Subscribe to Pravda.Ru Telegram channel, Facebook, RSS!"
    ]


def test_source_metadata() -> None:
    source = record("source", SOURCE).values
    assert source["published"] == "2025-05-23"
    assert source["url"] is None
    assert "inferred" in source["published_note"]
    assert source["text"] == TEXT


def test_planning_is_deterministic() -> None:
    again = build_plan(read_seed(default_seed_dir()))
    assert again.records == PLAN.records
