"""Which rows are the generator's: it replaces its own data and refuses to touch anyone else's.

Every slugged record it writes has a slug starting with `bench-`, except the seed's places,
which it writes exactly as the seed does (see bench/data/places.py); its other rows (citations,
figures, participants, roles, delegations...) hang off those records. A database is the
generator's to replace when each slugged record, each revision and each change concerns a
`bench-` record (revisions and changes of generated records come from benchmarks that edit
them, such as bench/writes.py). API keys are left alone.
"""

from typing import Any

from bench.data.places import SEEDED
from bench.data.schema import FILLED
from bench.data.world import PREFIX

SLUGGED = (
    "actors",
    "places",
    "sources",
    "negotiations",
    "outcomes",
    "events",
    "territorial_claims",
)
LOGS = ("revisions", "changes")
REVIEW = ("candidates",)
"""Review state that points at sources: emptied with the tables the generator fills."""
LIMIT = 1000
"""Foreign rows counted per table, at most."""
_LIKE = f"'{PREFIX}%'"
_SEEDED = ", ".join(f"'{slug}'" for slug in sorted(SEEDED))
_FOREIGN = {
    **dict.fromkeys(SLUGGED, f"slug NOT LIKE {_LIKE}"),
    "places": f"slug NOT LIKE {_LIKE} AND slug NOT IN ({_SEEDED})",
    "revisions": f"(coalesce(after, before) ->> 'slug') IS NOT DISTINCT FROM NULL "
    f"OR (coalesce(after, before) ->> 'slug') NOT LIKE {_LIKE}",
    "changes": f"slug NOT LIKE {_LIKE}",
}


class NotGenerated(Exception):
    """The database holds rows the generator did not write."""

    def __init__(self, found: dict[str, int]) -> None:
        listed = ", ".join(
            f"{'at least ' if count == LIMIT else ''}{count} in {table}"
            for table, count in found.items()
        )
        super().__init__(
            f"refusing to replace this database's data: it holds rows the benchmark generator "
            f"did not write ({listed}; every generated record has a slug starting with "
            f"{PREFIX!r}). Generate into an empty database, or one holding only generated data "
            "(a fresh PARLEY_DATA_DIR, or a new database for DATABASE_URL); to serve generated "
            "data without loading the seed into it, run with PARLEY_SEED_ON_RUN=false."
        )
        self.found = found


async def lock(conn: Any) -> None:
    """Hold every table the generator replaces, so no write lands between check and load."""
    tables = ", ".join((*FILLED, *REVIEW, *LOGS))
    await conn.execute(f"LOCK TABLE {tables} IN ACCESS EXCLUSIVE MODE")


async def check(conn: Any) -> None:
    """NotGenerated unless every record is the generator's (or there are none)."""
    found = {}
    for table, condition in _FOREIGN.items():
        count = await conn.fetchval(
            f"SELECT count(*) FROM (SELECT FROM {table} WHERE {condition} LIMIT {LIMIT}) x"
        )
        if count:
            found[table] = count
    if found:
        raise NotGenerated(found)


async def clear(conn: Any) -> None:
    """Empty the tables the generator fills; ids start again at 1."""
    await conn.execute(f"TRUNCATE {', '.join(LOGS)}")
    await conn.execute(f"TRUNCATE {', '.join((*FILLED, *REVIEW))} RESTART IDENTITY")
