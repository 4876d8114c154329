"""What every read route shares: who may see drafts, and cached JSON bodies with their ETags."""

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Query, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from app.auth import Principal
from app.cache import ResponseCache, etag_of, key_of, snapshot
from app.errors import Problem
from app.models.enums import RecordStatus

At = Annotated[
    dt.datetime | None,
    Query(
        description="RFC 3339 time: the record as the public could read it then (from its "
        "revisions); 404 if it was not public at that moment."
    ),
]

StatusFilter = Annotated[
    list[RecordStatus],
    Query(description="Editorial status; repeatable. `draft` needs an editor's key."),
]


def is_editor(viewer: Principal | None) -> bool:
    return viewer is not None and viewer.is_editor


def wanted_statuses(requested: list[RecordStatus], viewer: Principal | None) -> list[str]:
    """The statuses a list filters on; asking for drafts needs an editor's key."""
    if RecordStatus.draft in requested and not is_editor(viewer):
        status = 401 if viewer is None else 403
        raise Problem(
            status,
            "unauthorized" if status == 401 else "forbidden",
            "Drafts are for editors: send an editor's API key to list them.",
            errors=[{"location": "query", "name": "status", "message": "needs an editor's key"}],
            headers={"WWW-Authenticate": 'Bearer realm="parley"'} if status == 401 else None,
        )
    return [s.value for s in requested]


async def read_json(
    request: Request,
    session: AsyncSession,
    viewer: Principal | None,
    render: Callable[[], Awaitable[bytes | None]],
    *,
    missing: Callable[[], Problem] | None = None,
) -> Response:
    """The JSON body `render` builds, from the cache when this snapshot has read it already."""
    cache: ResponseCache = request.app.state.cache
    if not cache.enabled:
        body = await render()
        if body is None:
            raise _missing(missing)
        return _json(body, etag_of(body))
    audience = "editor" if is_editor(viewer) else "public"
    # The primary's snapshot read for this request already, if any: by `CachedReads`, or to
    # route it to a replica (app/db.py); the body is read at it or later.
    seen = getattr(request.state, "snapshot", None) or await snapshot(session)
    entry = await cache.shared(key_of(seen, audience, request.scope), render)
    if entry is None:
        raise _missing(missing)
    return _json(entry.body, entry.etag)


def _missing(missing: Callable[[], Problem] | None) -> Problem:
    assert missing is not None, "only a single record can be missing"
    return missing()


def _json(body: bytes, etag: str) -> Response:
    return Response(body, media_type="application/json", headers={"ETag": etag})
