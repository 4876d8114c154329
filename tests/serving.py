"""The app behind a real server, and variants of the test app with other settings."""

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from typing import Any

import uvicorn
from fastapi import FastAPI
from starlette.types import ASGIApp

from app.config import Settings
from app.main import create_app


@contextlib.asynccontextmanager
async def app_like(app: FastAPI, **changes: Any) -> AsyncIterator[FastAPI]:
    """Another app on the same database and sessions as `app`, with some settings changed."""
    settings: Settings = app.state.settings
    variant = create_app(settings.model_copy(update=changes))
    variant.state.engine = app.state.engine
    variant.state.sessionmaker = app.state.sessionmaker
    try:
        yield variant
    finally:
        await variant.state.announcements.close()


@contextlib.asynccontextmanager
async def served(app: ASGIApp) -> AsyncIterator[str]:
    """The app behind a real uvicorn on a free loopback port; yields its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 (uvicorn offers no event to wait on)
        await asyncio.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
