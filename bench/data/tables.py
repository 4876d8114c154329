"""The rows one batch adds to each table, the columns they fill, and the ids they take."""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import count

Row = tuple[object, ...]

EDITORIAL = (
    "status",
    "status_note",
    "verification",
    "flags",
    "version",
    "created_at",
    "updated_at",
)

COLUMNS: dict[str, tuple[str, ...]] = {
    "sources": (
        "id",
        "slug",
        "title",
        "publisher",
        "url",
        "language",
        "published",
        "published_start",
        "published_end",
        "published_precision",
        "published_label",
        "text",
        "sha256",
        "created_at",
        "updated_at",
    ),
    "events": (
        "id",
        "slug",
        "type",
        "title",
        "summary",
        "date",
        "date_start",
        "date_end",
        "date_precision",
        "date_label",
        "stated_by_id",
        "expected",
        "expected_start",
        "expected_end",
        "expected_precision",
        "expected_label",
        "expected_stated_by_id",
        "negotiation_id",
        *EDITORIAL,
    ),
    "event_participants": ("event_id", "actor_id", "role"),
    "event_places": ("event_id", "place_id", "role"),
    "quantities": (
        "id",
        "event_id",
        "category",
        "recipient_id",
        "value",
        "qualifier",
        "low",
        "high",
        "stated_by_id",
        "basis",
        "is_best",
        "flags",
        "note",
        "created_at",
        "updated_at",
    ),
    "territorial_claims": (
        "id",
        "slug",
        "kind",
        "title",
        "summary",
        "claimant_id",
        "stated_by_id",
        "place_id",
        "value",
        "unit",
        "qualifier",
        "as_of",
        "as_of_start",
        "as_of_end",
        "as_of_precision",
        "as_of_label",
        "event_id",
        *EDITORIAL,
    ),
    "claim_counters": ("claim_id", "counter_id"),
    "negotiations": (
        "id",
        "slug",
        "title",
        "summary",
        "venue_id",
        "format",
        "phase",
        "agenda",
        "date",
        "date_start",
        "date_end",
        "date_precision",
        "date_label",
        *EDITORIAL,
    ),
    "negotiation_parties": ("negotiation_id", "actor_id", "role"),
    "delegations": ("id", "negotiation_id", "side_id", "head_id"),
    "delegation_members": ("delegation_id", "actor_id", "role"),
    "outcomes": (
        "id",
        "negotiation_id",
        "slug",
        "kind",
        "description",
        "stated_by_id",
        "position",
        "date",
        "date_start",
        "date_end",
        "date_precision",
        "date_label",
        "delivery",
        "delivery_as_of",
        "delivery_as_of_start",
        "delivery_as_of_end",
        "delivery_as_of_precision",
        "delivery_as_of_label",
        "delivery_stated_by_id",
        "flags",
    ),
    "outcome_events": ("outcome_id", "event_id", "stage"),
}
COLUMNS["quantity_totals"] = (*COLUMNS["quantities"], "total_of")
TABLES = {"quantity_totals": "quantities"}
"""Rows of a table that fill more of its columns, kept apart (the others take defaults)."""
SEARCHED = ("negotiations", "outcomes", "events", "territorial_claims")
"""Tables whose rows come with the words of their search vector (see bench/data/vectors.py)."""


@dataclass(frozen=True, slots=True)
class Words:
    """The parts of one record's search vector: weights A, B and C, and what it names (D)."""

    a: str
    b: str
    c: str
    refs: str
    """`actor12 place4 ...`, space-separated."""


@dataclass
class Batch:
    """Rows for each table, and for searched tables the words of each row, in row order."""

    rows: defaultdict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    words: defaultdict[str, list[Words]] = field(default_factory=lambda: defaultdict(list))
    events: int = 0

    def add(self, table: str, row: Row) -> None:
        self.rows[table].append(row)

    def searched(self, table: str, row: Row, words: Words) -> None:
        self.rows[table].append(row)
        self.words[table].append(words)


class Ids:
    """The next id of each table; ids start at 1, as the tables are emptied first."""

    def __init__(self) -> None:
        self._counters: defaultdict[str, Iterator[int]] = defaultdict(lambda: count(1))

    def next(self, table: str) -> int:
        return next(self._counters[table])


ACTOR = [f"actor{n}" for n in range(1000)]
PLACE = [f"place{n}" for n in range(1000)]


def refs(actors: Iterable[int], places: Iterable[int] = ()) -> str:
    """What a record names, as its search vector's D lexemes spell it."""
    return " ".join([ACTOR[a] for a in sorted(actors)] + [PLACE[p] for p in sorted(places)])
