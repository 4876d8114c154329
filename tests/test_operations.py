"""Health, readiness, OpenAPI, and a lost database answering 503 rather than 500."""

import socket
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.db import attach, create_engine
from app.main import create_app


async def test_healthz(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_readyz_with_database(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")

    assert (response.status_code, response.json()) == (200, {"status": "ready"})


async def test_openapi_and_docs(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    docs = await client.get("/docs")

    for kind in ("events", "negotiations", "claims", "actors", "places", "sources"):
        assert f"/v1/{kind}" in spec["paths"]
        assert f"/v1/{kind}/{{key}}" in spec["paths"]
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def _own_app(settings: Settings, url: str) -> FastAPI:
    """An app with an engine and sessions of its own on `url` (dispose of its engine after)."""
    app = create_app(settings)
    attach(app, create_engine(settings, url))
    return app


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def unreachable_client() -> AsyncIterator[httpx.AsyncClient]:
    """An app whose database does not answer."""
    url = f"postgresql://postgres@127.0.0.1:{_closed_port()}/nothing"
    settings = Settings(database_url=url, connect_timeout_s=1, ready_timeout_s=1)
    app = _own_app(settings, url)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://parley.test") as client:
        yield client
    await app.state.engine.dispose()


@pytest.mark.parametrize("path", ["/readyz", "/v1/events", "/v1/claims/some-claim"])
async def test_lost_database_is_503_with_retry_after(
    unreachable_client: httpx.AsyncClient, path: str
) -> None:
    response = await unreachable_client.get(path)

    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert int(response.headers["retry-after"]) > 0
    assert response.json()["status"] == 503


async def test_process_up_without_database(unreachable_client: httpx.AsyncClient) -> None:
    assert (await unreachable_client.get("/healthz")).status_code == 200


async def test_statement_past_its_timeout_is_503_not_500(
    settings: Settings, database_url: str
) -> None:
    from app.db import Session

    quick = settings.model_copy(update={"statement_timeout_ms": 200})
    app = _own_app(quick, database_url)

    @app.get("/slow")
    async def slow(session: Session) -> dict[str, str]:
        await session.execute(text("SELECT pg_sleep(2)"))
        return {"status": "done"}

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://parley.test") as client:
        response = await client.get("/slow")
        recovered = await client.get("/readyz")
    await app.state.engine.dispose()

    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert recovered.status_code == 200


async def test_request_past_its_deadline_is_503(settings: Settings) -> None:
    import asyncio

    app = create_app(settings.model_copy(update={"request_timeout_s": 0.2}))

    @app.get("/stuck")
    async def stuck() -> dict[str, str]:
        await asyncio.sleep(5)
        return {"status": "done"}

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://parley.test") as client:
        response = await client.get("/stuck")

    assert response.status_code == 503
    assert response.json()["type"].endswith("/deadline-exceeded")


async def test_recovers_after_the_server_drops_its_connection(
    settings: Settings, database_url: str, session: AsyncSession
) -> None:
    small = settings.model_copy(update={"pool_size": 1, "pool_max_overflow": 0})
    app = _own_app(small, database_url)
    async with app.state.engine.connect() as connection:
        pid = (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://parley.test") as client:
        assert (await client.get("/v1/sources")).status_code == 200
        await session.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        first = await client.get("/v1/sources")
        after = [(await client.get("/v1/sources")).status_code for _ in range(3)]
    await app.state.engine.dispose()

    assert first.status_code in (200, 503)
    assert first.headers["content-type"] in ("application/json", "application/problem+json")
    assert after == [200, 200, 200]


async def test_a_full_pool_answers_503_within_its_timeout(
    settings: Settings, database_url: str
) -> None:
    import asyncio
    import time

    from app.db import Session

    one = settings.model_copy(
        update={"pool_size": 1, "pool_max_overflow": 0, "pool_timeout_s": 0.5}
    )
    app = _own_app(one, database_url)

    @app.get("/hold")
    async def hold(session: Session) -> dict[str, str]:
        await session.execute(text("SELECT pg_sleep(1.5)"))
        return {"status": "done"}

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://parley.test") as client:
        holding = asyncio.create_task(client.get("/hold"))
        await asyncio.sleep(0.2)
        started = time.monotonic()
        refused = await client.get("/v1/sources")
        waited = time.monotonic() - started
        held = await holding
        after = await client.get("/v1/sources")
    await app.state.engine.dispose()

    assert held.status_code == 200
    assert refused.status_code == 503
    assert refused.headers["content-type"] == "application/problem+json"
    assert int(refused.headers["retry-after"]) > 0
    assert waited < 1.2
    assert after.status_code == 200


@pytest.mark.parametrize("sqlstate", ["40001", "40P01"])
async def test_serialization_failures_and_deadlocks_are_503_not_500(
    settings: Settings, database_url: str, sqlstate: str
) -> None:
    from app.db import Session

    app = _own_app(settings, database_url)

    @app.post("/contended")
    async def contended(session: Session) -> dict[str, str]:
        failing = f"DO $$ BEGIN RAISE EXCEPTION 'contended' USING ERRCODE = '{sqlstate}'; END $$"
        await session.execute(text(failing))
        return {"status": "done"}

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://parley.test") as client:
        response = await client.post("/contended")
    await app.state.engine.dispose()

    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert int(response.headers["retry-after"]) > 0
