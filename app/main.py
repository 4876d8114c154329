"""The ASGI application."""

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request
from secure import (
    ContentSecurityPolicy,
    CrossOriginResourcePolicy,
    PermissionsPolicy,
    ReferrerPolicy,
    Secure,
    StrictTransportSecurity,
    XContentTypeOptions,
    XFrameOptions,
)
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import Response

from app import contract, errors, metrics
from app.actors.router import router as actors_router
from app.cache import GZIP_LEVEL, ResponseCache
from app.claims.router import router as claims_router
from app.config import Settings, get_settings
from app.db import attach, create_engine
from app.editorial.feed import Announcements
from app.editorial.review import Invalid
from app.editorial.router import router as editorial_router
from app.editorial.routes import invalid
from app.errors import problem_response
from app.events.router import router as events_router
from app.find.router import router as search_router
from app.health.router import router as health_router
from app.hotreads import HotReads
from app.ingest.router import router as ingest_router
from app.middleware import BodyLimit, CachedReads, DeadlineMiddleware, ETagMiddleware
from app.negotiations.router import router as negotiations_router
from app.params import refuse_other_media_types, reject_unknown_params
from app.places.router import router as places_router
from app.ratelimit import RateLimits
from app.requestlog import RequestLog, lighten_logging
from app.sources.router import router as sources_router
from app.stats.router import router as stats_router
from app.timeline.router import router as timeline_router

DESCRIPTION = """A cited timeline of prisoner exchanges, body repatriations, negotiations and
territorial claims. Every record says what happened, when (as precisely as its source allows),
who says so, and where in which source it is written."""

GZIP_MINIMUM = 1024
"""Bytes below which a body is sent as it is."""
SECURITY_HEADERS = [
    (name.lower().encode(), value.encode())
    for name, value in Secure(
        # Responses are data, never to be framed, sniffed into another type or sent a referrer;
        # any origin may read them (dashboards and embeds elsewhere), as CORS allows.
        csp=ContentSecurityPolicy().frame_ancestors("'none'"),
        xfo=XFrameOptions().deny(),
        xcto=XContentTypeOptions(),
        referrer=ReferrerPolicy().no_referrer(),
        corp=CrossOriginResourcePolicy().cross_origin(),
        hsts=StrictTransportSecurity().max_age(31_536_000),
        permissions=PermissionsPolicy().geolocation().camera().microphone(),
    ).headers.items()
]
BODY_DRAIN_BYTES = 64 * 1024 * 1024
"""Of a body declared too large, what is read and dropped before the 413; past it, the
connection is closed."""
V1_ROUTERS = (
    timeline_router,
    stats_router,
    search_router,
    events_router,
    editorial_router,
    negotiations_router,
    claims_router,
    actors_router,
    places_router,
    sources_router,
    ingest_router,
)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app. Tests may set `app.state.engine`/`sessionmaker` before startup."""
    settings = settings or get_settings()
    lighten_logging()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if getattr(app.state, "engine", None) is not None:
            yield
            return
        if not settings.database_url:
            raise RuntimeError("DATABASE_URL is not set; start with `parley run`.")
        read_url = settings.read_database_url
        read_engine = create_engine(settings, read_url) if read_url else None
        attach(app, create_engine(settings, settings.database_url), read_engine)
        # What exists now (modules, models, the schema) lives as long as the process: kept out
        # of the collector's full passes, which otherwise walk it all every few thousand
        # requests and show as 30-60 ms in the 99th percentile of cached reads.
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            await app.state.announcements.close()
            await app.state.engine.dispose()
            if read_engine is not None:
                await read_engine.dispose()

    app = FastAPI(
        title="Parley",
        version="1.0.0",
        summary="The cited record of a war's exchanges and negotiations.",
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_tags=contract.TAGS,
        generate_unique_id_function=contract.operation_id,
    )
    app.state.settings = settings
    app.state.engine = None
    app.state.cache = ResponseCache(settings.cache_mb * 1024 * 1024)
    app.state.rate_limits = RateLimits(settings)
    app.state.pool_watch = metrics.PoolWatch()
    app.state.announcements = Announcements(lambda: _asyncpg_dsn(app))
    errors.install(app)
    app.add_exception_handler(Invalid, _on_invalid)
    app.include_router(health_router)
    app.include_router(metrics.router)
    for router in V1_ROUTERS:
        app.include_router(
            router,
            dependencies=[Depends(reject_unknown_params), Depends(refuse_other_media_types)],
        )
    app.add_middleware(ETagMiddleware)
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM, compresslevel=GZIP_LEVEL)
    app.add_middleware(HotReads, enabled=settings.hot_reads, gzip_minimum_size=GZIP_MINIMUM)
    app.add_middleware(CachedReads, gzip_minimum_size=GZIP_MINIMUM)
    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "HEAD", "POST", "PATCH", "DELETE"],
            allow_headers=[
                "Authorization",
                "Content-Type",
                "If-Match",
                "If-None-Match",
                "Idempotency-Key",
                "Last-Event-ID",
                "X-Edit-Reason",
                "X-Correction-Note",
            ],
            expose_headers=["ETag", "Location", "Retry-After", "Idempotent-Replayed"],
            max_age=600,
        )
    app.add_middleware(DeadlineMiddleware, seconds=settings.request_timeout_s)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_kb * 1024, drain=BODY_DRAIN_BYTES)
    app.add_middleware(RequestLog, headers=SECURITY_HEADERS)
    contract.install(app)
    return app


def _asyncpg_dsn(app: FastAPI) -> str:
    """The database the app's engine uses, as a plain PostgreSQL URL for its own connections."""
    url = app.state.engine.url.set(drivername="postgresql")
    return str(url.render_as_string(hide_password=False))


async def _on_invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Invalid)
    return problem_response(invalid(exc), request.url.path)


app = create_app()
