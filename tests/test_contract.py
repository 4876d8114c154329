"""The OpenAPI document tells the truth: Schemathesis, an independent contract fuzzer, runs every
check over every operation of a seeded Parley behind a real server, reads and (with an editor's
and an admin's key) writes, and finds nothing."""

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI

from app.seed.loader import SeedReport
from tests.serving import app_like, served

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
CONFIG = Path(__file__).with_name("schemathesis.toml")
# `make fuzz` runs it longer, with a fresh seed: PARLEY_CONTRACT_EXAMPLES, PARLEY_CONTRACT_SEED.
EXAMPLES_PER_OPERATION = int(os.environ.get("PARLEY_CONTRACT_EXAMPLES", "50"))
SEED = os.environ.get("PARLEY_CONTRACT_SEED", "1")
WRITE_EXAMPLES = max(1, EXAMPLES_PER_OPERATION // 5)
"""Writes are many more operations, each slower: fewer examples of each."""
REPORT = Path(__file__).resolve().parent.parent / "build" / "schemathesis" / "run.log"


async def _schemathesis(
    app: FastAPI, keys: dict[str, dict[str, str]], methods: list[str], examples: int, work: Path
) -> None:
    """Schemathesis, every check, over the operations of `methods` of `app` behind a real
    server; its output is kept in build/schemathesis/."""
    # A change stream ends after a moment here, as any stream does after PARLEY_STREAM_MAX_S.
    # Every request here shares the test's one connection: a deadline cancelling a query on a
    # slow machine would break it for the requests after, so the deadline is tested elsewhere.
    # The checks send bad keys and many writes from one address: rate limits are tested apart.
    async with (
        app_like(
            app,
            stream_max_s=0.3,
            stream_heartbeat_s=0.1,
            request_timeout_s=120,
            auth_failure_limit="1000000/minute",
            write_limit="1000000/minute",
        ) as parley,
        served(parley) as base,
    ):
        run = await asyncio.create_subprocess_exec(
            str(SCHEMATHESIS),
            "--config-file",
            str(CONFIG),
            "run",
            f"{base}/openapi.json",
            *(option for method in methods for option in ("--include-method", method)),
            "--checks",
            "all",
            "--max-examples",
            str(examples),
            "--workers",
            "1",
            *(["--seed", SEED] if SEED else []),
            "--request-timeout",
            "150",
            # Speed is measured in bench/, not asserted here: only a response slower than the
            # request deadline this app runs with (120 s) would be a defect.
            "--max-response-time",
            "130",
            "--report",
            "junit",
            "--report-dir",
            str(work),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            cwd=work,
            env={
                **os.environ,
                **{
                    f"PARLEY_CONTRACT_{role.upper()}_KEY": key["Authorization"].removeprefix(
                        "Bearer "
                    )
                    for role, key in keys.items()
                },
            },
        )
        output, _ = await run.communicate()
    text = output.decode(errors="replace")
    report = REPORT.with_name(f"{'-'.join(methods).lower()}.log")
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(text)
    assert run.returncode == 0, f"see {report}:\n" + text[-12000:]
    assert " 0 failures" in text or "No issues found" in text or "passed" in text, text[-4000:]


async def test_schemathesis_finds_nothing_on_the_get_operations(
    app: FastAPI,
    seeded: SeedReport,
    editor: dict[str, str],
    admin: dict[str, str],
    tmp_path: Path,
) -> None:
    keys = {"editor": editor, "admin": admin}
    await _schemathesis(app, keys, ["GET"], EXAMPLES_PER_OPERATION, tmp_path)


async def test_schemathesis_finds_nothing_on_the_write_operations(
    app: FastAPI,
    seeded: SeedReport,
    editor: dict[str, str],
    admin: dict[str, str],
    tmp_path: Path,
) -> None:
    keys = {"editor": editor, "admin": admin}
    await _schemathesis(app, keys, ["POST", "PATCH", "DELETE"], WRITE_EXAMPLES, tmp_path)


def operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]


async def test_every_operation_documents_its_problems(client: httpx.AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()
    problem = schema["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail"}
    assert "HTTPValidationError" not in schema["components"]["schemas"]

    for method, path, operation in operations(schema):
        responses = operation["responses"]
        errors = {status for status in responses if status.startswith(("4", "5"))}
        assert "503" in errors, (method, path)
        for status in errors:
            content = responses[status]["content"]
            assert list(content) == ["application/problem+json"], (method, path, status)
            assert content["application/problem+json"]["schema"] == {
                "$ref": "#/components/schemas/Problem"
            }
        if path.startswith("/v1/"):
            assert {"400", "401", "422"} <= errors, (method, path)
        if "{key}" in path:
            assert "404" in errors, (method, path)
        if method != "GET":
            assert {"403", "409"} <= errors and operation["security"] == [{"apiKey": []}]
        if method in ("PATCH", "DELETE") or path.endswith(("publish", "retract", "restore")):
            assert {"412", "428"} <= errors, (method, path)


async def test_operations_have_short_ids_descriptions_and_tags(client: httpx.AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()
    described = {tag["name"] for tag in schema["tags"] if tag.get("description")}
    ids = [operation["operationId"] for _, _, operation in operations(schema)]

    assert len(ids) == len(set(ids))
    assert "listEvents" in ids and "getEvent" in ids and "listTimeline" in ids
    for method, path, operation in operations(schema):
        assert operation["operationId"].isalnum(), (method, path)
        assert operation["summary"] and operation["description"], (method, path)
        assert set(operation["tags"]) <= described, (method, path)
        assert _has_example(operation, schema), (method, path)


def _has_example(operation: dict[str, Any], schema: dict[str, Any]) -> bool:
    """An example of a parameter, of the body (on its schema) or of a response."""
    if any("examples" in p["schema"] or "example" in p for p in operation.get("parameters", [])):
        return True
    for content in [
        operation.get("requestBody", {}).get("content", {}),
        *(response.get("content", {}) for response in operation["responses"].values()),
    ]:
        for media in content.values():
            ref = media.get("schema", {}).get("$ref", "")
            named = schema["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {})
            if "example" in media or "examples" in named:
                return True
    return False
