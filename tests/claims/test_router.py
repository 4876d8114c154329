"""Claims: always attributed, with counter-positions, and filterable."""

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.claims.schemas import ClaimOut
from app.models import ClaimCounter
from tests import factories as f


async def test_claim_is_attributed_with_counter_position(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    src = await f.source(session)
    russia = await f.actor(session, slug="russia", name="Russia")
    ukraine = await f.actor(session, slug="ukraine", name="Ukraine")
    putin = await f.actor(session, slug="vladimir-putin", name="Vladimir Putin", kind="person")
    lnr = await f.place(session, slug="luhansk", iso_code="UA-09")
    control = await f.claim(session, russia, putin, lnr, slug="lnr-control", value=99)
    refusal = await f.claim(
        session,
        ukraine,
        ukraine,
        lnr,
        slug="no-recognition",
        kind="non_recognition",
        value=None,
        unit=None,
        as_of="2022",
    )
    await f.add(session, ClaimCounter(claim_id=refusal.id, counter_id=control.id))
    await f.citation(session, src, "controlled 99% of the region", claim_id=control.id)
    await session.commit()

    claim = ClaimOut.model_validate((await client.get("/v1/claims/lnr-control")).json())
    other = ClaimOut.model_validate((await client.get(f"/v1/claims/{refusal.id}")).json())

    assert claim.attribution == "According to Vladimir Putin, as of March 2025"
    assert (claim.claimant.slug, claim.stated_by.slug) == ("russia", "vladimir-putin")
    assert (float(claim.value or 0), claim.unit, claim.qualifier) == (99.0, "percent", "exact")
    assert [c.slug for c in claim.counter_positions] == ["no-recognition"]
    assert [c.slug for c in other.counter_positions] == ["lnr-control"]
    assert [c.quote for c in claim.citations] == ["controlled 99% of the region"]
    assert claim.place.iso_code == "UA-09"


async def test_claim_filters(client: httpx.AsyncClient, session: AsyncSession) -> None:
    russia = await f.actor(session, slug="russia")
    ukraine = await f.actor(session, slug="ukraine")
    putin = await f.actor(session, slug="putin", kind="person")
    country = await f.place(session, slug="ukraine-country", kind="country", iso_code="UA")
    lnr = await f.place(session, slug="luhansk", parent_id=country.id)
    crimea = await f.place(session, slug="crimea", parent_id=country.id)
    await f.claim(session, russia, putin, lnr, slug="lnr-control", as_of="2025-03")
    await f.claim(
        session,
        ukraine,
        ukraine,
        crimea,
        slug="crimea-refusal",
        kind="non_recognition",
        value=None,
        unit=None,
        as_of="2024",
    )
    await session.commit()

    async def slugs(**params: object) -> list[str]:
        response = await client.get("/v1/claims", params=params)  # type: ignore[arg-type]
        assert response.status_code == 200, response.text
        return [item["slug"] for item in response.json()["items"]]

    assert await slugs() == ["lnr-control", "crimea-refusal"]
    assert await slugs(place="crimea") == ["crimea-refusal"]
    assert await slugs(place="ukraine-country") == ["lnr-control", "crimea-refusal"]
    assert await slugs(claimant="russia") == ["lnr-control"]
    assert await slugs(stated_by="putin") == ["lnr-control"]
    assert await slugs(kind="non_recognition") == ["crimea-refusal"]
    assert await slugs(as_of="2025-03-15") == ["lnr-control"]
    assert await slugs(as_of="2024-06") == ["crimea-refusal"]
    assert await slugs(as_of="2023") == []


async def test_percent_out_of_range_is_refused_by_the_database(session: AsyncSession) -> None:
    import pytest
    from sqlalchemy.exc import IntegrityError

    russia = await f.actor(session)
    where = await f.place(session)
    with pytest.raises(IntegrityError, match="percent_range"):
        await f.claim(session, russia, russia, where, value=120)
