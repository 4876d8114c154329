"""Fixtures for the seed tests: the seed loaded into the test's transaction, a copy to break."""

import shutil
from pathlib import Path

import pytest

from app.seed.loader import default_seed_dir

SOURCE = "pravda-ru-2025-05-23-prisoner-exchange"


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A copy of `seed_data/` a test may edit."""
    target = tmp_path / "seed_data"
    shutil.copytree(default_seed_dir(), target)
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` (which must be there) in a seed file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
