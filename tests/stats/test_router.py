"""Exchange statistics: best figures added per period and side, people and bodies apart."""

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.seed.loader import SeedReport
from app.stats.schemas import ExchangeStats
from app.stats.service import total_qualifier
from tests import factories as f


async def stats(client: httpx.AsyncClient, **params: Any) -> list[dict[str, Any]]:
    response = await client.get("/v1/stats/exchanges", params=params)
    assert response.status_code == 200, response.text
    ExchangeStats.model_validate(response.json())
    return list(response.json()["items"])


async def test_the_seeded_year(client: httpx.AsyncClient, seeded: SeedReport) -> None:
    items = {i["recipient"]["slug"]: i for i in await stats(client, period="year")}
    for side, bodies in (("russia", 41), ("ukraine", 909)):
        year = items[side]
        assert year["period"] == "2025"
        assert (year["military"]["value"], year["civilians"]["value"]) == (516, 120)
        assert (year["people"]["value"], year["bodies"]["value"]) == (636, bodies)
        assert year["military"]["events"] == [
            "2025-04-19-prisoner-exchange",
            "2025-05-23-prisoner-exchange",
        ]
        assert year["bodies"]["events"] == ["2025-04-18-exchange-of-bodies"]
    months = await stats(client, period="month")
    assert [(m["period"], m["recipient"]["slug"], m["people"]["value"]) for m in months] == [
        ("2025-04", "russia", 246),
        ("2025-04", "ukraine", 246),
        ("2025-05", "russia", 390),
        ("2025-05", "ukraine", 390),
    ]
    assert months[-1]["cumulative"]["people"] == {"value": 636, "qualifier": "exact"}


async def test_only_published_best_figures_count_and_qualifiers_carry(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    side = await f.actor(session, slug="side")
    for slug, status, figures in (
        ("counted", "published", [("military", 100, "at_least")]),
        ("unsplit", "published", [("people", 7, "exact")]),
        ("corrected", "corrected", [("civilians", 5, "exact"), ("bodies", 9, "approx")]),
        ("retracted", "retracted", [("military", 1000, "exact")]),
        ("draft", "draft", [("military", 1000, "exact")]),
    ):
        event = await f.event(session, slug=slug, status=status, date="2025-03-30/2025-04-02")
        for category, value, qualifier in figures:
            await f.quantity(
                session,
                event,
                category=category,
                value=value,
                qualifier=qualifier,
                recipient_id=side.id,
                is_best=True,
            )
        await f.quantity(session, event, category="military", value=1, recipient_id=side.id)
    await session.commit()

    [month] = await stats(client, period="month")

    assert month["period"] == "2025-03" and month["spans_periods"] is True
    assert (month["military"]["value"], month["military"]["qualifier"]) == (100, "at_least")
    assert (month["unspecified"]["value"], month["civilians"]["value"]) == (7, 5)
    assert (month["people"]["value"], month["people"]["qualifier"]) == (112, "at_least")
    assert (month["bodies"]["value"], month["bodies"]["qualifier"]) == (9, "approx")
    assert month["people"]["events"] == ["corrected", "counted", "unsplit"]


@pytest.mark.parametrize(
    ("qualifiers", "total"),
    [
        (["exact"], "exact"),
        (["exact", "at_least"], "at_least"),
        (["more_than", "exact"], "at_least"),
        (["at_least", "approx"], "approx"),
        (["at_most", "exact"], "at_most"),
        (["at_most", "at_least"], "approx"),
    ],
)
def test_a_total_is_as_sure_as_its_least_sure_figure(qualifiers: list[str], total: str) -> None:
    assert total_qualifier(qualifiers) == total
