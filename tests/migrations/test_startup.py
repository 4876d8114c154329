"""Processes starting together on an empty database (replicas, a deploy) migrate and seed one
at a time: every one of them succeeds and the seed is stored once."""

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from app.models import Event
from tests.dbserver import ROOT, PgServer
from tests.migrations.test_migrations import _inspect

STARTING = 3


@pytest.fixture
def empty_url(pg_server: PgServer) -> Iterator[str]:
    name = pg_server.create_database("parley_startup")
    yield pg_server.url_for(name)
    pg_server.drop_database(name)


def test_processes_starting_together_migrate_and_seed_in_turn(empty_url: str) -> None:
    environment = {**os.environ, "DATABASE_URL": empty_url}
    starting = [
        subprocess.Popen(
            [sys.executable, "-m", "app.cli", "seed"],
            env=environment,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(STARTING)
    ]
    outcomes = [(p.communicate(timeout=120)[0], p.returncode) for p in starting]

    assert [code for _, code in outcomes] == [0] * STARTING, outcomes
    events = _inspect(
        empty_url,
        lambda c: (
            c.execute(select(func.count()).select_from(Event)).scalar_one(),
            c.execute(select(func.count(func.distinct(Event.slug)))).scalar_one(),
        ),
    )
    assert events[0] == events[1] > 0
