"""Request bodies over the limit, through a real uvicorn: a 413 problem the client can read
(not a reset connection), and nothing stored."""

from collections.abc import AsyncIterator

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Event
from tests.editorial import desk
from tests.serving import app_like, served

LIMIT_KB = 64


async def _events(session: AsyncSession) -> int:
    return int((await session.execute(select(func.count()).select_from(Event))).scalar_one())


def _padded(size: int) -> bytes:
    """A valid event body, padded with spaces to `size` bytes."""
    body = httpx.Request("POST", "/", json=desk.event_body("oversized")).content
    return body + b" " * (size - len(body))


async def test_a_body_declared_too_large_is_a_413_problem_read_in_full(
    app: FastAPI, session: AsyncSession, editor: dict[str, str]
) -> None:
    await desk.newsroom(session)
    before = await _events(session)
    async with served(app) as base, httpx.AsyncClient(base_url=base, timeout=30) as client:
        response = await client.post(
            "/v1/events",
            content=_padded(5_000_000),
            headers={**editor, "Content-Type": "application/json"},
        )
        still_serving = await client.get("/healthz")

    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("/content-too-large")
    assert still_serving.status_code == 200
    assert await _events(session) == before


async def test_a_body_sent_without_a_length_is_cut_off_at_the_limit(
    app: FastAPI, session: AsyncSession, editor: dict[str, str]
) -> None:
    await desk.newsroom(session)
    before = await _events(session)
    body = _padded(LIMIT_KB * 1024 + 1)

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(body), 16 * 1024):
            yield body[start : start + 16 * 1024]

    async with (
        app_like(app, max_body_kb=LIMIT_KB) as limited,
        served(limited) as base,
        httpx.AsyncClient(base_url=base, timeout=30) as client,
    ):
        response = await client.post(
            "/v1/events", content=chunks(), headers={**editor, "Content-Type": "application/json"}
        )

    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert await _events(session) == before


async def test_a_body_at_the_limit_is_accepted(
    app: FastAPI, session: AsyncSession, editor: dict[str, str]
) -> None:
    await desk.newsroom(session)
    async with (
        app_like(app, max_body_kb=LIMIT_KB) as limited,
        served(limited) as base,
        httpx.AsyncClient(base_url=base, timeout=30) as client,
    ):
        response = await client.post(
            "/v1/events",
            content=_padded(LIMIT_KB * 1024),
            headers={**editor, "Content-Type": "application/json"},
        )

    assert response.status_code == 201, response.text
