"""API keys on requests: `Authorization: Bearer KEY`, checked against its stored hash.

A key is `pk_<prefix>_<secret>`: the prefix finds the row, the SHA-256 of the whole key is
compared in constant time, and 256 random bits make a slow hash unnecessary.
"""

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import select

from app.db import Session
from app.errors import Problem
from app.models import ApiKey
from app.models.enums import ROLE_RANK, KeyRole
from app.ratelimit import RateLimits

SCHEME = "Bearer"
_PREFIX_LENGTH = 8
_NO_HASH = bytes(32)


@dataclass(frozen=True)
class NewKey:
    key: str
    prefix: str
    hash: bytes


def new_key() -> NewKey:
    """A fresh key: a hex prefix that finds it, then 256 random bits of URL-safe secret."""
    prefix = secrets.token_hex(_PREFIX_LENGTH // 2)
    secret = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")
    key = f"pk_{prefix}_{secret}"
    return NewKey(key, prefix, hash_key(key))


def hash_key(key: str) -> bytes:
    return hashlib.sha256(key.encode()).digest()


_KEY = re.compile(rf"pk_([0-9a-f]{{{_PREFIX_LENGTH}}})_[A-Za-z0-9_-]{{43}}")


def key_prefix(key: str) -> str | None:
    """The prefix of a well-formed key, else None."""
    m = _KEY.fullmatch(key)
    return m.group(1) if m else None


@dataclass(frozen=True)
class Principal:
    """Who sent the request, by the name and role of their key."""

    id: int
    name: str
    role: KeyRole

    def can(self, role: KeyRole) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[role]

    @property
    def is_editor(self) -> bool:
        return self.can(KeyRole.editor)


def _unauthorized(detail: str, error: str | None = "invalid_token") -> Problem:
    challenge = f'{SCHEME} realm="parley"' + (f', error="{error}"' if error else "")
    return Problem(401, "unauthorized", detail, headers={"WWW-Authenticate": challenge})


async def current_principal(request: Request, session: Session) -> Principal | None:
    """The request's key holder; None without an `Authorization` header; 401 for a bad key."""
    header = request.headers.get("authorization")
    if header is None:
        return None
    limits: RateLimits = request.app.state.rate_limits
    await limits.refuse_blocked_address(request)
    scheme, _, key = header.partition(" ")
    key = key.strip()
    if scheme.lower() != SCHEME.lower() or not key:
        await limits.failed_authentication(request)
        raise _unauthorized("Send the API key as `Authorization: Bearer KEY`.", "invalid_request")
    prefix = key_prefix(key)
    row = None
    if prefix is not None:
        query = select(ApiKey.id, ApiKey.name, ApiKey.role, ApiKey.hash, ApiKey.revoked_at)
        row = (await session.execute(query.where(ApiKey.prefix == prefix))).one_or_none()
    # The hash is compared even when no key has the prefix, so both failures take as long.
    stored = row.hash if row is not None else _NO_HASH
    if not hmac.compare_digest(stored, hash_key(key)) or row is None:
        await limits.failed_authentication(request)
        raise _unauthorized("The API key is not valid.")
    if row.revoked_at is not None:
        await limits.failed_authentication(request)
        raise _unauthorized("The API key has been revoked.")
    request.state.key_name = row.name
    return Principal(row.id, row.name, KeyRole(row.role))


Viewer = Annotated[Principal | None, Depends(current_principal)]
"""Whoever reads: None for the public, or a key holder (editors see drafts)."""


def require(role: KeyRole):  # type: ignore[no-untyped-def]
    async def check(request: Request, principal: Viewer) -> Principal:
        if principal is None:
            raise _unauthorized(f"This needs an API key with the role {role.value}.", None)
        if not principal.can(role):
            raise Problem(
                403,
                "forbidden",
                f"The key {principal.name!r} has the role {principal.role.value}; "
                f"this needs {role.value}.",
            )
        if request.method not in ("GET", "HEAD"):
            limits: RateLimits = request.app.state.rate_limits
            await limits.write(principal.id)
        return principal

    check.required_role = role  # type: ignore[attr-defined]
    return check


Editor = Annotated[Principal, Depends(require(KeyRole.editor))]
Admin = Annotated[Principal, Depends(require(KeyRole.admin))]
