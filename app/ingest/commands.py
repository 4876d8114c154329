"""`parley ingest` and `parley ingest-eval`: the ingester from the command line. Both read the
database (gazetteers, records to match) and write nothing."""

import datetime as dt
import sys
from typing import Any

import orjson

from app.config import Settings
from app.db import create_engine, create_sessionmaker
from app.ingest import evaluate
from app.ingest.extract import extract
from app.ingest.service import gazetteers, propose


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
    settings: Settings, url: str, article: str, published: dt.date, as_json: bool
) -> int:
    engine = create_engine(settings, url)
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            proposal = await propose(session, article, published)
    finally:
        await engine.dispose()
    body = proposal.as_json()
    if as_json:
        sys.stdout.buffer.write(orjson.dumps(body, option=orjson.OPT_INDENT_2) + b"\n")
    else:
        print(_summary(body))
    return 0


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
