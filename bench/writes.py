"""Write budgets, in process: a single-record PATCH, renaming an actor many events name, and
checking an API key. Run after `python -m bench.generate N`.

Usage: python -m bench.writes [PATCHES]   (DATABASE_URL, or the embedded server under
PARLEY_DATA_DIR)
"""

import asyncio
import random
import statistics
import sys
import time

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import hash_key, key_prefix
from app.cli import database_url
from app.config import get_settings
from app.db import create_engine, create_sessionmaker
from app.editorial.keys import create_key
from app.main import create_app
from app.models import Actor, ApiKey, Event, EventParticipant
from app.models.enums import KeyRole


def _ms(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (
        f"median {statistics.median(ordered) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, "
        f"max {ordered[-1] * 1000:.1f} ms over {len(ordered)}"
    )


async def _named_by_a_tenth(session: AsyncSession, events: int) -> str:
    """The actor whose number of events is nearest a tenth of them all."""
    named = (
        select(EventParticipant.actor_id, func.count().label("events"))
        .group_by(EventParticipant.actor_id)
        .subquery()
    )
    slug: str = (
        await session.execute(
            select(Actor.slug)
            .join(named, named.c.actor_id == Actor.id)
            .order_by(func.abs(named.c.events - events // 10), Actor.id)
            .limit(1)
        )
    ).scalar_one()
    return slug


async def main(patches: int) -> None:
    settings = get_settings()
    engine = create_engine(settings, database_url(settings))
    app = create_app(settings)
    app.state.engine = engine
    app.state.sessionmaker = create_sessionmaker(engine)
    async with app.state.sessionmaker() as session, session.begin():
        events = (await session.execute(select(func.count()).select_from(Event))).scalar_one()
        key = await create_key(session, name=f"bench-{time.time_ns()}", role=KeyRole.editor)
        slugs = list(
            (
                await session.execute(
                    select(Event.slug).where(Event.slug.like("bench-%")).limit(5000)
                )
            ).scalars()
        )

    headers = {"Authorization": f"Bearer {key}"}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        timings = []
        for slug in random.sample(slugs, min(patches, len(slugs))):
            current = await client.get(f"/v1/events/{slug}", headers=headers)
            started = time.perf_counter()
            response = await client.patch(
                f"/v1/events/{slug}",
                json={"summary": f"Edited at {time.time_ns()}."},
                headers=headers
                | {
                    "If-Match": current.headers["etag"],
                    "X-Edit-Reason": "bench",
                    "X-Correction-Note": "A benchmark edit.",
                },
            )
            timings.append(time.perf_counter() - started)
            assert response.status_code == 200, response.text
        print(f"{events} events; PATCH one event: {_ms(timings)}")

        async with app.state.sessionmaker() as session:
            renamed_slug = await _named_by_a_tenth(session, events)
        actor = await client.get(f"/v1/actors/{renamed_slug}")
        async with app.state.sessionmaker() as session:
            referencing = (
                await session.execute(
                    select(func.count(func.distinct(EventParticipant.event_id))).where(
                        EventParticipant.actor_id == actor.json()["id"]
                    )
                )
            ).scalar_one()
            an_event = (
                await session.execute(
                    select(Event.slug)
                    .join(EventParticipant, EventParticipant.event_id == Event.id)
                    .where(EventParticipant.actor_id == actor.json()["id"])
                    .limit(1)
                )
            ).scalar_one()
        name = f"Renamed actor {time.time_ns()}"
        started = time.perf_counter()
        renamed = await client.patch(
            f"/v1/actors/{renamed_slug}",
            json={"name": name},
            headers=headers | {"If-Match": actor.headers["etag"], "X-Edit-Reason": "bench"},
        )
        took = time.perf_counter() - started
        assert renamed.status_code == 200, renamed.text
        seen = (await client.get(f"/v1/events/{an_event}")).json()
        fresh = any(p["actor"]["name"] == name for p in seen["participants"])
        print(
            f"rename an actor {referencing} events name: {took * 1000:.1f} ms; "
            f"the next read shows it: {fresh}"
        )

    prefix = key_prefix(key)
    async with app.state.sessionmaker() as session:
        timings = []
        for _ in range(2000):
            started = time.perf_counter()
            row = (
                await session.execute(select(ApiKey.hash).where(ApiKey.prefix == prefix))
            ).scalar_one()
            assert row == hash_key(key)
            timings.append(time.perf_counter() - started)
    print(f"check a key (indexed lookup + SHA-256 + compare): {_ms(timings)}")
    await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 300))
