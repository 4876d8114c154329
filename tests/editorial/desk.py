"""A small newsroom for write tests: a source, the actors and places it names, and bodies to
send, built as a client would build them."""

import asyncio
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.db import create_engine, create_sessionmaker
from app.editorial.keys import create_key
from app.models.enums import KeyRole
from tests import factories as f
from tests.dbserver import in_thread

SOURCE = "wire-2025-05-17"
TEXT = (
    "On May 16 the delegations met in Istanbul. According to the ministry, 270 servicemen "
    "returned to Russia. The same number went to Ukraine. Moscow demanded more. "
    "The ministry said 99% of the region was controlled."
)


async def newsroom(session: AsyncSession) -> None:
    await f.source(session, slug=SOURCE, text=TEXT, publisher="Test Wire")
    await f.actor(session, slug="russia", name="Russia", kind="state", country_code="RU")
    await f.actor(session, slug="ukraine", name="Ukraine", kind="state", country_code="UA")
    await f.actor(session, slug="ministry", name="The Ministry", kind="body", country_code="RU")
    await f.actor(session, slug="wire", name="Test Wire", kind="publication", country_code="GB")
    await f.place(session, slug="istanbul", name="Istanbul", kind="city", country_code="TR")
    await f.place(session, slug="region", name="The Region", kind="region", iso_code="UA-14")
    await session.commit()


def newsroom_at(url: str, editor: str) -> str:
    """The newsroom committed in the database at `url`, with an editor's key named `editor`;
    the key."""

    async def prepare() -> str:
        engine = create_engine(Settings(database_url=url), url)
        try:
            async with create_sessionmaker(engine)() as session:
                await newsroom(session)
                key = await create_key(session, name=editor, role=KeyRole.editor)
                await session.commit()
                return key
        finally:
            await engine.dispose()

    return in_thread(lambda: asyncio.run(prepare()))


def cite(quote: str, **fields: Any) -> dict[str, Any]:
    return {"quote": quote, "source": SOURCE, **fields}


def event_body(slug: str = "may-exchange", **fields: Any) -> dict[str, Any]:
    return {
        "slug": slug,
        "type": "prisoner_exchange",
        "title": "Exchange: 270 servicemen return to Russia, the ministry says",
        "date": "2025-05-16",
        "stated_by": "ministry",
        "participants": [
            {"actor": "russia", "role": "party"},
            {"actor": "ukraine", "role": "party"},
        ],
        "places": [{"place": "istanbul", "role": "location"}],
        "quantities": [
            {
                "category": "military",
                "recipient": "russia",
                "value": 270,
                "stated_by": "ministry",
                "is_best": True,
                "citations": [cite("270 servicemen", field="value")],
            }
        ],
        "citations": [cite("According to the ministry, 270 servicemen returned to Russia.")],
        **fields,
    }


def claim_body(slug: str = "region-control", **fields: Any) -> dict[str, Any]:
    return {
        "slug": slug,
        "kind": "control_extent",
        "title": "The ministry says Russia controls 99% of the region",
        "claimant": "russia",
        "stated_by": "ministry",
        "place": "region",
        "value": 99,
        "unit": "percent",
        "as_of": "2025-05",
        "citations": [
            cite("The ministry said 99% of the region was controlled."),
            cite("99% of the region", field="value"),
        ],
        **fields,
    }


async def create(
    client: httpx.AsyncClient, key: dict[str, str], path: str, body: dict[str, Any]
) -> httpx.Response:
    response = await client.post(path, json=body, headers=key)
    assert response.status_code == 201, response.text
    return response


async def publish(client: httpx.AsyncClient, key: dict[str, str], path: str) -> httpx.Response:
    current = await client.get(path, headers=key)
    response = await client.post(
        f"{path}/publish", headers={**key, "If-Match": current.headers["etag"]}
    )
    assert response.status_code == 200, response.text
    return response
