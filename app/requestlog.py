"""One structured log line per request, its metrics, and the headers every response carries.

The line says the method, path, status, duration, request id and the name of the API key
used, never the key. The request id is the client's `X-Request-ID` when it is a plain token,
else a new one; either way it is sent back in `X-Request-ID`."""

import datetime as dt
import logging
import os
import re
import time
from typing import Any

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import metrics

log = logging.getLogger("parley.access")

_REQUEST_ID = re.compile(rb"[A-Za-z0-9._-]{1,64}")

LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "app.requestlog.JsonLines"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stderr"], "level": "INFO"},
    "loggers": {"uvicorn.access": {"level": "WARNING"}},
}
"""What `parley serve` logs with: every record a JSON object on one line."""


class JsonLines(logging.Formatter):
    """Each record as one JSON object on one line: time, level, logger, message, and the
    fields a record carries (`extra={"fields": {...}}`). Written with orjson and without
    searching the record for extras, it costs a few microseconds, as a line per request must."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            line.update(fields)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(line, default=str).decode()


def lighten_logging() -> None:
    """What the logging HOWTO's "Optimization" section lists, for what these lines never say
    (the caller's file and line, thread and process): a third of a line's cost."""
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    logging._srcfile = None


class RequestLog:
    """Logs and counts each request, and adds `headers` (the security headers) to every
    response, its own `X-Request-ID` among them."""

    def __init__(self, app: ASGIApp, *, headers: list[tuple[bytes, bytes]]) -> None:
        self.app = app
        self.headers = headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = _request_id(scope)
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [
                    *message.get("headers", []),
                    *self.headers,
                    (b"x-request-id", request_id),
                ]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            seconds = time.perf_counter() - started
            state = scope.get("state", {})
            metrics.record(scope["method"], _route(scope, state), status, seconds)
            app_state = scope["app"].state
            app_state.pool_watch.maybe_record(getattr(app_state, "engine", None))
            log.info(
                "request",
                extra={
                    "fields": {
                        "method": scope["method"],
                        "path": scope["path"],
                        "status": status,
                        "duration_ms": round(seconds * 1000, 2),
                        "request_id": request_id.decode(),
                        "key_name": state.get("key_name"),
                    }
                },
            )


def _request_id(scope: Scope) -> bytes:
    for name, value in scope["headers"]:
        if name == b"x-request-id" and _REQUEST_ID.fullmatch(value):
            return bytes(value)
    return os.urandom(16).hex().encode()


def _route(scope: Scope, state: dict[str, Any]) -> str:
    """The route's path template (bounded label values), `(cache)` for a read answered from
    the cache before routing, `(none)` for anything no route took."""
    route = scope.get("route")
    if route is not None:
        return str(getattr(route, "path", "(none)"))
    return "(cache)" if state.get("cached") else "(none)"
