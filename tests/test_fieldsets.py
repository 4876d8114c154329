"""Sparse fieldsets: `fields=` serves exactly the members named (and the ones always served)."""

from typing import Any

import httpx
import orjson
import pytest
from pydantic import BaseModel

from app.claims.schemas import ClaimOut
from app.events.schemas import EventOut
from app.fieldsets import names_of, sparse
from app.negotiations.schemas import NegotiationOut
from app.schemas import Page
from app.seed.loader import SeedReport
from app.timeline.schemas import TimelineEntry

LISTS: list[tuple[str, type[BaseModel], set[str]]] = [
    ("/v1/events", EventOut, {"id"}),
    ("/v1/negotiations", NegotiationOut, {"id"}),
    ("/v1/claims", ClaimOut, {"id"}),
    ("/v1/timeline", TimelineEntry, {"id", "record"}),
]


async def items(client: httpx.AsyncClient, path: str, **params: str) -> list[dict[str, object]]:
    response = await client.get(path, params={"limit": "200", **params})
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


@pytest.mark.parametrize(("path", "model", "always"), LISTS)
async def test_each_member_can_be_asked_for_alone(
    client: httpx.AsyncClient,
    seeded: SeedReport,
    path: str,
    model: type[BaseModel],
    always: set[str],
) -> None:
    whole = await items(client, path)
    assert whole
    Page[model].model_validate({"items": whole, "next_cursor": None})  # type: ignore[valid-type]
    for name in names_of(model):
        cut = await items(client, path, fields=name)
        assert all(set(item) == {name} | always for item in cut), name
        assert [item[name] for item in cut] == [item[name] for item in whole]
        cut_model: Any = sparse(model, frozenset(always))
        Page[cut_model].model_validate({"items": cut, "next_cursor": None})


@pytest.mark.parametrize(("path", "model", "always"), LISTS)
async def test_every_member_named_is_the_whole_item(
    client: httpx.AsyncClient,
    seeded: SeedReport,
    path: str,
    model: type[BaseModel],
    always: set[str],
) -> None:
    everything = ",".join(names_of(model))
    assert await items(client, path, fields=everything) == await items(client, path)


async def test_a_compact_list_is_a_fraction_of_the_whole(
    client: httpx.AsyncClient, seeded: SeedReport
) -> None:
    whole = await client.get("/v1/events", params={"limit": 50})
    compact = await client.get(
        "/v1/events", params={"limit": 50, "fields": "slug,type,title,date,date_label,status"}
    )
    assert len(compact.content) * 8 < len(whole.content)


@pytest.mark.parametrize(
    "fields", ["nope", "id,", ",id", "id,,slug", "title, slug", "citations.quote", ""]
)
async def test_a_member_a_list_lacks_is_refused(client: httpx.AsyncClient, fields: str) -> None:
    response = await client.get("/v1/events", params={"fields": fields})

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["name"] == "fields"


async def test_json_lines_are_cut_and_other_exports_are_whole(
    client: httpx.AsyncClient, seeded: SeedReport
) -> None:
    params = {"fields": "title", "sort": "asc"}
    lines = await client.get("/v1/timeline", params={**params, "format": "jsonl"})
    csv = await client.get("/v1/timeline", params={**params, "format": "csv"})
    whole = await client.get("/v1/timeline", params={"format": "csv", "sort": "asc"})

    assert {frozenset(orjson.loads(line)) for line in lines.content.splitlines()} == {
        frozenset({"id", "record", "title"})
    }
    assert csv.content == whole.content


def test_the_contract_documents_both_shapes(client: httpx.AsyncClient) -> None:
    schema = client._transport.app.openapi()  # type: ignore[attr-defined]
    documented = schema["paths"]["/v1/events"]["get"]["responses"]["200"]["content"]
    shapes = documented["application/json"]["schema"]["anyOf"]
    names = {shape["$ref"].rsplit("/", 1)[-1] for shape in shapes}
    assert names == {"Page_EventOut_", "Page_EventOutFields_"}
    cut = schema["components"]["schemas"]["EventOutFields"]
    assert cut["required"] == ["id"]
    assert cut["additionalProperties"] is False
    assert "default" not in cut["properties"]["title"]
