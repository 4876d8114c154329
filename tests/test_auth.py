"""API keys: hashed at rest, checked on every request, roles enforced, never shown again."""

import logging
import threading

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import hash_key, key_prefix, new_key
from app.cli import main
from app.editorial.keys import KeyProblem, create_key, list_keys, revoke_key
from app.models.enums import KeyRole
from tests import factories as f
from tests.dbserver import PgServer


def test_a_key_carries_256_random_bits_and_finds_its_row() -> None:
    keys = {new_key().key for _ in range(200)}
    assert len(keys) == 200
    key = next(iter(keys))
    prefix = key_prefix(key)
    assert prefix is not None and key.startswith(f"pk_{prefix}_")
    assert len(key[len(f"pk_{prefix}_") :]) == 43  # 32 random bytes, base64url
    assert key_prefix(key + "x") is None and key_prefix("pk_nothing") is None
    assert hash_key(key) != hash_key(key[:-1] + ("A" if key[-1] != "A" else "B"))


async def test_only_the_hash_is_stored(session: AsyncSession) -> None:
    key = await create_key(session, name="desk", role=KeyRole.editor)
    row = (await session.execute(text("SELECT * FROM api_keys WHERE name = 'desk'"))).one()
    assert key not in " ".join(str(value) for value in row)
    assert row.hash == hash_key(key)
    with pytest.raises(KeyProblem, match="exists already"):
        await create_key(session, name="desk", role=KeyRole.admin)


async def test_keys_are_listed_without_their_secret_and_revoked(session: AsyncSession) -> None:
    key = await create_key(session, name="night-desk", role=KeyRole.reader)
    await revoke_key(session, "night-desk")
    [info] = [k for k in await list_keys(session) if k.name == "night-desk"]
    assert (info.role, info.revoked_at is not None) == ("reader", True)
    secret = key.split("_", 2)[2]  # base64url: it may hold "_" itself
    assert len(secret) >= 40 and secret not in repr(info)
    with pytest.raises(KeyProblem, match="no active key"):
        await revoke_key(session, "night-desk")


@pytest.mark.parametrize(
    ("header", "error"),
    [
        ("Basic dXNlcjpwYXNz", "invalid_request"),
        ("Bearer", "invalid_request"),
        ("Bearer pk_00000000_" + "A" * 43, "invalid_token"),
        ("Bearer not-a-key", "invalid_token"),
    ],
)
async def test_a_bad_key_is_a_401_with_a_challenge(
    client: httpx.AsyncClient, header: str, error: str
) -> None:
    response = await client.get("/v1/events", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    challenge = response.headers["www-authenticate"]
    assert challenge.startswith('Bearer realm="parley"') and f'error="{error}"' in challenge


async def test_a_revoked_key_can_do_nothing(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    key = await create_key(session, name="gone", role=KeyRole.admin)
    await revoke_key(session, "gone")
    await session.commit()
    response = await client.get("/v1/events", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


async def test_drafts_need_an_editor(
    client: httpx.AsyncClient,
    session: AsyncSession,
    editor: dict[str, str],
    reader: dict[str, str],
) -> None:
    await f.event(session, slug="draft-one", status="draft")
    await f.event(session, slug="public-one")
    await session.commit()

    anonymous = await client.get("/v1/events", params={"status": "draft"})
    as_reader = await client.get("/v1/events", params={"status": "draft"}, headers=reader)
    as_editor = await client.get("/v1/events", params={"status": "draft"}, headers=editor)
    everything = await client.get("/v1/events", headers=editor)
    public = await client.get("/v1/events", headers=reader)

    assert anonymous.status_code == 401 and "www-authenticate" in anonymous.headers
    assert as_reader.status_code == 403
    assert [e["slug"] for e in as_editor.json()["items"]] == ["draft-one"]
    assert {e["slug"] for e in everything.json()["items"]} == {"draft-one", "public-one"}
    assert [e["slug"] for e in public.json()["items"]] == ["public-one"]
    assert (await client.get("/v1/events/draft-one")).status_code == 404
    assert (await client.get("/v1/events/draft-one", headers=editor)).status_code == 200


async def test_keys_never_reach_the_logs(
    client: httpx.AsyncClient, editor: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await client.get("/v1/events", headers=editor)
    await client.get("/v1/events", headers={"Authorization": editor["Authorization"] + "x"})
    secret = editor["Authorization"].removeprefix("Bearer ")
    assert secret not in caplog.text
    assert secret[12:] not in caplog.text


def test_the_cli_prints_the_key_once_on_its_last_line(
    pg_server: PgServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    name = pg_server.create_database("parley_keys")
    monkeypatch.setenv("DATABASE_URL", pg_server.url_for(name))
    from app.config import get_settings

    get_settings.cache_clear()
    results: list[int] = []

    def run(*argv: str) -> str:
        thread = threading.Thread(target=lambda: results.append(main(list(argv))))
        thread.start()
        thread.join()
        return capsys.readouterr().out

    try:
        created = run("keys", "create", "--name", "wire-desk", "--role", "editor")
        key = created.strip().splitlines()[-1]
        assert key_prefix(key) is not None
        listed = run("keys", "list")
        assert "wire-desk\teditor" in listed and key not in listed
        assert "Revoked" in run("keys", "revoke", "wire-desk")
        assert "revoked" in run("keys", "list")
        assert results == [0, 0, 0, 0]
    finally:
        get_settings.cache_clear()
        pg_server.drop_database(name)


async def test_checking_a_key_reads_one_indexed_row(session: AsyncSession) -> None:
    # On a table of a few keys the planner may rightly prefer a scan: the question is only
    # whether the unique index serves the lookup.
    await session.execute(text("SET LOCAL enable_seqscan = off"))
    plan = await session.execute(
        text("EXPLAIN SELECT hash FROM api_keys WHERE prefix = :p"), {"p": "0123abcd"}
    )
    assert "uq_api_keys_prefix" in " ".join(row[0] for row in plan)
