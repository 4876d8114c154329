"""Reject query parameters a route does not declare, so a typo in a filter is never ignored."""

from fastapi import Request
from fastapi.dependencies.models import Dependant

from app.errors import Problem

_declared_by_route: dict[int, frozenset[str]] = {}


def _declared(dependant: Dependant) -> frozenset[str]:
    key = id(dependant)
    if key not in _declared_by_route:
        _declared_by_route[key] = frozenset(_query_names(dependant))
    return _declared_by_route[key]


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
    unknown = sorted(set(request.query_params.keys()) - _declared(dependant))
    if unknown:
        allowed = ", ".join(sorted(_declared(dependant))) or "none"
        raise Problem(
            400,
            "unknown-parameter",
            f"Unknown query parameter {', '.join(unknown)}; this endpoint takes: {allowed}.",
            errors=[
                {"location": "query", "name": name, "message": "unknown parameter"}
                for name in unknown
            ],
        )
