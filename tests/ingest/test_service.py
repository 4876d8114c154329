"""Proposals against what Parley holds: the seed article, and a reworded copy of it, restate
only seeded records; a later article proposes new ones; nothing is written."""

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.ingest.service import propose
from app.models import Change, Citation, Event
from app.seed.loader import SeedReport, default_seed_dir

HERE = Path(__file__).parent
SEED = default_seed_dir() / "2025-05-23-pravda-ru-prisoner-exchange.txt"
PUBLISHED = dt.date(2025, 5, 23)


async def _counts(session: AsyncSession) -> tuple[int, int, int]:
    counted = [select(func.count()).select_from(t) for t in (Event, Citation, Change)]
    return tuple([(await session.execute(q)).scalar_one() for q in counted])  # type: ignore[return-value]


async def test_re_ingesting_the_seed_article_proposes_only_citations(
    session: AsyncSession, seeded: SeedReport
) -> None:
    before = await _counts(session)
    text = SEED.read_text("utf-8")
    proposal = await propose(session, text, PUBLISHED)

    assert len(proposal.candidates) > 20
    unmatched = [c["quote"]["text"] for c in proposal.candidates if c["match"] is None]
    assert unmatched == []
    assert proposal.new_actors == [] and proposal.new_places == []
    slugs = {c["match"]["slug"] for c in proposal.candidates}
    assert {"2025-05-23-prisoner-exchange", "2025-04-18-exchange-of-bodies"} <= slugs
    for c in proposal.candidates:
        quote = c["quote"]
        assert text[quote["start"] : quote["end"]] == quote["text"]
        for f in c["figures"]:
            assert text[f["quote"]["start"] : f["quote"]["end"]] == f["quote"]["text"]
    assert await _counts(session) == before


async def test_a_reworded_copy_with_other_line_breaks_restates_the_same_records(
    session: AsyncSession, seeded: SeedReport
) -> None:
    original = await propose(session, SEED.read_text("utf-8"), PUBLISHED)
    edited = await propose(
        session, (HERE / "seed-article-edited.txt").read_text("utf-8"), PUBLISHED
    )

    assert [c["quote"]["text"] for c in edited.candidates if c["match"] is None] == []
    assert {c["match"]["slug"] for c in edited.candidates} == {
        c["match"]["slug"] for c in original.candidates
    }


async def test_a_later_article_proposes_new_records_and_new_names(
    session: AsyncSession, seeded: SeedReport
) -> None:
    article = HERE / "articles" / "2025-05-26-staged-exchange.txt"
    proposal = await propose(session, article.read_text("utf-8"), dt.date(2025, 5, 26))

    new = [c for c in proposal.candidates if c["match"] is None]
    exchanges = [c for c in new if c["type"] == "prisoner_exchange"]
    assert exchanges and all(c["figures"] for c in exchanges)
    assert {"dmytro-lubinets", "tatyana-moskalkova"} <= {a["slug"] for a in proposal.new_actors}
    assert {"kharkiv", "sumy-oblast"} <= {p["slug"] for p in proposal.new_places}
    talks = [c for c in proposal.candidates if c["date"] and c["date"]["edtf"] == "2025-05-16"]
    assert talks and all(c["match"] is not None for c in talks), "the May 16 talks are known"
