"""Settings, read from `PARLEY_*` environment variables and plain `DATABASE_URL`."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from limits import parse
from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PARLEY_", extra="ignore")

    database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("DATABASE_URL", "PARLEY_DATABASE_URL"),
        description="PostgreSQL URL; unset means an embedded server under data_dir.",
    )
    read_database_url: str | None = Field(
        default=None,
        description="A streaming replica of the database: public reads (GET without a key) "
        "go to it whenever it has replayed every write committed before they began, else to "
        "the primary.",
    )
    database_pooler: Literal["none", "transaction"] = Field(
        default="none",
        description="`transaction`: the database URLs lead to a pooler in transaction mode that "
        "keeps no prepared statements across server connections (pgbouncer before 1.21); "
        "statements are then prepared unnamed and none is sent outside a transaction.",
    )
    data_dir: Path = Field(
        default=Path(".data"), description="Embedded PostgreSQL data lives here."
    )
    host: str = Field(default="127.0.0.1", description="Address `parley run` binds to.")
    port: int = Field(
        default=8000,
        validation_alias=AliasChoices("PORT", "PARLEY_PORT"),
        description="Port `parley run` listens on.",
    )
    workers: int = Field(
        default=2,
        ge=1,
        description="uvicorn worker processes; on 2 cores, 2 served cached pages at 9,500-10,600 "
        "a second with a p99 of 6-7 ms, 1 at 6,300-6,800 with a p99 of 80-100 ms.",
    )
    pool_size: int = Field(default=10, ge=1, description="Connections kept in the pool.")
    pool_max_overflow: int = Field(
        default=0,
        ge=0,
        description="Extra connections under load; each is closed as it is returned, so under "
        "sustained load they are opened and closed request by request.",
    )
    pool_timeout_s: float = Field(default=3.0, gt=0, description="Wait for a pooled connection.")
    connect_timeout_s: float = Field(default=3.0, gt=0, description="Wait to open a connection.")
    statement_timeout_ms: int = Field(default=5000, ge=100, description="Per-statement limit.")
    request_timeout_s: float = Field(
        default=4.5,
        gt=0,
        description="Deadline for a response to start: past it, a 503 problem, sent at once "
        "even when the database does not answer at all.",
    )
    ready_timeout_s: float = Field(default=1.5, gt=0, description="`/readyz` database deadline.")
    cors_origins: str = Field(
        default="",
        description="Origins browsers may call the API from, comma-separated; none by default.",
    )
    stream_heartbeat_s: float = Field(
        default=15.0, gt=0, le=15, description="Seconds between heartbeats of an idle stream."
    )
    stream_max_s: float = Field(
        default=600.0,
        gt=0,
        description="Seconds a change stream stays open; the client then resumes with "
        "Last-Event-ID, so no connection is held for ever.",
    )
    auth_failure_limit: str = Field(
        default="20/minute",
        description="Failed authentications a client address may make (per process); past "
        "it, requests with a key from that address get 429.",
    )
    write_limit: str = Field(
        default="1200/minute",
        description="Write attempts an API key may make (per process); past it, 429. Twenty "
        "editors changing one record at once retry through conflicts some 500 times each in "
        "under a minute here.",
    )
    max_body_kb: int = Field(
        default=1024,
        ge=1,
        description="Largest request body accepted, in KiB; a larger one is a 413 problem.",
    )
    cache_mb: int = Field(
        default=64, ge=0, description="Per-process cache of read bodies, in MiB; 0 turns it off."
    )
    hot_reads: bool = Field(
        default=True,
        description="Unfiltered public pages of events and the timeline answered before "
        "routing (app/hotreads.py); false sends them through their routes.",
    )
    seed_on_run: bool = Field(default=True, description="`parley run` loads the seed first.")
    log_level: str = Field(default="info", description="uvicorn log level.")

    @field_validator("auth_failure_limit", "write_limit")
    @classmethod
    def _rate(cls, value: str) -> str:
        try:
            parse(value)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a rate such as '20/minute'") from exc
        return value


@lru_cache
def get_settings() -> Settings:
    return Settings()
