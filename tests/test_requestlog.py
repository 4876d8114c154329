"""One JSON-ready log record per request, with its request id and key name, and metrics."""

import logging

import httpx
import pytest

ACCESS = "parley.access"


def _records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == ACCESS]


async def test_each_request_logs_one_line_with_its_id_and_key_name(
    client: httpx.AsyncClient, editor: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=ACCESS)
    public = await client.get("/v1/events", headers={"X-Request-ID": "trace-42"})
    keyed = await client.get("/v1/events?status=draft", headers=editor)
    missing = await client.get("/v1/events/no-such-event")

    first, second, third = (r.fields for r in _records(caplog))  # type: ignore[attr-defined]
    assert public.headers["x-request-id"] == "trace-42"
    assert (first["method"], first["path"], first["status"], first["request_id"]) == (
        "GET",
        "/v1/events",
        200,
        "trace-42",
    )
    assert first["key_name"] is None
    assert first["duration_ms"] >= 0
    assert second["key_name"].startswith("test-editor-")
    assert second["request_id"] == keyed.headers["x-request-id"]
    assert len(second["request_id"]) == 32
    assert third["status"] == missing.status_code == 404
    key = editor["Authorization"].removeprefix("Bearer ")
    assert all(key not in str(vars(r)) for r in caplog.records)


async def test_a_request_id_that_is_not_a_plain_token_is_replaced(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/healthz", headers={"X-Request-ID": "a b<script>"})

    assert response.headers["x-request-id"] != "a b<script>"
    assert len(response.headers["x-request-id"]) == 32


async def test_metrics_need_an_admin_key_and_count_requests_by_route(
    client: httpx.AsyncClient, admin: dict[str, str], editor: dict[str, str]
) -> None:
    await client.get("/v1/events")
    await client.get("/v1/events/no-such-event")
    anonymous = await client.get("/metrics")
    as_editor = await client.get("/metrics", headers=editor)
    scraped = await client.get("/metrics", headers=admin)

    assert anonymous.status_code == 401
    assert as_editor.status_code == 403
    assert scraped.status_code == 200
    assert scraped.headers["content-type"].startswith("text/plain")
    text = scraped.text
    assert 'parley_requests_total{method="GET",route="/v1/events",status="200"}' in text
    assert 'route="/v1/events/{key}",status="404"' in text
    assert "parley_request_duration_seconds_bucket" in text
    assert 'parley_db_pool_connections{state="checked_out"}' in text


def test_a_line_is_one_json_object_with_its_fields() -> None:
    import json

    from app.requestlog import JsonLines

    record = logging.LogRecord(ACCESS, logging.INFO, "", 0, "request", None, None)
    record.fields = {"method": "GET", "status": 200, "key_name": None}

    line = JsonLines().format(record)

    assert "\n" not in line
    parsed = json.loads(line)
    assert parsed["message"] == "request" and parsed["logger"] == ACCESS
    assert (parsed["method"], parsed["status"], parsed["key_name"]) == ("GET", 200, None)
    assert parsed["time"].endswith("+00:00")
