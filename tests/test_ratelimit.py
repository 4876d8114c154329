"""Rate limits: failed authentications per client address, writes per key; past either, a
429 problem with `Retry-After` that changes nothing."""

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Event
from tests.editorial import desk
from tests.serving import app_like

BAD_KEY = {"Authorization": "Bearer pk_00000000_" + "A" * 43}


def _from(app: FastAPI, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://parley.test")


def _assert_too_many(response: httpx.Response) -> None:
    assert response.status_code == 429
    assert response.headers["content-type"] == "application/problem+json"
    assert 1 <= int(response.headers["retry-after"]) <= 60
    assert response.json()["type"].endswith("/too-many-requests")


async def test_an_address_past_its_failed_authentications_is_refused_with_any_key(
    app: FastAPI, editor: dict[str, str]
) -> None:
    async with app_like(app, auth_failure_limit="3/minute") as limited:
        async with _from(limited, "192.0.2.1") as attacker:
            failures = [(await attacker.get("/v1/events", headers=BAD_KEY)) for _ in range(3)]
            refused = await attacker.get("/v1/events", headers=BAD_KEY)
            with_a_real_key = await attacker.get("/v1/events", headers=editor)
            anonymous = await attacker.get("/v1/events")
        async with _from(limited, "192.0.2.2") as neighbour:
            elsewhere = await neighbour.get("/v1/events", headers=editor)

    assert [r.status_code for r in failures] == [401, 401, 401]
    _assert_too_many(refused)
    _assert_too_many(with_a_real_key)
    assert anonymous.status_code == 200
    assert elsewhere.status_code == 200


async def test_successful_authentications_are_not_counted(
    app: FastAPI, editor: dict[str, str]
) -> None:
    async with (
        app_like(app, auth_failure_limit="2/minute") as limited,
        _from(limited, "192.0.2.3") as client,
    ):
        statuses = [(await client.get("/v1/events", headers=editor)).status_code for _ in range(5)]

    assert statuses == [200] * 5


async def test_writes_past_a_keys_limit_are_refused_and_store_nothing(
    app: FastAPI, session: AsyncSession, editor: dict[str, str], admin: dict[str, str]
) -> None:
    await desk.newsroom(session)
    async with (
        app_like(app, write_limit="2/minute") as limited,
        _from(limited, "192.0.2.4") as client,
    ):
        written = [
            await client.post("/v1/events", json=desk.event_body(f"limited-{n}"), headers=editor)
            for n in range(2)
        ]
        refused = await client.post("/v1/events", json=desk.event_body("limited-2"), headers=editor)
        other_key = await client.post(
            "/v1/events", json=desk.event_body("limited-3"), headers=admin
        )
        reads = await client.get("/v1/events?status=draft", headers=editor)

    assert [r.status_code for r in written] == [201, 201]
    _assert_too_many(refused)
    assert other_key.status_code == 201
    assert reads.status_code == 200
    stored = select(func.count()).select_from(Event).where(Event.slug == "limited-2")
    assert (await session.execute(stored)).scalar_one() == 0
