"""Event filters: each one narrows the list to exactly the rows it names."""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests import factories as f


async def slugs(client: httpx.AsyncClient, **params: object) -> list[str]:
    response = await client.get("/v1/events", params=params)  # type: ignore[arg-type]
    assert response.status_code == 200, response.text
    return [item["slug"] for item in response.json()["items"]]


@pytest.fixture
async def timeline(session: AsyncSession) -> None:
    ukraine = await f.place(session, slug="ukraine", kind="country", iso_code="UA")
    donetsk = await f.place(session, slug="donetsk", iso_code="UA-14", parent_id=ukraine.id)
    kherson = await f.place(session, slug="kherson", iso_code="UA-65", parent_id=ukraine.id)
    turkey = await f.place(session, slug="turkey", kind="country", iso_code="TR")
    russia = await f.actor(session, slug="russia")
    kyiv = await f.actor(session, slug="ukraine-state")
    talks = await f.negotiation(session, slug="istanbul-talks")
    a = await f.event(
        session,
        slug="easter-exchange",
        date="2025-04-19",
        title="Easter exchange",
        verification="both_sides",
    )
    b = await f.event(
        session,
        slug="bodies",
        type="body_repatriation",
        date="2025-04-18",
        summary="Ukraine received 909 bodies",
    )
    c = await f.event(
        session,
        slug="talks-round",
        type="negotiation_round",
        date="2025-05-16",
        negotiation_id=talks.id,
    )
    d = await f.event(session, slug="annexation", type="annexation", date="2022-23")
    await f.event_place(session, a, donetsk)
    await f.event_place(session, c, turkey)
    await f.event_place(session, d, donetsk, "subject")
    await f.event_place(session, d, kherson, "subject")
    await f.participant(session, a, russia)
    await f.participant(session, a, kyiv)
    await f.participant(session, b, kyiv, "recipient")
    await f.participant(session, c, russia)
    await f.indexed(session)


@pytest.mark.usefixtures("timeline")
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["talks-round", "easter-exchange", "bodies", "annexation"]),
        ({"type": "body_repatriation"}, ["bodies"]),
        ({"type": ["body_repatriation", "annexation"]}, ["bodies", "annexation"]),
        ({"actor": "russia"}, ["talks-round", "easter-exchange"]),
        ({"actor": ["russia", "ukraine-state"]}, ["talks-round", "easter-exchange", "bodies"]),
        ({"place": "donetsk"}, ["easter-exchange", "annexation"]),
        ({"place": "UA-14"}, ["easter-exchange", "annexation"]),
        ({"place": "kherson"}, ["annexation"]),
        ({"place": ["UA-65", "donetsk"]}, ["easter-exchange", "annexation"]),
        ({"place": "ukraine"}, ["easter-exchange", "annexation"]),
        ({"place": "UA"}, ["easter-exchange", "annexation"]),
        ({"place": "turkey"}, ["talks-round"]),
        ({"place": "TR"}, ["talks-round"]),
        ({"negotiation": "istanbul-talks"}, ["talks-round"]),
        ({"from": "2025-04-19"}, ["talks-round", "easter-exchange"]),
        ({"to": "2025-04-18"}, ["bodies", "annexation"]),
        ({"from": "2025-04", "to": "2025-04"}, ["easter-exchange", "bodies"]),
        ({"from": "2022-10-15", "to": "2022-10-15"}, ["annexation"]),
        ({"from": "2022"}, ["talks-round", "easter-exchange", "bodies", "annexation"]),
        ({"q": "EASTER"}, ["easter-exchange"]),
        ({"q": "909 bodies"}, ["bodies"]),
        ({"q": "%"}, []),
        ({"q": "9_9"}, []),
        ({"q": "receiving bodies"}, ["bodies"]),
        ({"q": '"909 bodies" -easter'}, ["bodies"]),
        ({"q": "easter or bodies"}, ["easter-exchange", "bodies"]),
        ({"verification": "both_sides"}, ["easter-exchange"]),
        ({"status": "retracted"}, []),
        ({"status": "published", "type": "annexation"}, ["annexation"]),
    ],
)
async def test_filter(
    client: httpx.AsyncClient, params: dict[str, object], expected: list[str]
) -> None:
    assert await slugs(client, **params) == expected


@pytest.mark.usefixtures("timeline")
async def test_filter_by_numeric_id(client: httpx.AsyncClient) -> None:
    russia = (await client.get("/v1/actors/russia")).json()

    assert await slugs(client, actor=str(russia["id"])) == ["talks-round", "easter-exchange"]


@pytest.mark.usefixtures("timeline")
@pytest.mark.parametrize(
    ("place", "message"),
    [("UA-99", "no place with"), ("ua-14", "no place with"), ("Ua-14", "Invalid value for: place")],
)
async def test_unknown_or_malformed_place_is_refused(
    client: httpx.AsyncClient, place: str, message: str
) -> None:
    response = await client.get("/v1/events", params={"place": place})

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert message in response.json()["detail"]
