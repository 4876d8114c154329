"""Reject query parameters a route does not declare, so a typo in a filter is never ignored."""

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
