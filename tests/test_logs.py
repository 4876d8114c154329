"""The search the test run makes of its own logs finds what it must."""

import logging

import pytest

from app.auth import new_key
from tests.logs import Kept


@pytest.mark.parametrize(
    "leak",
    [
        new_key().key,
        "Authorization: Bearer abcdefghijklmnopqrstuvwxyz",
        "postgresql+asyncpg://parley:hunter2@db:5432/parley",
    ],
)
def test_a_secret_logged_anywhere_is_found(leak: str) -> None:
    kept = Kept()
    logger = logging.getLogger("tests.leaky")
    logger.addHandler(kept)
    logger.propagate = False  # the run's own search must not find this one
    try:
        logger.warning("connected", extra={"detail": leak})
    finally:
        logger.removeHandler(kept)
        logger.propagate = True

    assert kept.secrets()


def test_names_and_plain_urls_are_not_secrets() -> None:
    kept = Kept()
    kept.lines = ["key_name=test-editor-1 postgresql://postgres@127.0.0.1:5432/test"]

    assert kept.secrets() == []
