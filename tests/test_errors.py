"""Every bad input on every list gets a 4xx problem+json naming what is wrong; none a 500."""

import base64
import json

import httpx
import orjson
import pytest

from app.pagination import Keyset

LISTS = ["events", "negotiations", "claims", "actors", "places", "sources"]


def _cursor(*values: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(values)).encode()).decode().rstrip("=")


COMMON_BAD = [
    ({"limit": "0"}, 422, "limit"),
    ({"limit": "201"}, 422, "limit"),
    ({"limit": "ten"}, 422, "limit"),
    ({"limit": "-1"}, 422, "limit"),
    ({"cursor": "not a cursor!"}, 422, "cursor"),
    ({"cursor": base64.urlsafe_b64encode(b"[1,2]").decode()}, 400, "cursor"),
    ({"cursor": base64.urlsafe_b64encode(b'["other-list", 1]').decode()}, 400, "cursor"),
    ({"cursor": "x" * 600}, 422, "cursor"),
    ({"no_such_filter": "1"}, 400, "no_such_filter"),
]

CURSOR_BAD: dict[str, list[str]] = {
    "events": [_cursor("events", "2025-01-01", 2**63), _cursor("events", "2025-13-01", 1)],
    "negotiations": [_cursor("negotiations", "2025-01-01", -(2**63) - 1)],
    "claims": [_cursor("claims", "2025-01-01", 1.5)],
    "actors": [_cursor("actors", "a\x00b"), _cursor("actors", 7)],
    "places": [_cursor("places", "x\x00")],
    "sources": [_cursor("sources", 2**63), _cursor("sources", True)],
}

REFERENCE_BAD = ["\u00b2", "99999999999999999999999999", "a\x00b", "Bad Slug!", "-x"]
REFERENCE_FILTERS = {
    "events": ["actor", "place", "negotiation"],
    "negotiations": ["actor", "place"],
    "claims": ["place", "claimant", "stated_by"],
}
SEARCHABLE = ["events", "negotiations", "claims", "actors", "places"]

SPECIFIC_BAD: dict[str, list[tuple[dict[str, str], int, str]]] = {
    "events": [
        ({"type": "invasion-of-mars"}, 422, "type"),
        ({"status": "draft"}, 401, "status"),
        ({"status": "lost"}, 422, "status"),
        ({"verification": "maybe"}, 422, "verification"),
        ({"actor": "nobody-at-all"}, 422, "actor"),
        ({"place": "atlantis"}, 422, "place"),
        ({"negotiation": "no-such-talks"}, 422, "negotiation"),
        ({"from": "2025-13-01"}, 422, "from"),
        ({"from": "2025-02-30"}, 422, "from"),
        ({"to": "yesterday"}, 422, "to"),
        ({"from": "2025-06", "to": "2025-05"}, 422, "to"),
        ({"q": ""}, 422, "q"),
        ({"q": "x" * 201}, 422, "q"),
        ({"actor": "Bad Slug!"}, 422, "actor"),
    ],
    "negotiations": [
        ({"format": "telepathic"}, 422, "format"),
        ({"phase": "over"}, 422, "phase"),
        ({"actor": "nobody-at-all"}, 422, "actor"),
        ({"from": "2025-5-1"}, 422, "from"),
    ],
    "claims": [
        ({"kind": "ownership"}, 422, "kind"),
        ({"place": "atlantis"}, 422, "place"),
        ({"claimant": "nobody-at-all"}, 422, "claimant"),
        ({"stated_by": "nobody-at-all"}, 422, "stated_by"),
        ({"as_of": "March 2025"}, 422, "as_of"),
    ],
    "actors": [({"kind": "robot"}, 422, "kind"), ({"country": "ru"}, 422, "country")],
    "places": [({"kind": "planet"}, 422, "kind"), ({"country": "UKR"}, 422, "country")],
    "sources": [],
}

CASES = [
    *[
        (kind, params, status, name)
        for kind in LISTS
        for params, status, name in COMMON_BAD + SPECIFIC_BAD[kind]
    ],
    *[(kind, {"cursor": c}, 400, "cursor") for kind in LISTS for c in CURSOR_BAD[kind]],
    *[
        (kind, {name: value}, 422, name)
        for kind, names in REFERENCE_FILTERS.items()
        for name in names
        for value in REFERENCE_BAD
    ],
    *[(kind, {"q": bad}, 422, "q") for kind in SEARCHABLE for bad in ("a\x00b", "tab\there")],
]


def assert_problem(response: httpx.Response, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, object] = response.json()
    assert body["status"] == status
    assert isinstance(body["type"], str) and body["type"].startswith("https://")
    assert body["title"] and body["detail"]
    assert "Traceback" not in response.text
    return body


@pytest.mark.parametrize(("kind", "params", "status", "name"), CASES)
async def test_bad_list_parameter_is_a_problem_naming_it(
    client: httpx.AsyncClient, kind: str, params: dict[str, str], status: int, name: str
) -> None:
    response = await client.get(f"/v1/{kind}", params=params)

    body = assert_problem(response, status)
    errors = body["errors"]
    assert isinstance(errors, list)
    assert name in [error["name"] for error in errors]


@pytest.mark.parametrize("kind", LISTS)
async def test_cursor_of_another_list_is_refused(client: httpx.AsyncClient, kind: str) -> None:
    other = "events" if kind != "events" else "claims"
    foreign = Keyset(other, (), (), descending=True).encode([])

    assert_problem(await client.get(f"/v1/{kind}", params={"cursor": foreign}), 400)


@pytest.mark.parametrize("kind", LISTS)
@pytest.mark.parametrize("key", ["no-such-slug", "987654321", "Bad_Slug", "-x-"])
async def test_unknown_or_malformed_key_is_a_problem(
    client: httpx.AsyncClient, kind: str, key: str
) -> None:
    response = await client.get(f"/v1/{kind}/{key}")

    assert_problem(response, 404 if key in ("no-such-slug", "987654321") else 422)


async def test_unknown_path_and_method_are_problems(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get("/v1/nothing-here"), 404)
    assert_problem(await client.delete("/v1/events"), 405)


async def test_cursor_with_wrong_key_types_is_refused(client: httpx.AsyncClient) -> None:
    forged = base64.urlsafe_b64encode(orjson.dumps(["events", 5, "x"])).decode()

    body = assert_problem(await client.get("/v1/events", params={"cursor": forged}), 400)

    assert "cursor" in str(body["detail"])
