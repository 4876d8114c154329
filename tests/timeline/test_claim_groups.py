"""Claim groups: the stored key follows every write, and pages read groups whole."""

from typing import Any

import httpx
import orjson
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.seed.loader import SeedReport
from app.timeline.service import Shape, claim_rows, groups_whole
from tests.timeline.test_router import entries

NON_RECOGNITION = "ukraine-non-recognition-donetsk"
DEMAND = "2025-05-16-russia-withdrawal-demand-donetsk"


async def claim_groups(client: httpx.AsyncClient, **params: Any) -> list[list[str]]:
    found = await entries(client, record="claim", sort="asc", **params)
    return [[c["slug"] for c in entry["claims"]] for entry in found]


def group_of(groups: list[list[str]], slug: str) -> list[str]:
    [group] = [g for g in groups if slug in g]
    return group


async def move_citation(session: AsyncSession, slug: str, by: int) -> None:
    await session.execute(
        text(
            "UPDATE citations SET start_offset = start_offset + :by, end_offset = end_offset + :by "
            "WHERE claim_id = (SELECT id FROM territorial_claims WHERE slug = :slug)"
        ),
        {"slug": slug, "by": by},
    )
    await session.commit()


async def test_a_claim_leaves_and_rejoins_its_group_with_its_citation(
    client: httpx.AsyncClient, session: AsyncSession, seeded: SeedReport
) -> None:
    # The non-recognition claims name no event: they are one statement by the span they cite.
    assert len(group_of(await claim_groups(client), NON_RECOGNITION)) == 5

    await move_citation(session, NON_RECOGNITION, 1)
    moved = await claim_groups(client)
    assert group_of(moved, NON_RECOGNITION) == [NON_RECOGNITION]
    assert len(group_of(moved, "ukraine-non-recognition-luhansk")) == 4

    await move_citation(session, NON_RECOGNITION, -1)
    assert len(group_of(await claim_groups(client), NON_RECOGNITION)) == 5


async def test_a_claim_without_its_citation_leaves_its_group(
    client: httpx.AsyncClient, session: AsyncSession, seeded: SeedReport
) -> None:
    await session.execute(
        text(
            "DELETE FROM citations WHERE claim_id = "
            "(SELECT id FROM territorial_claims WHERE slug = :slug)"
        ),
        {"slug": NON_RECOGNITION},
    )
    await session.commit()
    assert group_of(await claim_groups(client), NON_RECOGNITION) == [NON_RECOGNITION]


async def test_a_retracted_claim_is_an_entry_of_its_own(
    client: httpx.AsyncClient, editor: dict[str, str], seeded: SeedReport
) -> None:
    path = f"/v1/claims/{DEMAND}"
    current = await client.get(path, headers=editor)
    assert current.status_code == 200, current.text
    retracted = await client.post(
        f"{path}/retract",
        json={"note": "The demand was misreported."},
        headers=editor | {"If-Match": current.headers["etag"]},
    )
    assert retracted.status_code == 200, retracted.text

    groups = await claim_groups(client)
    assert group_of(groups, DEMAND) == [DEMAND]
    assert len(group_of(groups, "2025-05-16-russia-withdrawal-demand-luhansk")) == 3


async def test_pages_read_the_groups_that_grouping_every_claim_finds(
    client: httpx.AsyncClient, session: AsyncSession, seeded: SeedReport
) -> None:
    await move_citation(session, NON_RECOGNITION, 1)
    shape = Shape(record=("claim",), given=frozenset(), match="overlap", editor=False)
    assert groups_whole(shape)
    every = claim_rows(shape).subquery()
    rows = (await session.execute(select(every.c.id, every.c.item))).all()
    grouped = sorted(sorted(c["slug"] for c in orjson.loads(item)["claims"]) for _, item in rows)

    for limit in (1, 2, 50):
        paged: list[list[str]] = []
        cursor = None
        while True:
            response = await client.get(
                "/v1/timeline",
                params={"record": "claim", "limit": limit} | ({"cursor": cursor} if cursor else {}),
            )
            page = response.json()
            paged += [sorted(c["slug"] for c in e["claims"]) for e in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert sorted(paged) == grouped
        assert len(grouped) == 6
