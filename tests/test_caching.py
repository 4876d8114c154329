"""Strong ETags on every GET, and 304 when the client already has the bytes."""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests import factories as f

PATHS = ["/v1/events", "/v1/claims", "/v1/sources", "/healthz", "/openapi.json"]


@pytest.mark.parametrize("path", PATHS)
async def test_get_has_strong_etag_and_304_on_match(client: httpx.AsyncClient, path: str) -> None:
    first = await client.get(path)
    etag = first.headers["etag"]

    again = await client.get(path, headers={"If-None-Match": etag})
    listed = await client.get(path, headers={"If-None-Match": f'"other", {etag}'})
    stale = await client.get(path, headers={"If-None-Match": '"stale"'})

    assert first.status_code == 200
    assert etag.startswith('"') and not etag.startswith("W/")
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
    assert listed.status_code == 304
    assert stale.status_code == 200 and stale.content == first.content


async def test_etag_changes_when_the_data_does(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    before = await client.get("/v1/events")
    await f.event(session)
    await session.commit()

    after = await client.get("/v1/events", headers={"If-None-Match": before.headers["etag"]})

    assert after.status_code == 200
    assert after.headers["etag"] != before.headers["etag"]


async def test_errors_carry_no_etag(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/events/nothing-here")

    assert response.status_code == 404
    assert "etag" not in response.headers


@pytest.mark.parametrize("path", PATHS)
async def test_head_is_the_get_without_its_body(client: httpx.AsyncClient, path: str) -> None:
    get = await client.get(path)
    head = await client.head(path)

    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == get.headers["etag"]
    assert int(head.headers["content-length"]) == len(get.content)


async def test_if_none_match_over_several_header_lines(client: httpx.AsyncClient) -> None:
    etag = (await client.get("/v1/events")).headers["etag"]

    response = await client.get(
        "/v1/events", headers=[("If-None-Match", '"other"'), ("If-None-Match", etag)]
    )

    assert response.status_code == 304
