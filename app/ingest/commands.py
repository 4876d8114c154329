"""`parley ingest` and `parley ingest-eval`: the ingester from the command line. Both read the
database (gazetteers, records to match) and write nothing."""

import argparse
import datetime as dt
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from app.config import Settings
from app.db import create_engine, create_sessionmaker
from app.ingest import evaluate
from app.ingest.curation import render as render_curation
from app.ingest.extract import extract
from app.ingest.names import slugify
from app.ingest.review import publisher_actor
from app.ingest.service import gazetteers, propose


@dataclass(frozen=True)
class Curation:
    """Where `--yaml` writes the candidates as a curation file, and the source they cite."""

    out: Path
    file: str
    source: str
    title: str
    publisher: str
    url: str | None


def _summary(proposal: dict[str, Any]) -> str:
    lines = []
    for c in proposal["candidates"]:
        date = c["date"]["edtf"] if c["date"] else "no date"
        figures = ", ".join(
            f"{f['qualifier'].replace('_', ' ')} {f['value']} {f['category']}"
            + (f" to {f['recipient']}" if f["recipient"] else "")
            for f in c["figures"]
        )
        known = f"cites {c['match']['kind']} {c['match']['slug']}" if c["match"] else "new"
        lines.append(f"{c['type']:<18} {date:<24} {known}")
        lines.append(f"    {c['quote']['text']}")
        if figures:
            lines.append(f"    figures: {figures}")
    for kind in ("new_actors", "new_places"):
        for entry in proposal[kind]:
            lines.append(f"{kind.replace('_', ' ')[:-1]}: {entry['name']} ({entry['slug']})")
    return "\n".join(lines)


async def ingest(
    settings: Settings,
    url: str,
    article: str,
    published: dt.date,
    *,
    as_json: bool,
    curation: Curation | None = None,
) -> int:
    engine = create_engine(settings, url)
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            proposal = await propose(session, article, published)
            publisher = (
                await publisher_actor(session, curation.publisher) if curation is not None else None
            )
    finally:
        await engine.dispose()
    body = proposal.as_json()
    if curation is not None:
        entry = {
            "slug": curation.source,
            "file": curation.file,
            "title": curation.title,
            "publisher": curation.publisher,
            "url": curation.url,
            "language": "en",
            "published": published.isoformat(),
            "sha256": hashlib.sha256(article.encode("utf-8")).hexdigest(),
        }
        curation.out.write_text(
            render_curation(
                body["candidates"],
                article,
                source=curation.source,
                title=curation.title,
                publisher=publisher,
                entry=entry,
            ),
            encoding="utf-8",
        )
    if as_json:
        sys.stdout.buffer.write(orjson.dumps(body, option=orjson.OPT_INDENT_2) + b"\n")
    else:
        print(_summary(body))
    return 0


async def ingest_file(settings: Settings, url: str, args: argparse.Namespace) -> int:
    """`parley ingest FILE --published D [--title T] [--url U] [--publisher P] [--json]
    [--yaml OUT]`."""
    curation = None
    if args.yaml is not None:
        publisher = args.publisher or "Pravda.Ru"
        curation = Curation(
            args.yaml,
            args.file.name,
            slugify(f"{publisher} {args.file.stem}"),
            args.title or args.file.stem,
            publisher,
            args.url,
        )
    article = args.file.read_text(encoding="utf-8")
    return await ingest(
        settings, url, article, args.published, as_json=args.json, curation=curation
    )


async def ingest_eval(settings: Settings, url: str, golds: list[evaluate.Gold]) -> int:
    if not golds:
        print(
            "parley ingest-eval: no article (NAME.txt beside NAME.yaml) to score", file=sys.stderr
        )
        return 1
    engine = create_engine(settings, url)
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            actors, places = await gazetteers(session)
    finally:
        await engine.dispose()
    scores = {
        gold.name: evaluate.score(gold, extract(gold.text, gold.published, actors, places))
        for gold in golds
    }
    table, passed = evaluate.report(scores)
    print(table)
    return 0 if passed else 1
