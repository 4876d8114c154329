"""Rate limits on what an attacker would repeat: failed authentications, per client address,
and writes, per API key. Past a limit, a 429 problem with `Retry-After`.

The counts are kept in each process (moving windows of the `limits` library): N processes allow
N times the configured rate, which the defaults leave room for."""

import math
import time

from limits import RateLimitItem, parse
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string
from starlette.requests import Request

from app.config import Settings
from app.errors import Problem


class RateLimits:
    def __init__(self, settings: Settings) -> None:
        storage = storage_from_string("async+memory://")
        self._limiter = MovingWindowRateLimiter(storage)
        self._auth_failures = parse(settings.auth_failure_limit)
        self._writes = parse(settings.write_limit)

    async def refuse_blocked_address(self, request: Request) -> None:
        """A 429 for a client address past its limit of failed authentications."""
        address = _address(request)
        if not await self._limiter.test(self._auth_failures, "auth", address):
            raise await self._too_many(
                self._auth_failures, ("auth", address), "Too many failed authentications"
            )

    async def failed_authentication(self, request: Request) -> None:
        await self._limiter.hit(self._auth_failures, "auth", _address(request))

    async def write(self, key_id: int) -> None:
        """Counts a write by the key `key_id`; a 429 past the key's limit."""
        if not await self._limiter.hit(self._writes, "write", str(key_id)):
            raise await self._too_many(self._writes, ("write", str(key_id)), "Too many writes")

    async def _too_many(
        self, item: RateLimitItem, identifiers: tuple[str, ...], what: str
    ) -> Problem:
        stats = await self._limiter.get_window_stats(item, *identifiers)
        wait = max(1, math.ceil(stats.reset_time - time.time()))
        return Problem(
            429,
            "too-many-requests",
            f"{what}: at most {item.amount} per {item.get_expiry()} s; try again in {wait} s.",
            headers={"Retry-After": str(wait)},
        )


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
