"""Issuing, listing and revoking API keys; only their hashes are stored."""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import new_key
from app.models import ApiKey
from app.models.enums import KeyRole


@dataclass(frozen=True)
class KeyInfo:
    name: str
    role: str
    prefix: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None


class KeyProblem(ValueError):
    """A key operation that cannot be done (a name taken, no such key)."""


async def create_key(session: AsyncSession, *, name: str, role: KeyRole) -> str:
    """Issue a key and return it; this is the only time it is seen."""
    if not name.strip():
        raise KeyProblem("a key needs a name")
    taken = await session.scalar(select(ApiKey.id).where(ApiKey.name == name))
    if taken is not None:
        raise KeyProblem(f"a key named {name!r} exists already")
    issued = new_key()
    await session.execute(
        insert(ApiKey).values(name=name, role=role.value, prefix=issued.prefix, hash=issued.hash)
    )
    return issued.key


async def list_keys(session: AsyncSession) -> list[KeyInfo]:
    query = select(ApiKey.name, ApiKey.role, ApiKey.prefix, ApiKey.created_at, ApiKey.revoked_at)
    return [KeyInfo(*row) for row in (await session.execute(query.order_by(ApiKey.id))).all()]


async def revoke_key(session: AsyncSession, name: str) -> None:
    result = await session.execute(
        update(ApiKey)
        .where(ApiKey.name == name, ApiKey.revoked_at.is_(None))
        .values(revoked_at=func.now())
        .returning(ApiKey.id)
    )
    if result.scalar_one_or_none() is None:
        raise KeyProblem(f"no active key named {name!r}")
