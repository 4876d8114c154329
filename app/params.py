"""What every `/v1` route refuses before it reads anything: query parameters it does not declare
(so a typo in a filter is never ignored), and a body that says it is not JSON."""

from fastapi import Request
from fastapi.dependencies.models import Dependant

from app.errors import Problem


def _declared(route: object, dependant: Dependant) -> frozenset[str]:
    """The query parameters a route declares, worked out once and kept on the route."""
    names: frozenset[str] | None = getattr(route, "_parley_query_names", None)
    if names is None:
        names = frozenset(_query_names(dependant))
        setattr(route, "_parley_query_names", names)  # noqa: B010
    return names


def _query_names(dependant: Dependant) -> set[str]:
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


async def reject_unknown_params(request: Request) -> None:
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    unknown = sorted(set(request.query_params.keys()) - _declared(route, dependant))
    if unknown:
        allowed = ", ".join(sorted(_declared(route, dependant))) or "none"
        raise Problem(
            400,
            "unknown-parameter",
            f"Unknown query parameter {', '.join(unknown)}; this endpoint takes: {allowed}.",
            errors=[
                {"location": "query", "name": name, "message": "unknown parameter"}
                for name in unknown
            ],
        )


def _takes_body(dependant: Dependant) -> bool:
    return bool(dependant.body_params) or any(_takes_body(sub) for sub in dependant.dependencies)


def _is_json(media_type: str) -> bool:
    kind = media_type.split(";", 1)[0].strip().lower()
    return kind == "application/json" or (
        kind.startswith("application/") and kind.endswith("+json")
    )


async def refuse_other_media_types(request: Request) -> None:
    """A 415 for a body sent as anything but JSON (`application/json`, or `application/…+json`
    such as `merge-patch+json`) to a route that reads one."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None or not _takes_body(dependant):
        return
    headers = request.headers
    if headers.get("content-length", "0") == "0" and "transfer-encoding" not in headers:
        return
    media_type = headers.get("content-type", "")
    if not _is_json(media_type):
        given = media_type or "a body without a type"
        raise Problem(
            415,
            "unsupported-media-type",
            f"The body must be JSON (Content-Type: application/json), not {given}.",
            errors=[{"location": "header", "name": "Content-Type", "message": "not JSON"}],
        )
