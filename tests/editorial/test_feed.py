"""The change feed as a stream: it ends after its time, and the client resumes."""

import asyncio

import httpx
from fastapi import FastAPI

from app.seed.loader import SeedReport
from tests.serving import app_like


async def test_a_change_stream_ends_after_its_time_and_says_where_to_resume(
    app: FastAPI, seeded: SeedReport
) -> None:
    async with app_like(app, stream_max_s=0.5, stream_heartbeat_s=0.1) as brief:
        transport = httpx.ASGITransport(app=brief)
        async with httpx.AsyncClient(transport=transport, base_url="http://parley.test") as client:
            started = asyncio.get_running_loop().time()
            response = await client.get("/v1/changes/stream", params={"since": "0"})
            took = asyncio.get_running_loop().time() - started

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    ids = [line[4:] for line in response.text.splitlines() if line.startswith("id: ")]
    assert response.text.startswith("retry: 2000")
    assert ids and ids == sorted(ids, key=int)
    assert took < 10
