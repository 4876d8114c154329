"""Fill a database with N synthetic published events, with participants, figures and citations.

Usage: python -m bench.generate N   (DATABASE_URL, or the embedded server under PARLEY_DATA_DIR)
"""

import asyncio
import datetime as dt
import hashlib
import sys

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.cli import database_url
from app.config import get_settings
from app.db import create_engine
from app.editorial.indexing import reindex_all
from app.models import (
    Actor,
    Citation,
    Event,
    EventParticipant,
    EventPlace,
    Place,
    Quantity,
    Source,
)

TEXT = "Generated text for benchmarks. " * 40
SYNTHETIC = {
    "basis": "inferred",
    "flags": [{"kind": "inference", "field": "value", "detail": "A synthetic figure."}],
}
"""Generated figures are no source's words: inferred, and flagged so."""
BATCH = 2_000


def _citation(
    source_id: int,
    quote: str,
    start: int,
    *,
    event_id: int | None = None,
    quantity_id: int | None = None,
) -> dict[str, object]:
    end = start + len(quote)
    return {
        "source_id": source_id,
        "quote": quote,
        "start_offset": start,
        "end_offset": end,
        "prefix": TEXT[max(0, start - 32) : start],
        "suffix": TEXT[end : end + 32],
        "field": None,
        "event_id": event_id,
        "quantity_id": quantity_id,
    }


async def generate(count: int) -> None:
    settings = get_settings()
    engine = create_engine(settings, database_url(settings))
    async with engine.begin() as conn:
        await conn.execute(delete(Event).where(Event.slug.like("bench-%")))
        source_id = (
            await conn.execute(select(Source.id).where(Source.slug == "bench-source"))
        ).scalar()
        if source_id is None:
            source_id = (
                await conn.execute(
                    insert(Source).returning(Source.id),
                    {
                        "slug": "bench-source",
                        "title": "Benchmark text",
                        "publisher": "Bench",
                        "language": "en",
                        "text": TEXT,
                        "sha256": hashlib.sha256(TEXT.encode()).hexdigest(),
                        "published": "2025",
                        "published_start": dt.date(2025, 1, 1),
                        "published_end": dt.date(2025, 12, 31),
                        "published_precision": "year",
                        "published_label": "2025",
                    },
                )
            ).scalar_one()
        actors = []
        for i in range(20):
            slug = f"bench-actor-{i}"
            found = (await conn.execute(select(Actor.id).where(Actor.slug == slug))).scalar()
            if found is None:
                found = (
                    await conn.execute(
                        insert(Actor).returning(Actor.id),
                        {
                            "slug": slug,
                            "name": f"Bench Actor {i}",
                            "kind": "body",
                            "country_code": "RU" if i % 2 else "UA",
                        },
                    )
                ).scalar_one()
            actors.append(found)
        place = (await conn.execute(select(Place.id).where(Place.slug == "bench-place"))).scalar()
        if place is None:
            place = (
                await conn.execute(
                    insert(Place).returning(Place.id),
                    {"slug": "bench-place", "name": "Bench Place", "kind": "city"},
                )
            ).scalar_one()

        first_day = dt.date(2022, 2, 24)
        for offset in range(0, count, BATCH):
            size = min(BATCH, count - offset)
            rows = []
            for i in range(offset, offset + size):
                day = first_day + dt.timedelta(days=i % 1185)
                rows.append(
                    {
                        "slug": f"bench-{i}",
                        "type": "prisoner_exchange",
                        "title": f"Exchange {i}",
                        "summary": "A synthetic exchange for load tests.",
                        "date": day.isoformat(),
                        "date_start": day,
                        "date_end": day,
                        "date_precision": "day",
                        "date_label": f"{day.day} {day:%B %Y}",
                        "stated_by_id": actors[i % 20],
                        "status": "published",
                        "verification": "one_side",
                    }
                )
            ids = (await conn.execute(insert(Event).returning(Event.id), rows)).scalars().all()
            participants, quantities, citations = [], [], []
            places = [
                {"event_id": event_id, "place_id": place, "role": "location"} for event_id in ids
            ]
            for n, event_id in enumerate(ids):
                a, b = actors[n % 20], actors[(n + 1) % 20]
                participants += [
                    {"event_id": event_id, "actor_id": a, "role": "sender"},
                    {"event_id": event_id, "actor_id": b, "role": "recipient"},
                ]
                quantities += [
                    {
                        "event_id": event_id,
                        "category": "military",
                        "value": 100 + n % 200,
                        "recipient_id": b,
                        "stated_by_id": a,
                        "is_best": True,
                        **SYNTHETIC,
                    },
                    {
                        "event_id": event_id,
                        "category": "civilians",
                        "value": n % 50,
                        "recipient_id": b,
                        "stated_by_id": a,
                        "is_best": True,
                        **SYNTHETIC,
                    },
                ]
                citations.append(_citation(source_id, "Generated", 0, event_id=event_id))
            await conn.execute(insert(EventParticipant), participants)
            await conn.execute(insert(EventPlace), places)
            quantity_ids = (
                (await conn.execute(insert(Quantity).returning(Quantity.id), quantities))
                .scalars()
                .all()
            )
            citations += [
                _citation(source_id, "benchmarks", 19, quantity_id=qid) | {"field": "value"}
                for qid in quantity_ids
            ]
            await conn.execute(insert(Citation), citations)
        await reindex_all(AsyncSession(bind=conn))
    await engine.dispose()
    print(f"generated {count} events")


if __name__ == "__main__":
    asyncio.run(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
