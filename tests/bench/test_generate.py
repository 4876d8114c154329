"""The benchmark generator, run small into a scratch database of its own, read back through
the API: what it writes is what the API serves, every quote stands in its source, search finds
it, the write path accepts it, and a second run replaces it."""

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from app.config import Settings
from app.db import attach, create_engine
from app.editorial.codes import check_iso, country_exists
from app.editorial.keys import create_key
from app.editorial.quotes import span_at
from app.main import create_app
from app.models.enums import KeyRole
from bench.data.actors import BODIES, GROUPS, PUBLICATIONS, STATES
from bench.data.load import SEARCH_FUNCTIONS, connect
from bench.data.ownership import NotGenerated
from bench.data.places import PLACES
from bench.data.schema import snapshot
from bench.generate import fill
from tests.dbserver import PgServer, alembic

COUNT = 300
EVENTS = "SELECT slug, title, summary, date, search FROM events ORDER BY id"


@dataclass
class Scratch:
    url: str
    engine: AsyncEngine
    client: httpx.AsyncClient
    editor: dict[str, str]
    schema: list[tuple[Any, ...]]
    """The schema as the migrations made it, before the first run."""
    generated: list[Any]
    """The events as the first run wrote them."""


async def _query(url: str, sql: str, *args: Any) -> list[Any]:
    connection = await connect(url, {})
    try:
        return list(await connection.fetch(sql, *args))
    finally:
        await connection.close()


@pytest.fixture(scope="module")
def scratch_url(pg_server: PgServer) -> Iterator[str]:
    name = pg_server.create_database("parley_bench")
    url = pg_server.url_for(name)
    alembic("upgrade", url, "head")
    yield url
    pg_server.drop_database(name)


@pytest.fixture(scope="module")
async def scratch(scratch_url: str) -> AsyncIterator[Scratch]:
    connection = await connect(scratch_url, {})
    try:
        schema = await snapshot(connection)
    finally:
        await connection.close()
    await fill(COUNT, scratch_url, progress=False)
    generated = await _query(scratch_url, EVENTS)
    settings = Settings(database_url=scratch_url, statement_timeout_ms=10_000, cache_mb=0)
    engine = create_engine(settings, scratch_url)
    app = create_app(settings)
    attach(app, engine)
    async with engine.begin() as conn:
        key = await create_key(AsyncSession(bind=conn), name="generator-test", role=KeyRole.editor)
    editor = {"Authorization": f"Bearer {key}"}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://parley.test") as client:
        yield Scratch(scratch_url, engine, client, editor, schema, generated)
    await engine.dispose()


async def _all(client: httpx.AsyncClient, path: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = {"limit": 200, **params, **({"cursor": cursor} if cursor else {})}
        response = await client.get(path, params=query)
        assert response.status_code == 200, response.text
        items += response.json()["items"]
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return items


async def _counts(url: str) -> dict[str, int]:
    tables = ("events", "territorial_claims", "negotiations", "outcomes", "citations", "sources")
    rows = await _query(url, " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in tables))
    return {str(name): int(count) for name, count in rows}


async def test_the_api_serves_what_was_generated(scratch: Scratch) -> None:
    counts = await _counts(scratch.url)
    assert counts["events"] == COUNT
    assert counts["territorial_claims"] == COUNT // 10
    assert counts["negotiations"] == 1
    events = await _all(scratch.client, "/v1/events")
    assert len(events) == COUNT
    assert {e["status"] for e in events} <= {"published", "corrected", "retracted"}
    assert len({e["type"] for e in events}) >= 10
    assert len(await _all(scratch.client, "/v1/claims")) == COUNT // 10
    assert len(await _all(scratch.client, "/v1/negotiations")) == 1
    timeline = await _all(scratch.client, "/v1/timeline")
    assert len(timeline) >= COUNT


async def test_claim_groups_are_kept_as_the_triggers_would_keep_them(scratch: Scratch) -> None:
    [(differing, grouped, disabled)] = await _query(
        scratch.url,
        "SELECT (SELECT count(*) FROM territorial_claims t "
        "        WHERE group_key IS DISTINCT FROM parley_claim_group_key(t)), "
        "       (SELECT count(DISTINCT group_key) FROM territorial_claims), "
        "       (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D')",
    )
    assert (differing, disabled) == (0, 0)
    assert 0 < grouped <= COUNT // 10


async def test_every_quote_stands_in_its_source(scratch: Scratch) -> None:
    sources = await _all(scratch.client, "/v1/sources")
    quoted = 0
    for source in sources:
        response = await scratch.client.get(f"/v1/sources/{source['slug']}", headers=scratch.editor)
        detail = response.json()
        for span in detail["citations"]:
            expected = span_at(detail["text"], span["start"], span["end"])
            assert (span["quote"], span["prefix"], span["suffix"]) == (
                expected.quote,
                expected.prefix,
                expected.suffix,
            )
            quoted += 1
    assert quoted == (await _counts(scratch.url))["citations"]


async def test_search_finds_generated_records(scratch: Scratch) -> None:
    event = (await scratch.client.get("/v1/events", params={"limit": 1})).json()["items"][0]
    hits = await scratch.client.get("/v1/search", params={"q": event["title"], "limit": 50})
    assert event["slug"] in [hit["slug"] for hit in hits.json()["items"]]


async def test_search_vectors_are_those_the_app_computes(scratch: Scratch) -> None:
    for table, function in SEARCH_FUNCTIONS.items():
        differing = await _query(
            scratch.url,
            f"SELECT count(*) FROM {table} WHERE search IS DISTINCT FROM {function}(id)",
        )
        assert differing[0][0] == 0, table


async def test_the_write_path_accepts_generated_records(scratch: Scratch) -> None:
    for plural in ("events", "claims", "negotiations"):
        slug = (await scratch.client.get(f"/v1/{plural}", params={"limit": 1})).json()["items"][0][
            "slug"
        ]
        current = await scratch.client.get(f"/v1/{plural}/{slug}", headers=scratch.editor)
        response = await scratch.client.patch(
            f"/v1/{plural}/{slug}",
            json={"summary": "Edited by a test."},
            headers=scratch.editor
            | {
                "If-Match": current.headers["etag"],
                "X-Edit-Reason": "test",
                "X-Correction-Note": "A test edit.",
            },
        )
        assert response.status_code == 200, response.text


async def test_a_second_run_replaces_the_first(scratch: Scratch) -> None:
    """The same rows again (the edits of the test before, and their revisions, gone)."""
    counts = await _counts(scratch.url)
    await fill(COUNT, scratch.url, progress=False)
    assert await _counts(scratch.url) == counts
    assert await _query(scratch.url, EVENTS) == scratch.generated
    assert (await _query(scratch.url, "SELECT count(*) FROM revisions"))[0][0] == 0
    connection = await connect(scratch.url, {})
    try:
        assert await snapshot(connection) == scratch.schema
    finally:
        await connection.close()


async def test_it_refuses_data_it_did_not_write(scratch: Scratch) -> None:
    await _query(
        scratch.url, "INSERT INTO actors (slug, name, kind) VALUES ('curated', 'C', 'body')"
    )
    try:
        with pytest.raises(NotGenerated, match="1 in actors"):
            await fill(COUNT, scratch.url, progress=False)
        assert (await _counts(scratch.url))["events"] == COUNT
    finally:
        await _query(scratch.url, "DELETE FROM actors WHERE slug = 'curated'")


def test_the_gazetteer_holds_real_codes() -> None:
    for place in PLACES:
        assert check_iso(place.kind, place.iso_code, place.country or None) is None, place.slug
    for actor in (*STATES, *BODIES, *GROUPS, *PUBLICATIONS):
        assert actor.country is None or country_exists(actor.country), actor.slug
