"""Pages answered before routing give what their routes give, byte for byte, and nothing else
is taken from the routes."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from app.config import Settings
from app.events import service as events_service
from app.main import create_app
from app.pagination import DEFAULT_LIMIT
from app.seed.loader import SeedReport
from app.timeline import service as timeline_service
from tests import factories as f

VARYING = {"x-request-id", "date"}
"""Headers that differ between any two answers."""


def _app(settings: Settings, engine: AsyncEngine, sessionmaker: Any, *, hot: bool) -> FastAPI:
    app = create_app(settings.model_copy(update={"hot_reads": hot}))
    app.state.engine = engine
    app.state.sessionmaker = sessionmaker
    return app


@pytest.fixture
async def clients(
    settings: Settings,
    engine: AsyncEngine,
    sessionmaker: async_sessionmaker[AsyncSession],
    session: AsyncSession,
    seeded: SeedReport,
) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient]]:
    """A client of an app with the hot reads, and one of an app without, on the same data:
    the seed, a draft, and more events than a page holds by default."""
    for day in range(1, DEFAULT_LIMIT + 10):
        await f.event(session, date=f"2024-{1 + day % 12:02d}-{1 + day % 28:02d}")
    await f.event(session, status="draft", title="Not for the public")
    await session.commit()
    apps = [_app(settings, engine, sessionmaker, hot=hot) for hot in (True, False)]
    hot, routed = (
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
            base_url="http://parley.test",
        )
        for app in apps
    )
    async with hot, routed:
        yield hot, routed


def _answer(response: httpx.Response) -> tuple[int, dict[str, str], bytes]:
    headers = {k: v for k, v in response.headers.items() if k not in VARYING}
    if headers.get("content-encoding") == "gzip":
        # Both gzip the same bytes (httpx gives them back unpacked), at levels that may
        # differ: the length may too.
        headers.pop("content-length", None)
    return response.status_code, headers, response.content


async def _both(
    clients: tuple[httpx.AsyncClient, httpx.AsyncClient], url: str, headers: dict[str, str]
) -> tuple[tuple[int, dict[str, str], bytes], tuple[int, dict[str, str], bytes]]:
    hot, routed = clients
    return (
        _answer(await hot.get(url, headers=headers, follow_redirects=False)),
        _answer(await routed.get(url, headers=headers, follow_redirects=False)),
    )


async def _next_cursor(client: httpx.AsyncClient, url: str) -> str:
    cursor = (await client.get(url)).json()["next_cursor"]
    assert cursor is not None
    return str(cursor)


QUERIES = [
    "",
    "?limit=5",
    "?limit=200",
    "?limit=1",
    # What the routes refuse or read otherwise, which the lanes leave to them:
    "?limit=0",
    "?limit=201",
    "?limit=050",
    "?limit=5&limit=6",
    "?limit=",
    "?limit=five",
    "?cursor=",
    "?cursor=bm90IGEgY3Vyc29y",  # base64 of "not a cursor"
    "?cursor=W10",  # base64 of "[]"
    "?cursor=a%00b",
    "?limit=5&type=prisoner_exchange",
    "?lmit=5",
    "?sort=desc",
    "?sort=asc&limit=3",
    "?sort=sideways",
]
HEADERS: list[dict[str, str]] = [
    {},  # httpx asks for gzip
    {"Accept-Encoding": "identity"},
    {"Accept": "application/json"},
    {"Accept": "text/csv"},
    {"Accept": "application/xml"},
    {"Accept": "text/csv", "Accept-Encoding": "identity"},
    {"If-None-Match": '"stale"'},
    {"Origin": "https://newsroom.example"},
]


@pytest.mark.parametrize("path", ["/v1/events", "/v1/timeline"])
async def test_the_same_answers_with_and_without_the_lanes(
    clients: tuple[httpx.AsyncClient, httpx.AsyncClient], path: str
) -> None:
    differ = []
    statuses = set()
    for query in QUERIES:
        for headers in HEADERS:
            with_lanes, without = await _both(clients, path + query, headers)
            statuses.add(with_lanes[0])
            if with_lanes != without:
                differ.append((query, headers, with_lanes[:2], without[:2]))

    assert differ == []
    assert {200, 400, 422} <= statuses


@pytest.mark.parametrize(
    ("path", "sort"), [("/v1/events", ""), ("/v1/timeline", ""), ("/v1/timeline", "&sort=asc")]
)
async def test_next_pages_and_their_304s_are_the_same(
    clients: tuple[httpx.AsyncClient, httpx.AsyncClient], path: str, sort: str
) -> None:
    first = f"{path}?limit=4{sort}"
    cursor = await _next_cursor(clients[1], first)
    second = f"{first}&cursor={cursor}"
    (status, headers, body), without = await _both(clients, second, {})
    etag = headers["etag"]
    again = await _both(clients, second, {"If-None-Match": etag})
    other_list = f"/v1/claims?cursor={cursor}" if path == "/v1/events" else None

    assert (status, headers, body) == without and status == 200
    assert again[0] == again[1] and again[0][0] == 304
    assert body != (await clients[0].get(first)).content
    if other_list is not None:
        refused = await _both(clients, other_list, {})
        assert refused[0] == refused[1] and refused[0][0] == 400


async def test_a_key_holder_is_answered_by_the_route(
    clients: tuple[httpx.AsyncClient, httpx.AsyncClient], editor: dict[str, str]
) -> None:
    with_lanes, without = await _both(clients, "/v1/events?limit=5", editor)

    assert with_lanes == without
    assert with_lanes[1]["cache-control"] == "private, no-cache"


async def test_the_lanes_answer_without_the_routes(
    clients: tuple[httpx.AsyncClient, httpx.AsyncClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The routes' own services are out of reach: what the lanes take still answers, and what
    they leave to the routes does not."""

    async def unreachable(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("the route was asked")

    monkeypatch.setattr(events_service, "list_events", unreachable)
    monkeypatch.setattr(timeline_service, "timeline", unreachable)
    hot, _ = clients

    taken = [await hot.get(url) for url in ("/v1/events", "/v1/timeline?limit=3&sort=asc")]
    left = await hot.get("/v1/events?type=prisoner_exchange")

    assert [r.status_code for r in taken] == [200, 200]
    assert left.status_code == 500


@pytest.mark.parametrize(
    ("failure", "status"),
    [
        (DBAPIError("SELECT", None, OSError("gone"), connection_invalidated=True), 503),
        (RuntimeError("a bug"), 500),
    ],
)
async def test_a_failure_is_the_routes_problem(
    clients: tuple[httpx.AsyncClient, httpx.AsyncClient],
    monkeypatch: pytest.MonkeyPatch,
    failure: Exception,
    status: int,
) -> None:
    async def failing(*args: object, **kwargs: object) -> bytes:
        raise failure

    monkeypatch.setattr(events_service, "public_page", failing)
    monkeypatch.setattr(events_service, "list_events", failing)

    with_lanes, without = await _both(clients, "/v1/events", {})

    # A 500 from a route is answered outside the middleware (which would add the security
    # headers): only its status, type and body are the same.
    assert (with_lanes == without) if status == 503 else (with_lanes[::2] == without[::2])
    assert with_lanes[0] == status
    assert with_lanes[1]["content-type"] == "application/problem+json"
    assert (with_lanes[1].get("retry-after") == "5") == (status == 503)
