"""The request bodies the API documents as examples are accepted as they stand."""

import httpx
import pytest

from app.examples import BODIES
from app.seed.loader import SeedReport

PLURALS = {
    "event": "events",
    "claim": "claims",
    "negotiation": "negotiations",
    "actor": "actors",
    "place": "places",
    "source": "sources",
}


@pytest.mark.parametrize("kind", sorted(BODIES))
async def test_each_documented_body_creates_its_record(
    client: httpx.AsyncClient, seeded: SeedReport, editor: dict[str, str], kind: str
) -> None:
    schema = (await client.get("/openapi.json")).json()
    create = schema["paths"][f"/v1/{PLURALS[kind]}"]["post"]
    body_ref = create["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    documented = schema["components"]["schemas"][body_ref.rsplit("/", 1)[-1]]["examples"]

    response = await client.post(f"/v1/{PLURALS[kind]}", json=documented[0], headers=editor)

    assert documented == [BODIES[kind]]
    assert response.status_code == 201, response.text
    assert response.json()["slug"] == BODIES[kind]["slug"]
