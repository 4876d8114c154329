"""Pure ASGI middleware: strong ETags with 304s, cached public reads answered before routing,
and a deadline on every request."""

import asyncio
import contextlib
import gzip
import logging
from typing import Any

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.cache import (
    GZIP_LEVEL,
    Cached,
    Position,
    ResponseCache,
    Snapshots,
    etag_of,
    key_of,
)
from app.errors import Problem, problem_response

log = logging.getLogger(__name__)


def _matches(if_none_match: str, etag: str) -> bool:
    if if_none_match.strip() == "*":
        return True
    candidates = (tag.strip().removeprefix("W/") for tag in if_none_match.split(","))
    return etag in candidates


def _streamed(start: Message) -> bool:
    """A response sent as it is made (a stream, an export): it has no Content-Length."""
    return "content-length" not in Headers(raw=start.get("headers", []))


def _caching(scope: Scope) -> list[tuple[bytes, bytes]]:
    """Public reads may be stored by shared caches but are revalidated every time (their ETag
    makes that a 304), so a read after a write never gets an older page; what a key holder
    reads is for them alone."""
    private = Headers(scope=scope).get("authorization") is not None
    policy = b"private, no-cache" if private else b"public, no-cache"
    return [
        (b"cache-control", policy),
        # Accept-Encoding is added by the compression middleware to what it compresses.
        (b"vary", b"Authorization, Accept, Origin"),
    ]


def _with_caching(scope: Scope, start: Message) -> Message:
    """A streamed success gets the caching rules of any read, unless it set its own."""
    headers = list(start.get("headers", []))
    if start["status"] != 200 or any(k.lower() == b"cache-control" for k, _ in headers):
        return start
    return {**start, "headers": headers + _caching(scope)}


class ETagMiddleware:
    """Gives every successful GET a strong ETag of its body (unless the route gave one) and
    answers 304 when it matches; streamed responses pass untouched and carry none.

    HEAD is served as the GET it stands for, without the body.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        start: dict[str, Any] = {}
        chunks: list[bytes] = []
        streaming = False

        async def buffer(message: Message) -> None:
            nonlocal streaming
            if message["type"] == "http.response.start":
                start.update(message)
                if _streamed(message):
                    streaming = True
                    await send(_with_caching(scope, message))
            elif streaming:
                await send(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    await self._finish(scope, start, b"".join(chunks), send, head=head)
            else:
                await send(message)

        await self.app(scope, receive, buffer)

    @staticmethod
    async def _finish(
        scope: Scope, start: dict[str, Any], body: bytes, send: Send, *, head: bool
    ) -> None:
        given = [v for k, v in start.get("headers", []) if k.lower() == b"etag"]
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"etag"]
        status = start["status"]
        if status == 200:
            etag = given[0].decode() if given else etag_of(body)
            headers.append((b"etag", etag.encode()))
            headers += _caching(scope)
            inm = ",".join(Headers(scope=scope).getlist("if-none-match"))
            if inm and _matches(inm, etag):
                headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
                await send({"type": "http.response.start", "status": 304, "headers": headers})
                await send({"type": "http.response.body", "body": b""})
                return
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if head else body})


class CachedReads:
    """Answers a public GET whose body the cache holds for the current snapshot, before routing,
    parameters and sessions: what the route would answer (as `app.reads.read_json` stored it,
    with what `ETagMiddleware` and `GZipMiddleware` would make of it: a 304, or the body gzipped
    once for every client that asks). Anything else, or a snapshot that cannot be read, goes on
    to the app."""

    def __init__(self, app: ASGIApp, *, gzip_minimum_size: int) -> None:
        self.app = app
        self.gzip_minimum_size = gzip_minimum_size

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            state = scope["app"].state
            cache: ResponseCache = state.cache
            snapshots: Snapshots | None = getattr(state, "snapshots", None)
            if cache.enabled and snapshots is not None and not carries_key(scope):
                position: Position | None = None
                hit = None
                with contextlib.suppress(Exception):
                    position = await snapshots.current()
                    hit = cache.get(key_of(position.snapshot, "public", scope))
                if hit is not None:
                    scope.setdefault("state", {})["cached"] = True
                    await send_json(scope, send, hit, gzip_minimum_size=self.gzip_minimum_size)
                    return
                if position is not None:
                    scope.setdefault("state", {})["snapshot"] = position.snapshot
        await self.app(scope, receive, send)


async def send_json(
    scope: Scope, send: Send, body: Cached, *, gzip_minimum_size: int, kept: bool = True
) -> None:
    """What a read route answers with `body`, once `ETagMiddleware` and `GZipMiddleware` have
    made of it what they would: a 304 when the client has it, else the body, gzipped for a
    client that asks once it is large enough (at the highest level when it is `kept` for
    other requests, else as `GZipMiddleware` would)."""
    if_none_match: list[str] = []
    accept_encoding: str | None = None
    for name, value in scope["headers"]:
        if name == b"if-none-match":
            if_none_match.append(value.decode("latin-1"))
        elif name == b"accept-encoding" and accept_encoding is None:
            accept_encoding = value.decode("latin-1")
    (cache_control, (vary_name, vary)) = _caching(scope)
    headers = [(b"content-type", b"application/json"), (b"etag", body.etag.encode()), cache_control]
    if if_none_match and _matches(",".join(if_none_match), body.etag):
        headers.append((vary_name, vary))
        await send({"type": "http.response.start", "status": 304, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
        return
    content = body.body
    encoding = []
    if len(content) >= gzip_minimum_size:
        vary += b", Accept-Encoding"
        if "gzip" in (accept_encoding or ""):
            content = body.compressed() if kept else gzip.compress(content, GZIP_LEVEL, mtime=0)
            encoding = [(b"content-encoding", b"gzip")]
    headers += [(vary_name, vary), *encoding, (b"content-length", str(len(content)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": content})


def carries_key(scope: Scope) -> bool:
    """Whether the request sends an `Authorization` header (a key holder reads privately)."""
    return any(name == b"authorization" for name, _ in scope["headers"])


class DeadlineMiddleware:
    """Bounds every request in time until its response starts; past the deadline, a 503 problem,
    or a 408 if the request's body has not all arrived.

    The problem is sent at the deadline itself, then the handler is cancelled: whatever it
    must still do to give its connection back (a rollback to a server that does not answer,
    say) goes on after the client has its answer. A streamed response (Server-Sent Events, an
    export) is bounded only until its first byte: from then on it sends data, or heartbeats,
    as it goes."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds
        self._answering: set[asyncio.Task[None]] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = answered = False
        body_pending = scope["method"] not in ("GET", "HEAD")
        handler = asyncio.current_task()
        assert handler is not None

        async def receiving() -> Message:
            nonlocal body_pending
            message = await receive()
            if message["type"] != "http.request" or not message.get("more_body", False):
                body_pending = False
            return message

        async def tracking(message: Message) -> None:
            nonlocal started
            if answered:
                raise asyncio.CancelledError
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        def expire() -> None:
            nonlocal answered
            if started:
                return
            answered = True
            answer = asyncio.get_running_loop().create_task(
                self._answer(scope, receive, send, body_pending)
            )
            self._answering.add(answer)
            answer.add_done_callback(self._answering.discard)
            handler.cancel()

        timer = asyncio.get_running_loop().call_later(self.seconds, expire)
        try:
            await self.app(scope, receiving if body_pending else receive, tracking)
        except asyncio.CancelledError:
            if not answered:
                raise
            handler.uncancel()
        finally:
            timer.cancel()

    async def _answer(self, scope: Scope, receive: Receive, send: Send, body_pending: bool) -> None:
        if body_pending:
            problem = Problem(
                408,
                "request-timeout",
                f"The body did not arrive within {self.seconds:g} s (it is shorter than its "
                "Content-Length says, or sent too slowly).",
                headers={"Connection": "close"},
            )
        else:
            problem = Problem(
                503,
                "deadline-exceeded",
                f"The request took longer than {self.seconds:g} s; try again shortly.",
                headers={"Retry-After": "5"},
            )
        await problem_response(problem, scope.get("path"))(scope, receive, send)


class BodyLimit:
    """Request bodies up to `max_bytes`; past it, a 413 problem.

    A body declared too large (`Content-Length`) is refused before anything reads it; it is
    read and dropped first, up to `drain` bytes, so the client, still sending, reads the answer
    rather than a reset connection. A body sent without a length is cut off as it is read."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, drain: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.drain = drain

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is None and not _chunked(scope):
            await self.app(scope, receive, send)  # no body can follow
            return
        if declared is not None and declared > self.max_bytes:
            await self._drain(receive)
            problem = Problem(
                413,
                "content-too-large",
                f"The body declares {declared} bytes; at most {self.max_bytes} are accepted.",
                headers={"Connection": "close"},
            )
            await problem_response(problem, scope.get("path"))(scope, receive, send)
            return
        read = 0

        async def counted() -> Message:
            nonlocal read
            message = await receive()
            read += len(message.get("body", b""))
            if read > self.max_bytes:
                raise HTTPException(413, f"The body is over {self.max_bytes} bytes.")
            return message

        await self.app(scope, counted, send)

    async def _drain(self, receive: Receive) -> None:
        read = 0
        while read <= self.drain:
            message = await receive()
            read += len(message.get("body", b""))
            if message["type"] != "http.request" or not message.get("more_body", False):
                return


def _chunked(scope: Scope) -> bool:
    return any(name == b"transfer-encoding" for name, _ in scope["headers"])


def _declared_length(scope: Scope) -> int | None:
    value = Headers(scope=scope).get("content-length")
    return int(value) if value is not None and value.isdigit() else None
