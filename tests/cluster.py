"""A PostgreSQL server of the test's own, from the embedded server's programs, that the test
may restart, freeze and thaw while the app talks to it."""

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.embedded import start_embedded


@dataclass
class Cluster:
    server: Any
    url: str

    @property
    def data_dir(self) -> Path:
        return Path(self.server.pgdata)

    def pg_ctl(self, *args: str) -> None:
        subprocess.run(
            [str(self.server.bin_path / "pg_ctl"), "-D", str(self.data_dir), *args],
            check=True,
            capture_output=True,
            user=self.server.system_user,
            timeout=60,
        )

    def restart(self, mode: str) -> None:
        """`pg_ctl restart -m mode`, returning once the server accepts connections again."""
        self.pg_ctl("-w", "-m", mode, "-l", str(self.data_dir / "log"), "restart")

    def processes(self) -> list[int]:
        """The postmaster and every process it started."""
        postmaster = int((self.data_dir / "postmaster.pid").read_text().split()[0])
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = (entry / "stat").read_text()
                parent = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry.name))
        found, todo = [], [postmaster]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo.extend(children.get(pid, []))
        return found

    def signal_all(self, signum: signal.Signals) -> None:
        for pid in self.processes():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signum)

    @contextlib.contextmanager
    def frozen(self) -> Iterator[None]:
        """Every process of the server stopped (SIGSTOP) until the block ends."""
        self.signal_all(signal.SIGSTOP)
        try:
            yield
        finally:
            self.signal_all(signal.SIGCONT)


@contextlib.contextmanager
def cluster() -> Iterator[Cluster]:
    root = Path(tempfile.mkdtemp(prefix="parley-cluster-"))
    os.chmod(root, 0o755)
    server, url = start_embedded(root / "pg", cleanup="delete")
    try:
        yield Cluster(server, url)
    finally:
        with contextlib.suppress(ProcessLookupError, FileNotFoundError, ValueError):
            Cluster(server, url).signal_all(signal.SIGCONT)
        server.cleanup()
        time.sleep(0.1)
        shutil.rmtree(root, ignore_errors=True)
