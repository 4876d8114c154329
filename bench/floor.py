"""The HTTP floor: bare FastAPI answering each page's path with the bytes Parley served for it.
`bench.load` serves it with uvicorn (`--factory bench.floor:from_environment`); the JSON file
BENCH_FLOOR_SPEC names maps each path to the file holding its body."""

import json
import os
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI
from starlette.responses import Response

SPEC = "BENCH_FLOOR_SPEC"


def create_app(bodies: dict[str, bytes]) -> FastAPI:
    def handler(body: bytes) -> Callable[[], Awaitable[Response]]:
        async def page() -> Response:
            return Response(body, media_type="application/json")

        return page

    app = FastAPI()
    for path, body in bodies.items():
        app.add_api_route(path, handler(body), methods=["GET"])
    return app


def from_environment() -> FastAPI:
    files: dict[str, str] = json.loads(Path(os.environ[SPEC]).read_text())
    return create_app({path: Path(file).read_bytes() for path, file in files.items()})
