"""Full-text search: a folded, stemmed tsvector on every searchable record, kept by the write
path, with GIN indexes.

A record's vector holds its own words (title A, summary B, quotes C) and, as lexemes such as
`actor12` or `place4`, the actors and places it names (D). Actors and places hold vectors of
their names and aliases. A query's words are matched against both, so a record is found by the
names of what it links, and renaming an actor changes one vector, not every record naming it.
Accents and typographic marks are folded by `parley_fold` (a `translate`, as the embedded build
has no `unaccent`).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 19:00:00
"""

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ["events", "territorial_claims", "negotiations", "outcomes", "actors", "places"]


def _fold_map() -> tuple[str, str, str]:
    """Latin letters with marks to their base letter, curly quotes and dashes to plain ones,
    and the combining marks to delete."""
    source, target = [], []
    for code in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        base = unicodedata.normalize("NFKD", char)[0]
        if base.isascii() and base.isalpha() and base != char:
            source.append(char)
            target.append(base.lower())
    source += list("\u2018\u2019\u201c\u201d\u2013\u2014")
    target += list("''\"\"--")
    combining = "".join(chr(code) for code in range(0x0300, 0x0370))
    return "".join(source), "".join(target), combining


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


ENTITY = """
    SELECT setweight(to_tsvector('english', parley_fold(name)), 'A')
        || setweight(to_tsvector('english', parley_fold(array_to_string(aliases, ' '))), 'B')
    FROM {table} WHERE id = row_id
"""

QUOTES = "to_tsvector('english', parley_fold(coalesce(({quotes}), '')))"

FUNCTIONS = {
    "parley_actor_search": ENTITY.format(table="actors"),
    "parley_place_search": ENTITY.format(table="places"),
    "parley_event_search": """
    SELECT setweight(to_tsvector('english', parley_fold(e.title)), 'A')
        || setweight(to_tsvector('english', parley_fold(e.summary)), 'B')
        || setweight(to_tsvector('english', parley_fold(coalesce((
            SELECT string_agg(c.quote, ' ') FROM citations c
            WHERE c.event_id = e.id
               OR c.quantity_id IN (SELECT q.id FROM quantities q WHERE q.event_id = e.id)
        ), ''))), 'C')
        || setweight(array_to_tsvector(ARRAY(
            SELECT DISTINCT ref FROM (
                SELECT 'actor' || p.actor_id AS ref FROM event_participants p
                WHERE p.event_id = e.id
                UNION SELECT 'actor' || e.stated_by_id WHERE e.stated_by_id IS NOT NULL
                UNION SELECT 'actor' || e.expected_stated_by_id
                      WHERE e.expected_stated_by_id IS NOT NULL
                UNION SELECT 'actor' || q.recipient_id FROM quantities q
                      WHERE q.event_id = e.id AND q.recipient_id IS NOT NULL
                UNION SELECT 'actor' || q.stated_by_id FROM quantities q
                      WHERE q.event_id = e.id AND q.stated_by_id IS NOT NULL
                UNION SELECT 'place' || ep.place_id FROM event_places ep WHERE ep.event_id = e.id
            ) refs)), 'D')
    FROM events e WHERE e.id = row_id
""",
    "parley_claim_search": """
    SELECT setweight(to_tsvector('english', parley_fold(c.title)), 'A')
        || setweight(to_tsvector('english', parley_fold(c.summary)), 'B')
        || setweight(to_tsvector('english', parley_fold(coalesce((
            SELECT string_agg(x.quote, ' ') FROM citations x WHERE x.claim_id = c.id
        ), ''))), 'C')
        || setweight(array_to_tsvector(ARRAY[
            'actor' || c.claimant_id, 'actor' || c.stated_by_id, 'place' || c.place_id
        ]), 'D')
    FROM territorial_claims c WHERE c.id = row_id
""",
    "parley_negotiation_search": """
    SELECT setweight(to_tsvector('english', parley_fold(n.title)), 'A')
        || setweight(to_tsvector('english', parley_fold(
            n.summary || ' ' || array_to_string(n.agenda, ' '))), 'B')
        || setweight(to_tsvector('english', parley_fold(coalesce((
            SELECT string_agg(x.quote, ' ') FROM citations x
            WHERE x.negotiation_id = n.id
               OR x.outcome_id IN (SELECT o.id FROM outcomes o WHERE o.negotiation_id = n.id)
        ), ''))), 'C')
        || setweight(array_to_tsvector(ARRAY(
            SELECT DISTINCT ref FROM (
                SELECT 'actor' || p.actor_id AS ref FROM negotiation_parties p
                WHERE p.negotiation_id = n.id
                UNION SELECT 'actor' || d.side_id FROM delegations d WHERE d.negotiation_id = n.id
                UNION SELECT 'actor' || d.head_id FROM delegations d
                      WHERE d.negotiation_id = n.id AND d.head_id IS NOT NULL
                UNION SELECT 'actor' || m.actor_id FROM delegation_members m
                      JOIN delegations d ON d.id = m.delegation_id WHERE d.negotiation_id = n.id
                UNION SELECT 'actor' || o.stated_by_id FROM outcomes o
                      WHERE o.negotiation_id = n.id AND o.stated_by_id IS NOT NULL
                UNION SELECT 'place' || n.venue_id WHERE n.venue_id IS NOT NULL
            ) refs)), 'D')
    FROM negotiations n WHERE n.id = row_id
""",
    "parley_outcome_search": """
    SELECT setweight(to_tsvector('english', parley_fold(o.description)), 'A')
        || setweight(to_tsvector('english', parley_fold(n.title)), 'B')
        || setweight(to_tsvector('english', parley_fold(coalesce((
            SELECT string_agg(x.quote, ' ') FROM citations x WHERE x.outcome_id = o.id
        ), ''))), 'C')
        || setweight(array_to_tsvector(ARRAY(
            SELECT DISTINCT ref FROM (
                SELECT 'actor' || o.stated_by_id AS ref WHERE o.stated_by_id IS NOT NULL
                UNION SELECT 'actor' || o.delivery_stated_by_id
                      WHERE o.delivery_stated_by_id IS NOT NULL
                UNION SELECT 'actor' || p.actor_id FROM negotiation_parties p
                      WHERE p.negotiation_id = n.id
                UNION SELECT 'place' || n.venue_id WHERE n.venue_id IS NOT NULL
            ) refs)), 'D')
    FROM outcomes o JOIN negotiations n ON n.id = o.negotiation_id WHERE o.id = row_id
""",
}

REINDEX = {
    "actors": "parley_actor_search",
    "places": "parley_place_search",
    "events": "parley_event_search",
    "territorial_claims": "parley_claim_search",
    "negotiations": "parley_negotiation_search",
    "outcomes": "parley_outcome_search",
}


def upgrade() -> None:
    source, target, combining = _fold_map()
    op.execute(
        "CREATE FUNCTION parley_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE "
        f"RETURN translate(lower($1), {_literal(source + combining)}, {_literal(target)})"
    )
    for name, body in FUNCTIONS.items():
        op.execute(
            f"CREATE FUNCTION {name}(row_id bigint) RETURNS tsvector LANGUAGE sql STABLE "
            f"AS $fn${body}$fn$"
        )
    for table in TABLES:
        op.add_column(table, sa.Column("search", postgresql.TSVECTOR(), nullable=True))
        op.create_index(f"ix_{table}_search", table, ["search"], postgresql_using="gin")
        op.execute(f"UPDATE {table} SET search = {REINDEX[table]}(id)")


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_search", table_name=table)
        op.drop_column(table, "search")
    for name in FUNCTIONS:
        op.execute(f"DROP FUNCTION {name}(bigint)")
    op.execute("DROP FUNCTION parley_fold(text)")
