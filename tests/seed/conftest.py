"""Fixtures for the seed tests: the seed loaded into the test's transaction, a copy to break."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.seed.loader import SeedReport, default_seed_dir, run_seed

SOURCE = "pravda-ru-2025-05-23-prisoner-exchange"


@pytest.fixture
async def seeded(session: AsyncSession) -> SeedReport:
    """The repository's seed, loaded (and committed to the test's outer transaction)."""
    report = await run_seed(session, seed_dir=default_seed_dir(), dry_run=False)
    await session.commit()
    return report


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
