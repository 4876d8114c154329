"""The app behind a real server, and variants of the test app with other settings."""

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI
from starlette.types import ASGIApp

from app.config import Settings
from app.main import create_app
from tests.dbserver import ROOT


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
    port = free_port()
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Process:
    """`parley serve` in a process of its own, on a free port, with settings from `environment`
    over the tests' own."""

    def __init__(self, url: str, **environment: str) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve"],
            env={
                **os.environ,
                "DATABASE_URL": url,
                "PARLEY_PORT": str(self.port),
                "PARLEY_WORKERS": "1",
                "PARLEY_LOG_LEVEL": "warning",
                **environment,
            },
            cwd=ROOT,
        )
        self.base_url = f"http://127.0.0.1:{self.port}"

    async def ready(self) -> None:
        async with httpx.AsyncClient(base_url=self.base_url) as client:
            for _ in range(200):
                with contextlib.suppress(httpx.TransportError):
                    if (await client.get("/readyz")).status_code == 200:
                        return
                await asyncio.sleep(0.05)
        raise AssertionError("parley serve did not become ready")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
