"""The machine and the versions a run is measured with, and the command that ran it."""

import os
import platform
import shlex
import sys
from collections.abc import Mapping
from importlib.metadata import version
from pathlib import Path

from sqlalchemy.engine import make_url

PACKAGES = ("uvicorn", "fastapi", "starlette", "sqlalchemy", "asyncpg", "pydantic", "orjson")
COMMAND_VARIABLES = ("DATABASE_URL", "PARLEY_DATA_DIR", "PARLEY_WORKERS", "PARLEY_CACHE_MB")


def machine() -> dict[str, object]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in cpuinfo.splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    memory = _meminfo_kib("MemTotal")
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory_gib": round(memory / 1024 / 1024, 1) if memory else None,
        "kernel": platform.release(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def _meminfo_kib(field: str) -> int | None:
    meminfo = Path("/proc/meminfo")
    if not meminfo.exists():
        return None
    for line in meminfo.read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return None


def versions() -> dict[str, str]:
    return {"python": platform.python_version()} | {p: version(p) for p in PACKAGES}


def command(environ: Mapping[str, str]) -> str:
    """The command line that started this run, with the variables that shape it."""
    shown = [
        f"{name}={shlex.quote(_hide_password(environ[name]) if 'URL' in name else environ[name])}"
        for name in sorted(environ)
        if name.startswith("BENCH_") or name in COMMAND_VARIABLES
    ]
    started = "make bench" if "MAKELEVEL" in environ else "python -m " + _module()
    return " ".join([*shown, started, *map(shlex.quote, sys.argv[1:])])


def _module() -> str:
    main = sys.modules["__main__"]
    spec = getattr(main, "__spec__", None)
    return spec.name if spec is not None else Path(sys.argv[0]).stem


def _hide_password(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(hidden)"
