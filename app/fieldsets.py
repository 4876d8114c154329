"""Sparse fieldsets: `fields=id,title,date` serves only those members of each listed item.

A dashboard's list of 50 events need not carry every nested citation and figure: it names the
members it shows. `id` is always served. The parameter's pattern names every member a list
has, so the contract is exact: a name it does not list is refused with a 422 problem.
"""

from functools import cache
from typing import Any

from fastapi import Query
from pydantic import BaseModel, Field, create_model

from app.schemas import Out, Page


@cache
def names_of(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(model.model_fields)


ALWAYS = frozenset({"id"})


def fields_query(model: type[BaseModel], *, always: frozenset[str] = ALWAYS, note: str = "") -> Any:
    """The `fields` query parameter of a list of `model`s: `Annotated[str | None, this]`."""
    names = "|".join(names_of(model))
    given = " and ".join(f"`{n}`" for n in sorted(always))
    return Query(
        max_length=2000,
        pattern=rf"^({names})(,({names}))*$",
        description=f"Comma-separated members to serve for each item ({given} always come); "
        "all of them when absent. "
        + (note + " " if note else "")
        + "One of: "
        + ", ".join(f"`{n}`" for n in names_of(model)),
        examples=["id,slug,title"],
    )


def wanted(fields: str | None, *, always: frozenset[str] = ALWAYS) -> frozenset[str] | None:
    """The members a `fields` value names (validated by its pattern), or None for all."""
    return None if fields is None else frozenset(fields.split(",")) | always


def pick(members: dict[str, Any], chosen: frozenset[str] | None) -> dict[str, Any]:
    """`members` (name → SQL expression), cut to the chosen ones, in their usual order."""
    if chosen is None:
        return members
    return {name: value for name, value in members.items() if name in chosen}


def _undocumented_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


@cache
def sparse(model: type[BaseModel], always: frozenset[str] = ALWAYS) -> type[BaseModel]:
    """`model` as `fields=` serves it: every member optional but those `always` served."""
    members: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in always:
            members[name] = (info.annotation, Field(description=info.description))
        else:
            members[name] = (
                info.annotation,
                Field(
                    default=None,
                    description=info.description,
                    json_schema_extra=_undocumented_default,
                ),
            )
    return create_model(
        f"{model.__name__}Fields",
        __base__=Out,
        __doc__=f"{model.__name__} with only the members `fields=` names.",
        **members,
    )


def page_of(model: type[BaseModel], *, always: frozenset[str] = ALWAYS) -> Any:
    """A list page of `model`s: whole, or as `fields=` cuts them."""
    whole: Any = Page[model]  # type: ignore[valid-type]
    cut: Any = Page[sparse(model, always)]  # type: ignore[misc]
    return whole | cut
