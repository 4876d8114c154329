"""Servers a load run starts: each in its own process group on a free loopback port, stopped
(the whole group) when its block ends, however it ends."""

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PR_SET_PDEATHSIG = 1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Server:
    name: str
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def worker_pids(self) -> list[int]:
        """uvicorn's worker processes: the spawned children, or the server itself when it
        runs a single worker in its own process."""
        spawned = [pid for pid in children(self.process.pid) if b"spawn_main" in cmdline(pid)]
        return spawned or [self.process.pid]

    def peak_rss_kib(self) -> list[int]:
        return [peak_rss_kib(pid) for pid in self.worker_pids()]


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The fields after the command name, which may itself hold spaces and parentheses.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def peak_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmHWM for process {pid}")


def uvicorn_command(factory: str, port: int, workers: int) -> list[str]:
    """uvicorn as `parley serve` runs it (app/cli.py), for the reference apps."""
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        factory,
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--loop",
        "uvloop",
        "--http",
        "httptools",
        "--no-proxy-headers",
        "--log-level",
        "warning",
    ]


@contextmanager
def running(
    name: str, argv: list[str], env: dict[str, str], port: int, log: Path, *, ready: str
) -> Iterator[Server]:
    """`argv` serving on `port`, once `ready` answers 200; its process group is stopped after."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as output:
        process = subprocess.Popen(
            argv,
            env=env,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_end_with_parent,
        )
    server = Server(name, process, port, log)
    try:
        _wait_ready(server, ready)
        yield server
    finally:
        stop(process)


def _end_with_parent() -> None:
    """In the child: SIGTERM it when the process that started it dies, even by SIGKILL."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _wait_ready(server: Server, path: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited: see {server.log}\n{_tail(server.log)}")
        try:
            if httpx.get(server.base_url + path, timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{server.name} was not ready in {seconds:g} s: see {server.log}")


def stop(process: subprocess.Popen[bytes], grace: float = 20) -> None:
    """SIGTERM to the process group; SIGKILL to whatever of it is left after `grace` seconds."""
    _signal_group(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and _signal_group(process.pid, 0):
        process.poll()  # reaps the leader once it exits, so the group can empty
        time.sleep(0.1)
    _signal_group(process.pid, signal.SIGKILL)
    process.wait()


def _signal_group(pgid: int, sig: int) -> bool:
    """Whether any process of the group was there to be signalled."""
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        return False
    return True


def _tail(log: Path, lines: int = 20) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
