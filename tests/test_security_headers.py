"""Security headers on every response: pages, problems, cached reads and early refusals."""

import httpx
import pytest

EXPECTED = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "content-security-policy": "frame-ancestors 'none'",
    "referrer-policy": "no-referrer",
    "cross-origin-resource-policy": "cross-origin",
}


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/v1/events", 200),
        ("GET", "/v1/events/no-such-event", 404),
        ("GET", "/v1/nothing-here", 404),
        ("GET", "/healthz", 200),
        ("POST", "/v1/events", 401),
    ],
)
async def test_every_response_carries_the_security_headers(
    client: httpx.AsyncClient, method: str, path: str, status: int
) -> None:
    response = await client.request(method, path)

    assert response.status_code == status
    assert {name: response.headers.get(name) for name in EXPECTED} == EXPECTED
    assert "max-age=" in response.headers["strict-transport-security"]


async def test_a_cached_read_and_its_304_carry_them_too(client: httpx.AsyncClient) -> None:
    first = await client.get("/v1/events")
    cached = await client.get("/v1/events")
    unchanged = await client.get("/v1/events", headers={"If-None-Match": first.headers["etag"]})

    for response in (cached, unchanged):
        assert {name: response.headers.get(name) for name in EXPECTED} == EXPECTED
    assert unchanged.status_code == 304
