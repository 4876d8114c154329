"""No lost updates, no duplicate creates, no missed changes, under real concurrency and commits."""

import asyncio
import itertools
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy import select

from app.models import Change, Revision
from tests.dbserver import PgServer
from tests.editorial.desk import event_body
from tests.editorial.live import Live, live_parley
from tests.serving import served

FEED_SECONDS = 30


@pytest.fixture
async def live(pg_server: PgServer) -> AsyncIterator[Live]:
    async with live_parley(pg_server) as parley:
        yield parley


async def _create(client: httpx.AsyncClient, key: dict[str, str], slug: str) -> httpx.Response:
    response = await client.post("/v1/events", json=event_body(slug), headers=key)
    assert response.status_code == 201, response.text
    return response


async def _revisions(live: Live) -> list[Revision]:
    async with live.app.state.sessionmaker() as session:
        query = select(Revision).where(Revision.entity_type == "event").order_by(Revision.id)
        return list((await session.execute(query)).scalars())


async def test_of_twenty_editors_holding_one_etag_exactly_one_wins(live: Live) -> None:
    async with live.client() as client:
        etag = (await _create(client, live.keys[0], "contested")).headers["etag"]
        missing = await client.patch(
            "/v1/events/contested",
            json={"summary": "x"},
            headers=live.keys[0] | {"X-Edit-Reason": "try"},
        )

        async def edit(n: int) -> httpx.Response:
            headers = live.keys[n] | {"If-Match": etag, "X-Edit-Reason": f"editor {n}"}
            return await client.patch(
                "/v1/events/contested", json={"summary": f"Summary by editor {n}."}, headers=headers
            )

        responses = await asyncio.gather(*(edit(n) for n in range(20)))
        record = (await client.get("/v1/events/contested", headers=live.keys[0])).json()

    assert missing.status_code == 428
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] + [412] * 19
    [winner] = [n for n, r in enumerate(responses) if r.status_code == 200]
    assert record["summary"] == f"Summary by editor {winner}."
    created, changed = await _revisions(live)
    assert (created.action, changed.action, changed.author) == (
        "create",
        "update",
        f"editor-{winner}",
    )
    assert changed.after is not None and changed.after["summary"] == record["summary"]


async def test_editors_who_reread_and_retry_lose_nothing(live: Live) -> None:
    editors, changes = 20, 25
    async with live.client() as client:
        await _create(client, live.keys[0], "busy")

        async def editor(n: int) -> None:
            for change in range(changes):
                while True:
                    current = await client.get("/v1/events/busy", headers=live.keys[n])
                    response = await client.patch(
                        "/v1/events/busy",
                        json={"summary": f"editor {n} change {change}"},
                        headers=live.keys[n]
                        | {"If-Match": current.headers["etag"], "X-Edit-Reason": f"{n}/{change}"},
                    )
                    if response.status_code == 200:
                        break
                    assert response.status_code == 412, response.text

        await asyncio.gather(*(editor(n) for n in range(editors)))

    updates = [r for r in await _revisions(live) if r.action == "update"]
    assert len(updates) == editors * changes
    assert [r.entity_version for r in updates] == list(range(2, 2 + editors * changes))
    for n in range(editors):
        mine = [r.reason for r in updates if r.author == f"editor-{n}"]
        assert mine == [f"{n}/{change}" for change in range(changes)]
    for before, after in itertools.pairwise(updates):
        assert after.before == before.after


async def test_ten_retries_with_one_idempotency_key_create_one_record(live: Live) -> None:
    headers = live.keys[0] | {"Idempotency-Key": "one-exchange"}
    async with live.client() as client:

        async def post() -> httpx.Response:
            return await client.post("/v1/events", json=event_body("once"), headers=headers)

        racing = await asyncio.gather(*(post() for _ in range(5)))
        later = [await post() for _ in range(5)]
        listed = (await client.get("/v1/events", headers=live.keys[0])).json()["items"]

    responses = [*racing, *later]
    assert {r.status_code for r in responses} == {201}
    assert len({r.content for r in responses}) == 1
    assert [e["slug"] for e in listed] == ["once"]


async def _writer(client: httpx.AsyncClient, key: dict[str, str], n: int, until: float) -> int:
    """Create events and change them until `until`; returns how many writes it made."""
    writes = 0
    while time.monotonic() < until:
        slug = f"writer-{n}-{writes}"
        created = await _create(client, key, slug)
        writes += 1
        response = await client.patch(
            f"/v1/events/{slug}",
            json={"summary": "Changed."},
            headers=key | {"If-Match": created.headers["etag"], "X-Edit-Reason": "edit"},
        )
        assert response.status_code == 200, response.text
        writes += 1
    return writes


async def _follow(client: httpx.AsyncClient, key: dict[str, str], done: asyncio.Event) -> list[Any]:
    """Poll the feed from the start, as a syncing client does, until writers stop and it is
    caught up."""
    seen: list[Any] = []
    cursor = "0"
    while True:
        finished = done.is_set()
        page = (await client.get("/v1/changes", params={"since": cursor}, headers=key)).json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if finished and not page["items"]:
            return seen
        await asyncio.sleep(0.05)


async def _listen(base: str, key: dict[str, str], count: int) -> list[Any]:
    """Read the SSE stream from the start until `count` changes came."""
    entries: list[Any] = []
    async with (
        httpx.AsyncClient(base_url=base, timeout=30) as client,
        client.stream("GET", "/v1/changes/stream", params={"since": "0"}, headers=key) as stream,
    ):
        assert stream.headers["content-type"].startswith("text/event-stream")
        async for line in stream.aiter_lines():
            if line.startswith("data: "):
                entries.append(orjson.loads(line[len("data: ") :]))
                if len(entries) == count:
                    return entries
    return entries


async def test_a_follower_sees_every_committed_write_once_in_order(live: Live) -> None:
    done = asyncio.Event()
    until = time.monotonic() + FEED_SECONDS
    async with live.client() as client:
        follower = asyncio.create_task(_follow(client, live.keys[19], done))
        counts = await asyncio.gather(*(_writer(client, live.keys[n], n, until) for n in range(4)))
        done.set()
        seen = await follower
    async with live.app.state.sessionmaker() as session:
        committed = list((await session.execute(select(Change).order_by(Change.seq))).scalars())

    assert len(committed) == sum(counts) > 40
    assert [e["seq"] for e in seen] == [c.seq for c in committed]
    assert [(e["slug"], e["version"]) for e in seen] == [(c.slug, c.version) for c in committed]
    async with served(live.app) as base:
        streamed = await asyncio.wait_for(_listen(base, live.keys[19], len(seen)), 60)
    assert streamed == seen


async def test_the_stream_pushes_changes_as_they_commit_and_resumes(live: Live) -> None:
    async with served(live.app) as base, httpx.AsyncClient(base_url=base, timeout=30) as client:
        key = live.keys[0]

        async def first_change() -> tuple[str | None, Any, list[str]]:
            event_id, comments = None, []
            async with client.stream("GET", "/v1/changes/stream", headers=key) as stream:
                async for line in stream.aiter_lines():
                    if line.startswith(":"):
                        comments.append(line)
                    if line.startswith("id: "):
                        event_id = line[4:]
                    if line.startswith("data: "):
                        return event_id, orjson.loads(line[6:]), comments
            raise AssertionError("the stream ended")

        listening = asyncio.create_task(first_change())
        await asyncio.sleep(1.5)
        await _create(client, key, "pushed")
        await _create(client, key, "pushed-later")
        event_id, entry, comments = await asyncio.wait_for(listening, 10)

        assert entry["slug"] == "pushed" and event_id == str(entry["seq"])
        assert ": heartbeat" in comments
        async with client.stream(
            "GET", "/v1/changes/stream", headers=key | {"Last-Event-ID": event_id}
        ) as resumed:
            async for line in resumed.aiter_lines():
                if line.startswith("data: "):
                    assert orjson.loads(line[6:])["slug"] == "pushed-later"
                    break
