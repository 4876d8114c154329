"""pytest-alembic's fixtures: the repository's migrations, on a fresh database of their own."""

from collections.abc import Iterator
from typing import Any

import pytest
from pytest_alembic.config import Config
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from app.db import async_url
from tests.dbserver import ROOT, PgServer


@pytest.fixture
def alembic_config() -> Config:
    return Config(config_options={"file": str(ROOT / "alembic.ini")})


@pytest.fixture
def alembic_engine(pg_server: PgServer) -> Iterator[Any]:
    name = pg_server.create_database("parley_alembic")
    # No pool: each migration step runs in an event loop of its own.
    yield create_async_engine(async_url(pg_server.url_for(name)), poolclass=NullPool)
    pg_server.drop_database(name)
