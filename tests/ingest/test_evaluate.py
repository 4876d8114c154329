"""Extraction measured against gold lists: every article of tests/ingest meets the bar in
every field, and the scoring counts what it should."""

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.ingest import evaluate
from app.ingest.extract import extract
from app.ingest.service import gazetteers
from app.seed.loader import SeedReport
from tests.ingest import gazetteer

HERE = Path(__file__).parent
SETS = [HERE / "articles", HERE / "holdout", HERE / "blind"]


@pytest.mark.parametrize("directory", SETS, ids=lambda d: d.name)
async def test_extraction_meets_the_bar_in_every_field(
    session: AsyncSession, seeded: SeedReport, directory: Path
) -> None:
    golds = evaluate.load(directory)
    assert len(golds) >= 3
    actors, places = await gazetteers(session)
    scores = {
        g.name: evaluate.score(g, extract(g.text, g.published, actors, places)) for g in golds
    }
    table, passed = evaluate.report(scores)
    assert passed, table


def test_every_gold_quote_is_in_its_article() -> None:
    for directory in SETS:
        for gold in evaluate.load(directory):
            for field in ("dates", "figures"):
                for item in gold.facts.get(field) or []:
                    assert evaluate._span(gold.text, item["text"], item.get("occurrence", 1))


def test_misses_and_extras_are_counted_per_field() -> None:
    text = "On Friday, 270 servicemen returned to Russia, Umerov said."
    gold = evaluate.Gold(
        "probe",
        text,
        dt.date(2025, 6, 14),
        {
            "dates": [{"text": "On Friday", "edtf": "2025-06-13"}],
            "figures": [
                {"text": "270 servicemen", "value": 270, "category": "military",
                 "qualifier": "exact", "recipient": "ukraine"},
            ],
            "actors": ["rustem-umerov", "russia", "hakan-fidan"],
            "places": ["russia"],
            "types": ["prisoner_exchange", "statement"],
        },
    )  # fmt: skip
    scores = evaluate.score(
        gold, extract(text, gold.published, gazetteer.actors(), gazetteer.places())
    )
    assert (scores["dates"].recall, scores["dates"].precision) == (1.0, 1.0)
    assert (scores["figures"].recall, scores["figures"].precision) == (0.0, 0.0)
    assert scores["actors"].misses == ["hakan-fidan"] and scores["actors"].precision == 1.0
    table, passed = evaluate.report({"probe": scores})
    assert not passed and "figures missed (270, 'military', 'exact', 'ukraine')" in table
