"""`parley ingest --yaml`: the candidates as a curation file the seed loader takes, drafts only."""

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import yaml
from sqlalchemy.ext.asyncio import AsyncSession

from app.ingest.curation import render
from app.ingest.review import publisher_actor
from app.ingest.service import propose
from app.seed.loader import SeedReport, default_seed_dir, run_seed

ARTICLE = Path(__file__).parent / "articles" / "2025-06-17-bodies.txt"


async def test_the_seed_loader_takes_the_candidates_as_drafts(
    session: AsyncSession, seeded: SeedReport, tmp_path: Path
) -> None:
    text = ARTICLE.read_text("utf-8")
    slug, title = "pravda-ru-2025-06-17-bodies", "Ukraine receives the bodies agreed in Istanbul"
    proposal = await propose(session, text, dt.date(2025, 6, 17))
    entry = {
        "slug": slug,
        "file": ARTICLE.name,
        "title": title,
        "publisher": "Pravda.Ru",
        "url": None,
        "language": "en",
        "published": "2025-06-17",
        "sha256": hashlib.sha256(ARTICLE.read_bytes()).hexdigest(),
    }
    curation = render(
        proposal.candidates,
        text,
        source=slug,
        title=title,
        publisher=await publisher_actor(session, "Pravda.Ru"),
        entry=entry,
    )
    seed = tmp_path / "seed"
    shutil.copytree(default_seed_dir(), seed)
    shutil.copy(ARTICLE, seed / ARTICLE.name)
    sources = yaml.safe_load((seed / "sources.yaml").read_text("utf-8"))
    sources["sources"].append(entry)
    (seed / "sources.yaml").write_text(yaml.safe_dump(sources, sort_keys=False), "utf-8")
    (seed / "curation-bodies.yaml").write_text(curation, "utf-8")

    events = yaml.safe_load(curation)["events"]
    assert events and all(e["status"] == "draft" for e in events)
    report = await run_seed(session, seed_dir=seed, dry_run=True)
    created = {slug for kind, slug, action in report.changes if action == "created"}
    assert {e["slug"] for e in events} <= created
