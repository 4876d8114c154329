"""Liveness and readiness."""

import asyncio

from fastapi import APIRouter, Request
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.errors import Problem

router = APIRouter(tags=["operations"])


@router.get("/healthz", summary="The process is up")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="The database answers")
async def readyz(request: Request) -> dict[str, str]:
    engine: AsyncEngine = request.app.state.engine
    timeout = request.app.state.settings.ready_timeout_s
    try:
        async with asyncio.timeout(timeout):
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
    except Exception as exc:
        raise Problem(
            503,
            "database-unavailable",
            f"The database did not answer within {timeout:g} s.",
            headers={"Retry-After": "5"},
        ) from exc
    return {"status": "ready"}
