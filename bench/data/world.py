"""The generated actors and places, numbered, with the lookups records are drawn from."""

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass

from app.editorial.attribution import Speaker
from bench.data import actors as A
from bench.data import places as P
from bench.data.binary import micros, timestamptz
from bench.data.dates import DateBook
from bench.data.people import PersonDef, people

PREFIX = "bench-"
"""Every slug the generator writes starts so; no other data may (see bench/generate.py)."""
CREATED = timestamptz(micros(dt.datetime(2022, 2, 24, 6, tzinfo=dt.UTC)))
Row = tuple[object, ...]


@dataclass(frozen=True, slots=True)
class Actor:
    id: int
    slug: str
    name: str
    kind: str
    country: str | None
    ref: str
    """How prose names the actor, in ASCII: "the Ministry of Defence of Russia", "Turkiye"."""
    described: str
    """The actor with their role, for a first mention: "Deputy Minister ... Olena Melnyk"."""
    speaker: Speaker


@dataclass(frozen=True, slots=True)
class Place:
    id: int
    slug: str
    name: str
    kind: str
    country: str


class World:
    """Actors and places by slug, and the groups records pick them from."""

    def __init__(self, book: DateBook) -> None:
        self.actor_rows: list[Row] = []
        self.role_rows: list[Row] = []
        self.place_rows: list[Row] = []
        self.actors: dict[str, Actor] = {}
        self.places: dict[str, Place] = {}
        defs = [*A.STATES, *A.BODIES, *A.GROUPS, *A.PUBLICATIONS]
        ids = {d.slug: n for n, d in enumerate(defs, start=1)}
        persons = people()
        ids |= {p.slug: n for n, p in enumerate(persons, start=len(defs) + 1)}
        for d in defs:
            self._actor(d, ids)
        rng = random.Random("parley-bench-roles")
        for p in persons:
            self._person(p, ids, book, rng)
        place_ids = {p.slug: n for n, p in enumerate(P.PLACES, start=1)}
        for place in P.PLACES:
            self._place(place, place_ids)
        self.speakers = {
            side: [self.actors[s] for s in A.SPOKESBODIES[side]]
            + [a for a in self.actors.values() if a.kind == "person" and a.country == side]
            for side in ("UA", "RU")
        }
        self.international = [self.actors[s] for s in A.INTERNATIONAL] + [
            a for a in self.actors.values() if a.kind == "person" and a.country is None
        ]
        self.publications = [self.actors[p.slug] for p in A.PUBLICATIONS]
        self.mediators = [self.state(code) for code in A.MEDIATORS]
        self.envoys = {
            code: [
                a
                for a in self.actors.values()
                if a.country == code and a.kind in ("person", "body")
            ]
            for code in A.MEDIATORS
        }

    def state(self, code: str) -> Actor:
        return self.actors[A.STATE_SLUGS[code]]

    def place(self, slug: str) -> Place:
        return self.places[slug]

    def _actor(self, d: A.ActorDef, ids: dict[str, int]) -> None:
        name = _plain(d.name)
        ref = name if d.kind in ("state", "publication", "group") else _the(name)
        self._add_actor(ids[d.slug], d.slug, d.name, d.kind, d.country, ref, ref)
        parent = ids[d.parent] if d.parent else None
        self.actor_rows.append(
            (
                ids[d.slug],
                PREFIX + d.slug,
                d.name,
                d.kind,
                d.country,
                list(d.aliases),
                d.description,
                parent,
                CREATED,
                CREATED,
            )
        )

    def _person(self, p: PersonDef, ids: dict[str, int], book: DateBook, r: random.Random) -> None:
        title = p.roles[0][0]
        self._add_actor(
            ids[p.slug], p.slug, p.name, "person", p.country, p.name, f"{title} {p.name}"
        )
        self.actor_rows.append(
            (
                ids[p.slug],
                PREFIX + p.slug,
                p.name,
                "person",
                p.country,
                list(p.aliases),
                None,
                None,
                CREATED,
                CREATED,
            )
        )
        for title, organization in p.roles:
            as_of = book.day(book.draw(r))
            self.role_rows.append(
                (
                    len(self.role_rows) + 1,
                    ids[p.slug],
                    title,
                    ids.get(organization or ""),
                    as_of.edtf,
                    as_of.start,
                    as_of.end,
                    as_of.precision,
                    as_of.label,
                )
            )

    def _add_actor(
        self,
        id: int,
        slug: str,
        name: str,
        kind: str,
        country: str | None,
        ref: str,
        described: str,
    ) -> None:
        speaker = Speaker(PREFIX + slug, kind, country, name)
        self.actors[slug] = Actor(id, slug, name, kind, country, ref, described, speaker)

    def _place(self, p: P.PlaceDef, ids: dict[str, int]) -> None:
        self.places[p.slug] = Place(ids[p.slug], p.slug, p.name, p.kind, p.country)
        parent = ids[p.parent] if p.parent else None
        self.place_rows.append(
            (
                ids[p.slug],
                p.slug if p.slug in P.SEEDED else PREFIX + p.slug,
                p.name,
                p.kind,
                p.iso_code,
                p.country,
                parent,
                list(p.aliases),
                p.note,
                CREATED,
                CREATED,
            )
        )


def _plain(name: str) -> str:
    """The name in ASCII letters, as running prose writes it ("Turkiye")."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _the(name: str) -> str:
    return f"the {name[4:]}" if name.startswith("The ") else f"the {name}"


ACTOR_COLUMNS = (
    "id",
    "slug",
    "name",
    "kind",
    "country_code",
    "aliases",
    "description",
    "parent_id",
    "created_at",
    "updated_at",
)
ROLE_COLUMNS = (
    "id",
    "actor_id",
    "title",
    "organization_id",
    "as_of",
    "as_of_start",
    "as_of_end",
    "as_of_precision",
    "as_of_label",
)
PLACE_COLUMNS = (
    "id",
    "slug",
    "name",
    "kind",
    "iso_code",
    "country_code",
    "parent_id",
    "aliases",
    "note",
    "created_at",
    "updated_at",
)
