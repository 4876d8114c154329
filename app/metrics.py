"""Prometheus metrics: requests, their latency, and the database pool, at `GET /metrics`.

With several worker processes, each writes its samples under `PROMETHEUS_MULTIPROC_DIR` (set by
`parley serve`) and a scrape, answered by any one of them, adds up all of them."""

import os
import time
from typing import Any

from fastapi import APIRouter, Request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.responses import Response

from app.auth import Admin

REQUESTS = Counter("parley_requests_total", "Requests answered.", ["method", "route", "status"])
LATENCY = Histogram(
    "parley_request_duration_seconds",
    "Time from a request's arrival to the end of its response.",
    ["method", "route"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
POOL = Gauge(
    "parley_db_pool_connections",
    "Database connections of the pool, by state.",
    ["state"],
    multiprocess_mode="livesum",
)
POOL_EVERY_S = 1.0
"""How often a process writes its pool's state (on a request, not on a timer)."""

router = APIRouter(tags=["operations"])

EXAMPLE = """# HELP parley_requests_total Requests answered.
# TYPE parley_requests_total counter
parley_requests_total{method="GET",route="/v1/events",status="200"} 1027.0
"""


class PoolWatch:
    def __init__(self) -> None:
        self.last = 0.0

    def maybe_record(self, engine: AsyncEngine | None) -> None:
        now = time.monotonic()
        if engine is None or now - self.last < POOL_EVERY_S:
            return
        self.last = now
        pool = engine.sync_engine.pool
        checked_out = int(getattr(pool, "checkedout", lambda: 0)())
        idle = int(getattr(pool, "checkedin", lambda: 0)())
        POOL.labels("checked_out").set(checked_out)
        POOL.labels("idle").set(idle)


_counted: dict[tuple[str, str, int], Any] = {}
_timed: dict[tuple[str, str], Any] = {}


def record(method: str, route: str, status: int, seconds: float) -> None:
    """Counts and times one request (each label set's series looked up once per process)."""
    counter = _counted.get((method, route, status))
    if counter is None:
        counter = _counted[(method, route, status)] = REQUESTS.labels(method, route, str(status))
    latency = _timed.get((method, route))
    if latency is None:
        latency = _timed[(method, route)] = LATENCY.labels(method, route)
    counter.inc()
    latency.observe(seconds)


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={
        200: {"content": {CONTENT_TYPE_LATEST: {"schema": {"type": "string"}, "example": EXAMPLE}}}
    },
)
async def metrics(request: Request, _admin: Admin) -> Response:
    """Requests by route and status, latency histograms and the database pool, in Prometheus's
    text format; for an admin's key (a scraper sends it as a bearer token)."""
    request.app.state.pool_watch.maybe_record(getattr(request.app.state, "engine", None))
    registry = REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
