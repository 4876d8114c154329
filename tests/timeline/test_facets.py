"""Facet counts equal the lengths of the lists their choices filter."""

from typing import Any

import httpx
import pytest

from app.seed.loader import SeedReport
from app.timeline.schemas import TimelineFacets

PARAM = {"record": "record", "type": "type", "actor": "actor", "place": "place", "status": "status"}


async def count(client: httpx.AsyncClient, params: dict[str, Any]) -> int:
    response = await client.get("/v1/timeline", params={**params, "limit": 200})
    assert response.status_code == 200, response.text
    return len(response.json()["items"])


@pytest.mark.parametrize("base", [{}, {"record": "event"}, {"place": "ukraine"}, {"q": "Istanbul"}])
async def test_every_facet_count_is_the_length_of_its_list(
    client: httpx.AsyncClient, seeded: SeedReport, base: dict[str, Any]
) -> None:
    response = await client.get("/v1/timeline/facets", params=base)
    assert response.status_code == 200, response.text
    facets = TimelineFacets.model_validate(response.json())

    assert facets.total == await count(client, base) > 0
    checked = 0
    for dimension in ("record", "type", "actor", "place", "year", "status"):
        for choice in getattr(facets, dimension):
            if dimension == "year":
                params = {**base, "from": choice.value, "to": choice.value}
            else:
                params = {**base, PARAM[dimension]: choice.value}
            assert await count(client, params) == choice.count, (dimension, choice)
            checked += 1
    assert checked > 10
