"""A lean FastAPI + asyncpg handler: each page's captured statement on a plain asyncpg pool, its
body assembled as Parley assembles it, and nothing else. `bench.load` serves it with uvicorn
(`--factory bench.lean:from_environment`), the spec in the JSON file BENCH_LEAN_SPEC names:
`{"dsn", "min_size", "max_size", "server_settings", "pages": [{"path", "statement",
"limit", "cursor_name"}]}`.
"""

import base64
import datetime as dt
import json
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
import orjson
from fastapi import FastAPI
from starlette.responses import Response

from bench.statements import Statement, from_json

SPEC = "BENCH_LEAN_SPEC"


def page_body(rows: Sequence[Sequence[Any]], *, limit: int, cursor_name: str | None) -> bytes:
    """`{"items":[…],"next_cursor":…}` from rows of keyset values followed by one item's JSON
    text; a row past `limit` means another page follows."""
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        keys = [v.isoformat() if isinstance(v, dt.date) else v for v in rows[-1][:-1]]
        payload = orjson.dumps([cursor_name, *keys])
        next_cursor = base64.urlsafe_b64encode(payload).rstrip(b"=").decode()
    items = b",".join(row[-1].encode() for row in rows)
    return b'{"items":[' + items + b'],"next_cursor":' + orjson.dumps(next_cursor) + b"}"


def create_app(spec: dict[str, Any]) -> FastAPI:
    pools: list[Any] = []

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        pool = await asyncpg.create_pool(
            spec["dsn"],
            min_size=spec["min_size"],
            max_size=spec["max_size"],
            server_settings=spec["server_settings"],
        )
        pools.append(pool)
        try:
            yield
        finally:
            await pool.close()

    def handler(
        statement: Statement, limit: int, cursor_name: str | None
    ) -> Callable[[], Awaitable[Response]]:
        async def page() -> Response:
            rows = await pools[0].fetch(statement.sql, *statement.args)
            body = page_body(rows, limit=limit, cursor_name=cursor_name)
            return Response(body, media_type="application/json")

        return page

    app = FastAPI(lifespan=lifespan)
    for page in spec["pages"]:
        (statement,) = from_json([page["statement"]])
        app.add_api_route(
            page["path"], handler(statement, page["limit"], page["cursor_name"]), methods=["GET"]
        )
    return app


def from_environment() -> FastAPI:
    return create_app(json.loads(Path(os.environ[SPEC]).read_text()))
