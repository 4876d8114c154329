"""JSON Merge Patch (RFC 7396), applied to a record's representation."""

from typing import Any

READ_ONLY = ("id", "version", "status", "created_at", "updated_at")
"""Fields of a representation no body may set: the write path keeps them."""


def merge_patch(target: Any, patch: Any) -> Any:
    """`patch` applied to `target`: objects merge key by key, null removes, anything else
    (arrays included) replaces."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


REFERENCE_KEYS = frozenset(
    {"id", "slug", "name", "kind", "title", "iso_code", "href", "type", "date", "date_label"}
    | {"status", "claimant", "stated_by"}
)
"""The keys of the reference objects a representation nests (actors, places, events...)."""


def writable(representation: dict[str, Any]) -> dict[str, Any]:
    """A representation without the fields only the write path sets, its references reduced to
    their slugs: a patch then replaces a reference (`{"stated_by": {"id": 7}}`) instead of
    merging into the old one."""
    return {k: _slugs(v) for k, v in representation.items() if k not in READ_ONLY}


def _slugs(value: Any) -> Any:
    if isinstance(value, list):
        return [_slugs(v) for v in value]
    if not isinstance(value, dict):
        return value
    if {"id", "slug"} <= value.keys() and value.keys() <= REFERENCE_KEYS:
        return value["slug"]
    return {k: _slugs(v) for k, v in value.items()}
