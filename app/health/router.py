"""Liveness and readiness."""

import asyncio

from fastapi import APIRouter, Request
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.errors import Problem

router = APIRouter(tags=["operations"])


@router.get(
    "/healthz",
    summary="The process is up",
    responses={200: {"content": {"application/json": {"example": {"status": "ok"}}}}},
)
async def healthz() -> dict[str, str]:
    """Answers while the process runs; it does not touch the database."""
    return {"status": "ok"}


@router.get(
    "/readyz",
    summary="The database answers",
    responses={200: {"content": {"application/json": {"example": {"status": "ready"}}}}},
)
async def readyz(request: Request) -> dict[str, str]:
    """Answers once the database does; 503 if it does not within `PARLEY_READY_TIMEOUT_S`."""
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
