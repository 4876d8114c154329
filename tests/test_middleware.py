"""What browsers and caches see: CORS, compression, and cache headers."""

import gzip

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.config import Settings
from app.main import create_app
from tests import factories as f

ORIGIN = "https://dashboard.newsroom.example"


@pytest.fixture
def browser_app(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], app: FastAPI
) -> FastAPI:
    allowed = create_app(
        settings.model_copy(update={"cors_origins": f"{ORIGIN}, https://b.example"})
    )
    allowed.state.engine = app.state.engine
    allowed.state.sessionmaker = sessionmaker
    return allowed


async def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://parley.test")


async def test_a_preflight_from_an_allowed_origin_succeeds_and_others_are_refused(
    browser_app: FastAPI,
) -> None:
    preflight = {
        "Access-Control-Request-Method": "PATCH",
        "Access-Control-Request-Headers": "authorization, if-match, idempotency-key",
    }
    async with await _client(browser_app) as client:
        allowed = await client.options("/v1/events/x", headers=preflight | {"Origin": ORIGIN})
        refused = await client.options(
            "/v1/events/x", headers=preflight | {"Origin": "https://evil.example"}
        )
        read = await client.get("/v1/events", headers={"Origin": ORIGIN})
        foreign = await client.get("/v1/events", headers={"Origin": "https://evil.example"})

    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == ORIGIN
    allowed_headers = allowed.headers["access-control-allow-headers"].lower()
    for header in ("authorization", "if-match", "if-none-match", "idempotency-key"):
        assert header in allowed_headers
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers
    assert read.headers["access-control-allow-origin"] == ORIGIN
    assert "etag" in read.headers["access-control-expose-headers"].lower()
    assert "access-control-allow-origin" not in foreign.headers


async def test_without_configured_origins_no_browser_may_call(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/events", headers={"Origin": ORIGIN})
    assert "access-control-allow-origin" not in response.headers


async def test_large_responses_are_compressed(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    for n in range(20):
        await f.event(session, summary="A long summary of an exchange. " * 20, slug=f"e-{n}")
    await session.commit()

    raw = await client.get("/v1/events", headers={"Accept-Encoding": "gzip"})
    plain = await client.get("/v1/events", headers={"Accept-Encoding": "identity"})

    assert raw.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    assert raw.json() == plain.json()
    assert [v.strip() for v in raw.headers["vary"].split(",")].count("Accept-Encoding") == 1
    assert len(gzip.compress(plain.content)) < len(plain.content) / 3


async def test_public_pages_may_be_cached_but_are_revalidated(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    public = await client.get("/v1/events")
    private = await client.get("/v1/events", headers=editor)

    assert public.headers["cache-control"] == "public, no-cache"
    assert private.headers["cache-control"] == "private, no-cache"
    for vary in ("Authorization", "Accept", "Origin"):
        assert vary in public.headers["vary"]
    again = await client.get("/v1/events", headers={"If-None-Match": public.headers["etag"]})
    assert again.status_code == 304
