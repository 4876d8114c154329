"""Actors and their time-scoped roles."""

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.actors.schemas import ActorOut
from tests import factories as f


async def test_person_with_role_as_of_a_date(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    ukraine = await f.actor(session, slug="ukraine", name="Ukraine", country_code="UA")
    umerov = await f.actor(
        session,
        slug="rustem-umerov",
        name="Rustem Umerov",
        kind="person",
        country_code="UA",
        aliases=["Umerov"],
    )
    await f.role(session, umerov, title="Minister of Defence", organization_id=ukraine.id)
    await session.commit()

    actor = ActorOut.model_validate((await client.get("/v1/actors/rustem-umerov")).json())

    [role] = actor.roles
    assert role.title == "Minister of Defence"
    assert role.organization is not None and role.organization.slug == "ukraine"
    assert (role.as_of, str(role.as_of_start), str(role.as_of_end)) == (
        "2025-05",
        "2025-05-01",
        "2025-05-31",
    )
    assert actor.aliases == ["Umerov"]


async def test_actor_filters(client: httpx.AsyncClient, session: AsyncSession) -> None:
    await f.actor(session, slug="russia", name="Russia", country_code="RU")
    await f.actor(
        session,
        slug="dmitry-peskov",
        name="Dmitry Peskov",
        kind="person",
        country_code="RU",
        aliases=["Kremlin spokesman"],
    )
    await f.actor(session, slug="turkey", name="Turkey", country_code="TR", aliases=["Ankara"])
    await f.indexed(session)

    async def slugs(**params: object) -> list[str]:
        body = (await client.get("/v1/actors", params=params)).json()  # type: ignore[arg-type]
        return [item["slug"] for item in body["items"]]

    assert await slugs() == ["dmitry-peskov", "russia", "turkey"]
    assert await slugs(kind="person") == ["dmitry-peskov"]
    assert await slugs(country="RU") == ["dmitry-peskov", "russia"]
    assert await slugs(q="ankara") == ["turkey"]
    assert await slugs(q="spokesman") == ["dmitry-peskov"]
