"""wrk: installing it, running it, and reading the JSON line `bench/wrk.lua` prints."""

import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from bench.results import Round

SCRIPT = Path(__file__).with_name("wrk.lua")
MARKER = "WRK_JSON "


def parse(output: str) -> Round:
    """The round `bench/wrk.lua` reported in wrk's output."""
    for line in output.splitlines():
        if line.startswith(MARKER):
            report = json.loads(line.removeprefix(MARKER))
            latency = report["latency_us"]
            timed = report["requests"] > 0
            return Round(
                requests=report["requests"],
                seconds=report["duration_us"] / 1e6,
                p50_ms=latency["p50"] / 1000 if timed else None,
                p99_ms=latency["p99"] / 1000 if timed else None,
                mean_ms=latency["mean"] / 1000 if timed else None,
                errors=sum(report["errors"].values()),
                bytes=report["bytes"],
            )
    raise ValueError(f"wrk printed no {MARKER.strip()} line:\n{output}")


def command(
    url: str,
    *,
    seconds: int,
    connections: int,
    threads: int,
    headers: Sequence[tuple[str, str]] = (),
) -> list[str]:
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s"]
    for name, value in headers:
        argv += ["-H", f"{name}: {value}"]
    return [*argv, "-s", str(SCRIPT), url]


def run(
    url: str,
    *,
    seconds: int,
    connections: int,
    threads: int,
    headers: Sequence[tuple[str, str]] = (),
) -> Round:
    argv = command(url, seconds=seconds, connections=connections, threads=threads, headers=headers)
    done = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60, check=True)
    return parse(done.stdout)


def ensure_installed() -> None:
    """wrk from Debian's package when it is missing and we may install it (root, apt-get)."""
    if shutil.which("wrk"):
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SystemExit("bench needs wrk (Debian package 'wrk'); install it, or run as root")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "wrk"]
    if subprocess.run(install, env=env, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True, check=True)
        subprocess.run(install, env=env, capture_output=True, check=True)


def version() -> str:
    shown = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
    return shown.splitlines()[0].split(" [")[0].removeprefix("wrk ") if shown else "unknown"
