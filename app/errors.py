"""RFC 9457 problem details: the one error shape of the API."""

import logging
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

log = logging.getLogger(__name__)

PROBLEM_BASE = "https://parley.example/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"

TITLES = {
    400: "Bad request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    408: "Request timeout",
    409: "Conflict",
    412: "Precondition failed",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Invalid parameters",
    428: "Precondition required",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
    504: "Gateway timeout",
}


class Problem(Exception):
    """Raise anywhere to answer with a problem+json."""

    def __init__(
        self,
        status: int,
        slug: str,
        detail: str,
        *,
        title: str | None = None,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.slug = slug
        self.detail = detail
        self.title = title or TITLES.get(status, "Error")
        self.errors = errors
        self.headers = headers or {}


def invalid_parameter(name: str, message: str, *, where: str = "query") -> Problem:
    return Problem(
        422,
        "invalid-parameters",
        f"Parameter {name!r}: {message}",
        errors=[{"location": where, "name": name, "message": message}],
    )


def problem_response(problem: Problem, instance: str | None = None) -> Response:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + problem.slug,
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
    }
    if instance:
        body["instance"] = instance
    if problem.errors is not None:
        body["errors"] = problem.errors
    return Response(
        orjson.dumps(body),
        status_code=problem.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=problem.headers,
    )


MALFORMED_BODY = "malformed-body"
_UNPARSED = "There was an error parsing the body"
"""What FastAPI says of a body it could not decode at all (bad UTF-8, nesting too deep)."""


def _malformed(exc: RequestValidationError) -> Problem | None:
    """A 400 for a body that is not JSON at all, rather than a 422 for JSON with bad values."""
    invalid = [e for e in exc.errors() if e.get("type") == "json_invalid"]
    if not invalid:
        return None
    reason = invalid[0].get("ctx", {}).get("error", "not JSON")
    return Problem(
        400,
        MALFORMED_BODY,
        f"The body is not valid JSON: {reason}.",
        errors=[{"location": "body", "name": "body", "message": str(reason)}],
    )


def _validation_problem(exc: RequestValidationError) -> Problem:
    malformed = _malformed(exc)
    if malformed is not None:
        return malformed
    errors = []
    for err in exc.errors():
        loc = [str(part) for part in err.get("loc", ())]
        where = loc[0] if loc else "request"
        error = {
            "location": where,
            "name": loc[1] if len(loc) > 1 else where,
            "message": err.get("msg", "invalid"),
        }
        if len(loc) > 2:
            error["path"] = ".".join(loc[2:])
        errors.append(error)
    names = ", ".join(sorted({e["name"] for e in errors}))
    return Problem(422, "invalid-parameters", f"Invalid value for: {names}", errors=errors)


UNAVAILABLE = Problem(
    503,
    "database-unavailable",
    "The database did not answer in time; try again shortly.",
    headers={"Retry-After": "5"},
)


# Query canceled (statement_timeout), server shutting down or refusing connections, too many
# connections, connection exceptions: the database is unavailable, not the request wrong.
_TRANSIENT_SQLSTATES = ("57014", "57P01", "57P02", "57P03", "53300", "08", "40001", "40P01")
"""Also a serialization failure or a deadlock: the same request may well succeed again."""


def _sqlstate(exc: DBAPIError) -> str:
    code = getattr(exc.orig, "pgcode", None) or getattr(exc.orig, "sqlstate", None)
    return code if isinstance(code, str) else ""


def _transient(exc: DBAPIError) -> bool:
    return _sqlstate(exc).startswith(_TRANSIENT_SQLSTATES)


_UNAVAILABLE_ERRORS = (OperationalError, InterfaceError, PoolTimeoutError, TimeoutError, OSError)


def problem_of(exc: Exception, path: str) -> Problem:
    """The problem any other exception is answered with: the database's failures are a 503
    (a value out of range a 422, a refused change a 409), anything else a logged 500."""
    if isinstance(exc, Problem):
        return exc
    if isinstance(exc, _UNAVAILABLE_ERRORS) or (
        isinstance(exc, DBAPIError) and (exc.connection_invalidated or _transient(exc))
    ):
        log.warning("database unavailable: %s", exc)
        return UNAVAILABLE
    if isinstance(exc, DBAPIError) and _sqlstate(exc).startswith("22"):
        return Problem(422, "invalid-value", "A value is out of the range it may take.")
    if isinstance(exc, IntegrityError):
        return Problem(
            409,
            "conflict",
            "The database refuses this change: it conflicts "
            "with a record already stored, or a constraint on the data.",
        )
    log.exception("unhandled error on %s", path, exc_info=exc)
    return Problem(500, "internal-error", "Something went wrong on our side.")


def install(app: FastAPI) -> None:
    async def on_problem(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Problem)
        return problem_response(exc, request.url.path)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        slug = TITLES.get(exc.status_code, "error").lower().replace(" ", "-")
        detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "")
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"No resource at {request.url.path}"
        if exc.status_code == 400 and detail == _UNPARSED:
            slug = MALFORMED_BODY
            detail = "The body is not JSON that can be read: bad UTF-8, or nested too deeply."
        problem = Problem(exc.status_code, slug, detail, headers=dict(exc.headers or {}))
        return problem_response(problem, request.url.path)

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return problem_response(_validation_problem(exc), request.url.path)

    async def on_other(request: Request, exc: Exception) -> Response:
        return problem_response(problem_of(exc, request.url.path), request.url.path)

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    # Each class by name, so it is answered inside the middleware (which logs and times it);
    # `Exception` alone is answered outside it all, then raised again.
    for exc_type in (*_UNAVAILABLE_ERRORS, DBAPIError):
        app.add_exception_handler(exc_type, on_other)
    app.add_exception_handler(Exception, on_other)
