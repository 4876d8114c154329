"""Idempotent creates: the first response to an `Idempotency-Key` is kept and replayed.

The key is claimed by inserting its row in the create's own transaction. A retry racing the
first request waits on that row's unique index until the first commits, then finds the stored
response; if the first failed, its claim rolled back with it and the retry goes ahead.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Problem
from app.models import IdempotencyKey

LIFETIME = dt.timedelta(hours=24)
"""How long a key is remembered; after that the same key starts a new create."""


@dataclass(frozen=True)
class Stored:
    status: int
    body: bytes
    location: str | None
    etag: str | None


def request_hash(path: str, body: bytes) -> bytes:
    return hashlib.sha256(path.encode() + b"\n" + body).digest()


async def claim(session: AsyncSession, api_key_id: int, key: str, digest: bytes) -> Stored | None:
    """None when this request may go ahead; the first response when the key was used."""
    if not 1 <= len(key) <= 255:
        raise Problem(400, "invalid-idempotency-key", "An Idempotency-Key has 1 to 255 characters.")
    mine = (IdempotencyKey.api_key_id == api_key_id, IdempotencyKey.key == key)
    await session.execute(
        delete(IdempotencyKey).where(*mine, IdempotencyKey.created_at < func.now() - LIFETIME)
    )
    claimed = await session.execute(
        insert(IdempotencyKey)
        .values(api_key_id=api_key_id, key=key, request_hash=digest)
        .on_conflict_do_nothing()
        .returning(IdempotencyKey.key)
    )
    if claimed.scalar_one_or_none() is not None:
        return None
    row = (await session.execute(select(IdempotencyKey).where(*mine))).scalar_one()
    if row.request_hash != digest:
        raise Problem(
            422,
            "idempotency-key-reused",
            "This Idempotency-Key was used with another request; use a new key for a new one.",
        )
    assert row.status is not None and row.body is not None
    return Stored(row.status, row.body, row.location, row.etag)


async def remember(session: AsyncSession, api_key_id: int, key: str, response: Stored) -> None:
    await session.execute(
        update(IdempotencyKey)
        .where(IdempotencyKey.api_key_id == api_key_id, IdempotencyKey.key == key)
        .values(
            status=response.status,
            body=response.body,
            location=response.location,
            etag=response.etag,
        )
    )
