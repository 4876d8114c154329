"""Programs some tests need besides Python's packages, installed by the project's make targets
(which `.ci/run` calls): where one is missing, its tests are skipped, except under `CI=true`,
where every test must run."""

import os
from typing import NoReturn

import pytest


def unavailable(reason: str, install: str) -> NoReturn:
    """Skip the test, or fail it under CI."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI runs every test; `{install}` installs it)")
    pytest.skip(reason)
