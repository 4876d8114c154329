"""Hostile input: each case is answered with a 4xx problem, and the database is left as it was."""

import asyncio
import json
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Change, Event, Revision
from tests.editorial import desk
from tests.serving import app_like, served

INJECTIONS = [
    "' OR '1'='1",
    "1; DROP TABLE events; --",
    "x' UNION SELECT hash FROM api_keys --",
    "../../../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "%00",
    "${jndi:ldap://x}",
    "<script>alert(1)</script>",
]

LIST_FILTERS = [
    ("/v1/events", "actor"),
    ("/v1/events", "place"),
    ("/v1/events", "negotiation"),
    ("/v1/events", "type"),
    ("/v1/events", "status"),
    ("/v1/events", "from"),
    ("/v1/events", "cursor"),
    ("/v1/events", "limit"),
    ("/v1/claims", "claimant"),
    ("/v1/claims", "stated_by"),
    ("/v1/timeline", "kind"),
    ("/v1/timeline", "to"),
    ("/v1/search", "kind"),
]


def _body(**changes: Any) -> bytes:
    return json.dumps(desk.event_body("hostile") | changes).encode()


def _nested(depth: int) -> bytes:
    return b'{"slug": ' + b"[" * depth + b"]" * depth + b"}"


BODIES: list[tuple[str, bytes, dict[str, str], set[int]]] = [
    ("malformed", b'{"slug": "x", ', {}, {400}),
    ("truncated", _body()[:-7], {}, {400}),
    ("not an object", b'["slug", "x"]', {}, {422}),
    ("deeply nested", _nested(100_000), {}, {400, 422}),
    ("invalid UTF-8", b'{"slug": "\xff\xfe\xfd"}', {}, {400}),
    ("NUL in a string", _body(title="Exchange\u0000 of prisoners"), {}, {422}),
    ("wrong type", _body(slug=42), {}, {422}),
    ("unknown field", _body(secret_flag=True), {}, {422}),
    ("server field", _body(status="published"), {}, {422}),
    ("overlong string", _body(title="x" * 100_000), {}, {422}),
    ("overlong slug", _body(slug="a" * 5_000), {}, {422}),
    ("injection in a slug", _body(slug="x'; DROP TABLE events; --"), {}, {422}),
    ("bad EDTF", _body(date="2025-13-45"), {}, {422}),
    ("EDTF garbage", _body(date="last tuesday-ish"), {}, {422}),
    ("bad ISO code", _body(places=[{"place": "ZZ-QQQQ", "role": "location"}]), {}, {422}),
    ("negative figure", _body(quantities=[{"category": "military", "value": -5}]), {}, {422}),
    ("huge figure", _body(quantities=[{"category": "military", "value": 10**30}]), {}, {422}),
    ("float figure", _body(quantities=[{"category": "military", "value": 1e308}]), {}, {422}),
    ("a number too big for JSON", b'{"slug": 1e999999}', {}, {422}),
    ("body as text", _body(), {"Content-Type": "text/plain"}, {415}),
    ("body as a form", b"slug=x", {"Content-Type": "application/x-www-form-urlencoded"}, {415}),
    ("body without a type", _body(), {"Content-Type": ""}, {415}),
]


async def _state(session: AsyncSession) -> tuple[int, int, int]:
    counts = [
        select(func.count()).select_from(Event),
        select(func.count()).select_from(Revision),
        select(func.count()).select_from(Change),
    ]
    return tuple([(await session.execute(q)).scalar_one() for q in counts])  # type: ignore[return-value]


def _assert_problem(response: httpx.Response, statuses: set[int]) -> None:
    assert response.status_code in statuses, (response.status_code, response.text[:300])
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == response.status_code


@pytest.mark.parametrize(
    ("case", "body", "headers", "statuses"), BODIES, ids=[b[0] for b in BODIES]
)
async def test_a_hostile_body_is_a_problem_and_changes_nothing(
    client: httpx.AsyncClient,
    session: AsyncSession,
    editor: dict[str, str],
    case: str,
    body: bytes,
    headers: dict[str, str],
    statuses: set[int],
) -> None:
    await desk.newsroom(session)
    before = await _state(session)
    sent = {"Content-Type": "application/json", **editor, **headers}
    if not sent["Content-Type"]:
        del sent["Content-Type"]

    response = await client.post("/v1/events", content=body, headers=sent)

    _assert_problem(response, statuses)
    assert await _state(session) == before


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize(("path", "name"), LIST_FILTERS)
async def test_injection_in_a_filter_is_a_problem(
    client: httpx.AsyncClient, path: str, name: str, value: str
) -> None:
    response = await client.get(path, params={name: value})

    _assert_problem(response, {400, 422})


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize(
    "kind", ["events", "negotiations", "claims", "actors", "places", "sources"]
)
async def test_injection_in_a_record_key_is_a_problem(
    client: httpx.AsyncClient, kind: str, value: str
) -> None:
    response = await client.get(f"/v1/{kind}/{value}")

    _assert_problem(response, {404, 422})


@pytest.mark.parametrize("value", INJECTIONS)
async def test_injection_in_a_search_is_only_words(client: httpx.AsyncClient, value: str) -> None:
    response = await client.get("/v1/search", params={"q": value})

    if response.status_code == 200:
        assert response.json()["items"] == []
    else:
        _assert_problem(response, {422})


@pytest.mark.parametrize(
    "query",
    [
        "limit=1000000000000000000000",
        "limit=-1",
        "limit=0",
        "limit=2.5",
        "cursor=AAAA",
        "cursor=!!",
    ],
)
async def test_out_of_range_paging_is_a_problem(client: httpx.AsyncClient, query: str) -> None:
    _assert_problem(await client.get(f"/v1/events?{query}"), {400, 422})


async def _raw(base: str, request: bytes) -> bytes:
    """`request` sent as it is over a socket (kept open: no end of input tells the server the
    body is complete); what comes back before the server closes."""
    host, port = base.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    try:
        writer.write(request)
        await writer.drain()
        return await asyncio.wait_for(reader.read(), 10)
    finally:
        writer.close()


def _lying(editor: dict[str, str], body: bytes, length: int) -> bytes:
    return (
        b"POST /v1/events HTTP/1.1\r\nHost: parley\r\nContent-Type: application/json\r\n"
        + f"Authorization: {editor['Authorization']}\r\n".encode()
        + f"Content-Length: {length}\r\nConnection: close\r\n\r\n".encode()
        + body
    )


def _status(answer: bytes) -> int:
    return int(answer.split(b"\r\n", 1)[0].split()[1])


async def test_a_body_longer_than_its_length_says_is_read_as_far_as_it_says(
    app: FastAPI, session: AsyncSession, editor: dict[str, str]
) -> None:
    await desk.newsroom(session)
    before = await _state(session)
    body = _body()
    async with served(app) as base:
        answer = await _raw(base, _lying(editor, body, len(body) - 10))

    assert _status(answer) == 400, answer[:300]
    assert b"application/problem+json" in answer
    assert await _state(session) == before


async def test_a_body_shorter_than_its_length_says_times_out_as_a_408(
    app: FastAPI, session: AsyncSession, editor: dict[str, str]
) -> None:
    await desk.newsroom(session)
    before = await _state(session)
    body = _body()
    async with app_like(app, request_timeout_s=1) as impatient, served(impatient) as base:
        answer = await _raw(base, _lying(editor, body, len(body) + 100))

    assert _status(answer) == 408, answer[:300]
    assert b"application/problem+json" in answer
    assert await _state(session) == before
