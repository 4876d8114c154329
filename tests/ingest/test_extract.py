"""An article read into candidates: exact quotes, flags, and stages linked to their agreement."""

import datetime as dt
from pathlib import Path

from app.ingest.extract import extract
from app.seed.loader import default_seed_dir
from tests.ingest import gazetteer

HERE = Path(__file__).parent
SEED = (default_seed_dir() / "2025-05-23-pravda-ru-prisoner-exchange.txt").read_text("utf-8")


def test_every_quote_is_the_article_at_its_offsets() -> None:
    x = extract(SEED, dt.date(2025, 5, 23), gazetteer.actors(), gazetteer.places())
    assert len(x.candidates) > 20
    for c in x.candidates:
        body = c.as_json()
        quote = body["quote"]
        assert SEED[quote["start"] : quote["end"]] == quote["text"]
        if body["date"]:
            span = body["date"]["quote"]
            assert SEED[span["start"] : span["end"]] == body["date"]["expression"]
    assert not any("Subscribe" in c.sentence.text for c in x.candidates)


def test_a_weekday_that_is_not_its_dates_is_flagged() -> None:
    x = extract(SEED, dt.date(2025, 5, 23), gazetteer.actors(), gazetteer.places())
    march = [c for c in x.candidates if "Friday, March 23" in c.sentence.text]
    assert march and all(c.dates[0].edtf == "2025-03-23" for c in march)
    assert all(
        any(f["kind"] == "discrepancy" and "Sunday" in f["detail"] for f in c.flags) for c in march
    )


def test_stages_of_an_exchange_deliver_the_agreement() -> None:
    text = (HERE / "articles" / "2025-05-26-staged-exchange.txt").read_text("utf-8")
    x = extract(text, dt.date(2025, 5, 26), gazetteer.actors(), gazetteer.places())
    stages = [c for c in x.candidates if c.type == "prisoner_exchange" and c.figures]
    assert len(stages) >= 3
    agreed = {c.delivers.sentence.text for c in stages if c.delivers is not None}
    assert len(agreed) == 1 and '"1,000 for 1,000"' in agreed.pop()
