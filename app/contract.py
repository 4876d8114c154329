"""The OpenAPI document, made exact: every problem each operation can answer with (as
`application/problem+json`), who may call it, short operation ids and described tags.

The statuses come from what each route is built of, so a new route is documented as it is
written: every `/v1` route refuses unknown parameters (400); one that reads the API key can
answer 401; one that needs a role, or lists drafts on request, 403; one that takes a body, 400
for malformed JSON, 413 and 415; one addressed by a key in its path, 404; every one, 422 for a
bad parameter and 503 when the database does not answer.
Routes add what only they can answer (406, 409, 412, 428) with `problems()`.
"""

from collections.abc import Callable, Iterator
from typing import Any

from fastapi import FastAPI, Request, routing
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.responses import Response

from app.auth import current_principal
from app.errors import PROBLEM_MEDIA_TYPE, Problem, problem_response
from app.schemas import ProblemOut

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
SCHEME = "apiKey"
RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "integer"},
    }
}
CHALLENGE = {
    "WWW-Authenticate": {
        "description": 'How to authenticate: `Bearer realm="parley"`.',
        "schema": {"type": "string"},
    }
}
MEANINGS = {
    400: "A query parameter this operation does not take, a cursor or header it cannot read, or "
    "a body that is not JSON.",
    401: "The `Authorization` header is malformed or names an unknown or revoked key, or the "
    "operation needs a key and none was sent.",
    403: "The key's role does not allow this: drafts and writes need an editor's key.",
    404: "No record with that id or slug (or not one this key may see).",
    406: "The `Accept` header allows none of the types this operation serves.",
    409: "The write conflicts with the data: a slug already taken, a record still referred "
    "to, a status that does not allow it, or an `Idempotency-Key` reused for another request.",
    412: "`If-Match` names a version the record no longer has: read it again and redo the change.",
    413: "The body is larger than the service accepts (`PARLEY_MAX_BODY_KB`, 1 MiB by default).",
    415: "The body is not sent as JSON (`Content-Type: application/json`).",
    422: "A parameter or the body is invalid; `errors` names each one and says why.",
    428: "A change must send `If-Match` with the ETag of the version it changes.",
    429: "Too many failed authentications from this address, or too many writes with this key; "
    "try again after `Retry-After` seconds.",
    503: "The database did not answer in time; nothing was changed unless the response to a "
    "write said so. Try again after `Retry-After` seconds.",
}
TAGS = [
    {
        "name": "timeline",
        "description": "Events, claims and negotiation outcomes in one date-ordered stream, its "
        "filter counts, and exports (CSV, iCalendar, TimelineJS, JSON Lines).",
    },
    {"name": "stats", "description": "Exchange figures per period and receiving side."},
    {"name": "search", "description": "Full-text search across every kind of record."},
    {
        "name": "events",
        "description": "What happened: exchanges, repatriations, rounds of talks, statements; "
        "each dated as precisely as its sources allow, with its figures and citations.",
    },
    {
        "name": "changes",
        "description": "What changed: the feed of committed writes (also as a stream) and the "
        "corrections and retractions.",
    },
    {
        "name": "negotiations",
        "description": "Negotiation tracks: parties, delegations, rounds and outcomes.",
    },
    {
        "name": "claims",
        "description": "Territorial claims, always attributed to who states them, as of when.",
    },
    {"name": "actors", "description": "States, officials, organisations and publications."},
    {"name": "places", "description": "Countries, regions and cities, with ISO 3166 codes."},
    {"name": "sources", "description": "The sources cited, and every span quoted from them."},
    {
        "name": "ingest",
        "description": "Candidate records read from a source, for editors to accept or reject.",
    },
    {"name": "operations", "description": "Liveness and readiness."},
]


def operation_id(route: APIRoute) -> str:
    """`list_events` → `listEvents`."""
    first, *rest = route.name.split("_")
    return first + "".join(word.capitalize() for word in rest)


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """What a route declares beyond what it is built of: `responses=problems(406)`."""
    return {status: _problem(status) for status in statuses}


def _problem(status: int) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": MEANINGS[status],
        "content": {PROBLEM_MEDIA_TYPE: {"schema": PROBLEM_REF}},
    }
    if status in (429, 503):
        response["headers"] = RETRY_AFTER
    if status == 401:
        response["headers"] = CHALLENGE
    return response


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for sub in dependant.dependencies:
        if sub.call is not None:
            yield sub.call
        yield from _calls(sub)


def _query_names(dependant: Dependant) -> Iterator[str]:
    for param in dependant.query_params:
        yield param.alias
    for sub in dependant.dependencies:
        yield from _query_names(sub)


def _takes_input(dependant: Dependant) -> bool:
    own = (
        dependant.query_params,
        dependant.path_params,
        dependant.header_params,
        dependant.body_params,
    )
    return any(own) or any(_takes_input(sub) for sub in dependant.dependencies)


def _takes_body(dependant: Dependant) -> bool:
    return bool(dependant.body_params) or any(_takes_body(sub) for sub in dependant.dependencies)


def built_of(path: str, dependant: Dependant) -> tuple[set[int], str | None]:
    """The problems a route can answer with because of what it is built of, and whether it
    takes an API key (`optional`) or needs one (`required`)."""
    calls = set(_calls(dependant))
    statuses = {503}
    if _takes_input(dependant):
        statuses.add(422)
    if path.startswith("/v1/"):
        statuses.add(400)
    if _takes_body(dependant):
        statuses |= {413, 415}
    if dependant.path_params:
        statuses.add(404)
    needs_role = any(getattr(call, "required_role", None) for call in calls)
    auth: str | None = None
    if needs_role:
        statuses |= {401, 403, 429}
        auth = "required"
    elif current_principal in calls:
        statuses |= {401, 429}
        auth = "optional"
        if "status" in set(_query_names(dependant)):
            statuses.add(403)
    return statuses, auth


def allowed_methods(app: FastAPI, path: str) -> list[str]:
    """Every method some route serves at `path` (HEAD wherever GET is)."""
    methods: set[str] = set()
    for route in routing.iter_route_contexts(app.routes):
        if isinstance(route.original_route, APIRoute) and route.path_regex.match(path):
            methods |= route.methods or set()
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


def install(app: FastAPI) -> None:
    """Finish the app's OpenAPI document the first time it is asked for, and answer a method
    a path does not serve with every method it does."""
    generate = app.openapi

    async def not_allowed(request: Request, exc: Exception) -> Response:
        allow = ", ".join(allowed_methods(request.app, request.url.path))
        detail = f"{request.method} is not served at {request.url.path}; it serves {allow}."
        problem = Problem(405, "method-not-allowed", detail, headers={"Allow": allow})
        return problem_response(problem, request.url.path)

    app.add_exception_handler(405, not_allowed)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = generate()
        _finish(schema, app)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _finish(schema: dict[str, Any], app: FastAPI) -> None:
    components = schema.setdefault("components", {})
    models = components.setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        models.pop(name, None)
    problem = ProblemOut.model_json_schema(ref_template="#/components/schemas/{model}")
    models.update(problem.pop("$defs", {}))
    models["Problem"] = problem
    components["securitySchemes"] = {
        SCHEME: {
            "type": "http",
            "scheme": "bearer",
            "description": "An API key (`pk_…`): readers may send one, editors must.",
        }
    }
    for route in routing.iter_route_contexts(app.routes):
        if not isinstance(route.original_route, APIRoute) or not route.include_in_schema:
            continue
        path = route.path_format or ""
        statuses, auth = built_of(path, route.dependant)
        for method in route.methods or ():
            operation = schema["paths"][path][method.lower()]
            responses = operation["responses"]
            for status in sorted(statuses):
                if status == 422 or str(status) not in responses:
                    responses[str(status)] = _problem(status)
            if auth == "required":
                operation["security"] = [{SCHEME: []}]
            elif auth == "optional":
                operation["security"] = [{}, {SCHEME: []}]
            for parameter in operation.get("parameters", []):
                parameter["schema"] = _without_null(parameter["schema"])
    _link_created(schema)


FOLLOW_UPS = {
    "get": ("", "get"),
    "update": ("", "patch"),
    "delete": ("", "delete"),
    "publish": ("/publish", "post"),
    "listRevisions": ("/revisions", "get"),
}
"""What a client does next with a record it created, by the link's name and where it goes."""


def _link_created(schema: dict[str, Any]) -> None:
    """OpenAPI links from each create's 201 to the record's own operations, addressed by the
    slug and ETag the 201 returns: what a client (or a stateful fuzzer) does next."""
    paths = schema["paths"]
    for path, methods in paths.items():
        create = methods.get("post")
        if create is None or "201" not in create["responses"] or f"{path}/{{key}}" not in paths:
            continue
        links: dict[str, Any] = {}
        for name, (suffix, method) in FOLLOW_UPS.items():
            target = paths.get(f"{path}/{{key}}{suffix}", {}).get(method)
            if target is None:
                continue
            parameters: dict[str, str] = {"path.key": "$response.body#/slug"}
            if any(p["name"] == "If-Match" for p in target.get("parameters", [])):
                parameters["header.If-Match"] = "$response.header.ETag"
            links[name] = {"operationId": target["operationId"], "parameters": parameters}
        create["responses"]["201"]["links"] = links


def _without_null(schema: dict[str, Any]) -> dict[str, Any]:
    """A parameter's schema without its `null` branch: a query or header value is a string,
    and leaving the parameter out is how a request says it has none."""
    branches = schema.get("anyOf")
    if not branches or {"type": "null"} not in branches:
        return schema
    kept = [branch for branch in branches if branch != {"type": "null"}]
    rest = {key: value for key, value in schema.items() if key != "anyOf"}
    return {**kept[0], **rest} if len(kept) == 1 else {**rest, "anyOf": kept}
