"""A primary and a streaming replica of its own, from the embedded PostgreSQL's programs: the
primary started as `parley run` starts one, the replica cloned from it with `pg_basebackup`."""

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from app.embedded import start_embedded


@dataclass(frozen=True)
class Replicated:
    primary_url: str
    replica_url: str


def _run(server: Any, program: str, *args: str) -> None:
    subprocess.run(
        [str(server.bin_path / program), *args],
        check=True,
        capture_output=True,
        user=server.system_user,
        timeout=60,
    )


def _owned(server: Any, path: Path) -> Path:
    path.mkdir(mode=0o700)
    if server.system_user is not None:
        user = pwd.getpwnam(server.system_user)
        os.chown(path, user.pw_uid, user.pw_gid)
    return path


@contextlib.contextmanager
def replicated() -> Iterator[Replicated]:
    root = Path(tempfile.mkdtemp(prefix="parley-replica-"))
    os.chmod(root, 0o755)
    server, url = start_embedded(root / "primary", cleanup="delete")
    replica = _owned(server, root / "replica")
    try:
        primary = make_url(url)
        socket_dir = str(primary.query["host"])
        _run(server, "pg_basebackup", "-D", str(replica), "-R", "-X", "stream",
             "-h", socket_dir, "-p", str(primary.port or 5432), "-U", "postgres")  # fmt: skip
        sockets = _owned(server, root / "replica-socket")
        port = str((primary.port or 5432) + 1)
        options = f"-p {port} -k {sockets} -c listen_addresses=''"
        _run(server, "pg_ctl", "-w", "-D", str(replica), "-o", options, "-l",
             str(sockets / "replica.log"), "start")  # fmt: skip
        replica_url = primary.set(query={"host": str(sockets)}, port=int(port))
        yield Replicated(url, replica_url.render_as_string(hide_password=False))
    finally:
        with contextlib.suppress(subprocess.CalledProcessError, FileNotFoundError):
            _run(server, "pg_ctl", "-w", "-D", str(replica), "-m", "immediate", "stop")
        server.cleanup()
        time.sleep(0.1)
        shutil.rmtree(root, ignore_errors=True)
