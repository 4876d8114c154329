"""Checks of the gazetteers: unique slugs, known parents, real ISO 3166 codes."""

from collections.abc import Iterable, Sequence

from app.editorial.codes import check_iso, country_exists
from app.seed.errors import SeedError
from app.seed.specs import ActorSpec, PlaceSpec


def unique_slugs(where: str, section: str, slugs: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    for index, slug in enumerate(slugs):
        if slug in seen:
            raise SeedError(where, f"{section}[{index}] {slug!r}: slug used twice")
        seen.add(slug)
    return seen


def check_places(where: str, places: Sequence[PlaceSpec]) -> set[str]:
    slugs = unique_slugs(where, "places", (p.slug for p in places))
    codes: set[str] = set()
    for index, place in enumerate(places):
        row = f"places[{index}] {place.slug!r}"
        if (problem := check_iso(place.kind, place.iso_code, place.country_code)) is not None:
            raise SeedError(where, f"{row}: {problem}")
        if place.iso_code is not None:
            if place.iso_code in codes:
                raise SeedError(where, f"{row}: iso_code {place.iso_code!r} used twice")
            codes.add(place.iso_code)
        if place.parent is not None and place.parent not in slugs:
            raise SeedError(where, f"{row}: parent {place.parent!r} is not in the gazetteer")
    _no_cycles(where, "places", {p.slug: p.parent for p in places})
    return slugs


def check_actors(where: str, actors: Sequence[ActorSpec]) -> set[str]:
    slugs = unique_slugs(where, "actors", (a.slug for a in actors))
    for index, actor in enumerate(actors):
        row = f"actors[{index}] {actor.slug!r}"
        if actor.country_code is not None and not country_exists(actor.country_code):
            raise SeedError(
                where, f"{row}: country_code {actor.country_code!r} is not ISO 3166-1 alpha-2"
            )
        refs = [actor.parent, *(role.organization for role in actor.roles)]
        for ref in refs:
            if ref is not None and ref not in slugs:
                raise SeedError(where, f"{row}: {ref!r} is not in the gazetteer")
    _no_cycles(where, "actors", {a.slug: a.parent for a in actors})
    return slugs


def _no_cycles(where: str, section: str, parents: dict[str, str | None]) -> None:
    for slug in parents:
        seen = {slug}
        parent = parents[slug]
        while parent is not None:
            if parent in seen:
                raise SeedError(where, f"{section} {slug!r}: parents form a cycle")
            seen.add(parent)
            parent = parents.get(parent)


def parents_first(items: dict[str, str | None]) -> list[str]:
    """Slugs ordered so that every parent comes before its children."""
    ordered: list[str] = []
    placed: set[str] = set()

    def place(slug: str) -> None:
        if slug in placed:
            return
        parent = items.get(slug)
        if parent is not None and parent in items:
            place(parent)
        placed.add(slug)
        ordered.append(slug)

    for slug in items:
        place(slug)
    return ordered
