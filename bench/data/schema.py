"""The secondary indexes and heavy constraints of the filled tables: read as the migrations made
them, dropped for the load, and made again, so the schema ends as it began."""

from dataclasses import dataclass
from typing import Any

FILLED = (
    "actors",
    "actor_roles",
    "places",
    "sources",
    "source_versions",
    "negotiations",
    "negotiation_parties",
    "delegations",
    "delegation_members",
    "outcomes",
    "outcome_events",
    "events",
    "event_participants",
    "event_places",
    "quantities",
    "citations",
    "territorial_claims",
    "claim_counters",
)
"""Every table the generator fills (or, for source_versions, leaves empty)."""

_CONSTRAINTS = """
SELECT c.conrelid::regclass::text, c.conname, c.contype::text, pg_get_constraintdef(c.oid)
FROM pg_constraint c
WHERE c.conrelid = ANY($1::regclass[]) AND c.contype IN ('f', 'u', 'x')
ORDER BY c.contype, 1, 2
"""
_INDEXES = """
SELECT i.indrelid::regclass::text, x.relname::text, pg_get_indexdef(i.indexrelid)
FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
WHERE i.indrelid = ANY($1::regclass[]) AND NOT EXISTS (
    SELECT FROM pg_constraint c
    WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x')
)
ORDER BY 1, 2
"""
_SNAPSHOT = """
SELECT 'constraint', conrelid::regclass::text, conname::text, pg_get_constraintdef(oid),
       convalidated
FROM pg_constraint WHERE connamespace = 'public'::regnamespace
UNION ALL
SELECT 'index', tablename::text, indexname::text, indexdef, true
FROM pg_indexes WHERE schemaname = 'public'
ORDER BY 1, 2, 3
"""


@dataclass(frozen=True)
class Definition:
    table: str
    name: str
    sql: str
    """The statement that makes it again."""


@dataclass(frozen=True)
class Secondary:
    """What the load works without: plain indexes, unique and exclusion constraints, foreign
    keys (primary keys and checks stay, checking every row as it comes in)."""

    indexes: list[Definition]
    """Plain indexes, unique and exclusion constraints."""
    foreign_keys: list[Definition]


async def capture(conn: Any) -> Secondary:
    tables = list(FILLED)
    indexes = [Definition(t, n, sql) for t, n, sql in await conn.fetch(_INDEXES, tables)]
    foreign_keys: list[Definition] = []
    for table, name, kind, definition in await conn.fetch(_CONSTRAINTS, tables):
        made = Definition(table, name, f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")
        (foreign_keys if kind == "f" else indexes).append(made)
    return Secondary(indexes, foreign_keys)


async def drop(conn: Any, secondary: Secondary) -> None:
    for fk in secondary.foreign_keys:
        await conn.execute(f"ALTER TABLE {fk.table} DROP CONSTRAINT {fk.name}")
    for index in secondary.indexes:
        if index.sql.startswith("ALTER TABLE"):
            await conn.execute(f"ALTER TABLE {index.table} DROP CONSTRAINT {index.name}")
        else:
            await conn.execute(f"DROP INDEX {index.name}")


async def snapshot(conn: Any) -> list[tuple[Any, ...]]:
    """Every constraint and index of the schema, with its definition: equal before and after."""
    return [tuple(row) for row in await conn.fetch(_SNAPSHOT)]
