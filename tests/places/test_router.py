"""Places with ISO codes, parents and aliases."""

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.places.schemas import PlaceOut
from tests import factories as f


async def test_place_detail_and_filters(client: httpx.AsyncClient, session: AsyncSession) -> None:
    ukraine = await f.place(
        session, slug="ukraine", name="Ukraine", kind="country", iso_code="UA", country_code="UA"
    )
    await f.place(
        session,
        slug="donetsk-oblast",
        name="Donetsk Oblast",
        iso_code="UA-14",
        country_code="UA",
        parent_id=ukraine.id,
        aliases=["DNR"],
    )
    await f.place(session, slug="istanbul", name="Istanbul", kind="city", country_code="TR")
    await f.indexed(session)

    detail = PlaceOut.model_validate((await client.get("/v1/places/donetsk-oblast")).json())

    async def slugs(**params: object) -> list[str]:
        body = (await client.get("/v1/places", params=params)).json()  # type: ignore[arg-type]
        return [item["slug"] for item in body["items"]]

    assert detail.parent is not None and detail.parent.iso_code == "UA"
    assert detail.aliases == ["DNR"]
    assert await slugs() == ["donetsk-oblast", "istanbul", "ukraine"]
    assert await slugs(kind="city") == ["istanbul"]
    assert await slugs(country="UA") == ["donetsk-oblast", "ukraine"]
    assert await slugs(q="dnr") == ["donetsk-oblast"]
