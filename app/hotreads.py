"""The pages every dashboard and embed asks for, answered before routing.

A GET without a key to `/v1/events` or `/v1/timeline` whose query string holds only a valid
`limit`, `cursor` (and, for the timeline, `sort`), and that asks for JSON, is the newest (or
next) page with nothing to look up: it is answered here by the service the route calls, with
the same body, ETag, 304, compression and problems, without FastAPI's routing and parameter
resolution, the route's dependencies or an ORM session (together about as much of a
worker's CPU as the page's own Python). Anything else, a value the route would refuse
included, goes on to the route, which checks and answers it; `tests/test_hotreads.py` holds
the two to the same answers.
"""

import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker
from starlette.types import ASGIApp, Receive, Scope, Send

from app.cache import Cached, ResponseCache, etag_of, key_of
from app.errors import Problem, problem_of, problem_response
from app.events import service as events
from app.middleware import carries_key, send_json
from app.pagination import DEFAULT_LIMIT, MAX_LIMIT
from app.prepared import Reader, pooled
from app.timeline import export
from app.timeline import service as timeline

_LIMIT = re.compile(r"[1-9][0-9]{0,2}")
_CURSOR = re.compile(r"[A-Za-z0-9_-]{1,510}={0,2}")
"""The values the routes' own checks (`Limit`, `Cursor`) accept, in their plainest spelling."""


@dataclass(frozen=True)
class Lane:
    params: frozenset[str]
    read: Callable[[Reader, Mapping[str, str]], Awaitable[bytes]]
    negotiated: bool = False
    """Whether `Accept` may ask for an export instead (which the route answers)."""


def _limit(query: Mapping[str, str]) -> int:
    return int(query.get("limit", DEFAULT_LIMIT))


LANES = {
    "/v1/events": Lane(
        frozenset({"limit", "cursor"}),
        lambda reader, q: events.public_page(reader, limit=_limit(q), cursor=q.get("cursor")),
    ),
    "/v1/timeline": Lane(
        frozenset({"limit", "cursor", "sort"}),
        lambda reader, q: timeline.public_page(
            reader,
            descending=q.get("sort", "desc") == "desc",
            limit=_limit(q),
            cursor=q.get("cursor"),
        ),
        negotiated=True,
    ),
}


def _valid(name: str, value: str) -> bool:
    if name == "limit":
        return _LIMIT.fullmatch(value) is not None and int(value) <= MAX_LIMIT
    if name == "cursor":
        return _CURSOR.fullmatch(value) is not None
    return value in ("asc", "desc")  # sort


def _query(scope: Scope, lane: Lane) -> dict[str, str] | None:
    """The query, when every parameter is one the lane takes, given once, with a valid value."""
    query: dict[str, str] = {}
    for name, value in parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True):
        if name not in lane.params or name in query or not _valid(name, value):
            return None
        query[name] = value
    return query


def _wants_json(scope: Scope) -> bool:
    accept = [value for name, value in scope["headers"] if name == b"accept"]
    if len(accept) > 1:
        return False
    try:
        chosen, _ = export.choose(None, accept[0].decode("latin-1") if accept else None)
    except Problem:
        return False
    return chosen.writer is None


class HotReads:
    """Answers the lanes' requests (see the module's docstring); `enabled=False` sends every
    request to its route."""

    def __init__(self, app: ASGIApp, *, enabled: bool, gzip_minimum_size: int) -> None:
        self.app = app
        self.enabled = enabled
        self.gzip_minimum_size = gzip_minimum_size

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        lane = self._lane(scope)
        query = _query(scope, lane) if lane is not None else None
        if lane is None or query is None:
            await self.app(scope, receive, send)
            return
        state = scope["app"].state
        cache: ResponseCache = state.cache
        sessionmaker: async_sessionmaker[AsyncSession] = state.sessionmaker
        bind = sessionmaker.kw["bind"]

        async def render() -> bytes:
            # A connection of the engine the routes' sessions use (no session: one statement
            # is a transaction of its own); or the very connection they are bound to, if so.
            if isinstance(bind, AsyncConnection):
                return await lane.read(bind, query)
            async with pooled(bind) as connection:
                return await lane.read(connection, query)

        try:
            if cache.enabled:
                snapshot = scope["state"]["snapshot"]  # read by `CachedReads` for this request
                body = await cache.shared(key_of(snapshot, "public", scope), render)
                assert body is not None, "a page is never missing"
            else:
                page = await render()
                body = Cached(page, etag_of(page))
        except Exception as exc:  # answered as the route's exception handlers would
            await problem_response(problem_of(exc, scope["path"]), scope["path"])(
                scope, receive, send
            )
            return
        await send_json(
            scope, send, body, gzip_minimum_size=self.gzip_minimum_size, kept=cache.enabled
        )

    def _lane(self, scope: Scope) -> Lane | None:
        if not self.enabled or scope["type"] != "http" or scope["method"] != "GET":
            return None
        lane = LANES.get(scope["path"])
        if lane is None:
            return None
        state = scope["app"].state
        if getattr(state, "read_sessionmaker", None) is not None:
            return None  # a replica may serve it: the route decides
        if carries_key(scope):
            return None
        if state.cache.enabled and "snapshot" not in scope.get("state", {}):
            return None  # the snapshot could not be read: the route reads it, or answers why
        if lane.negotiated and not _wants_json(scope):
            return None
        return lane
