"""Search vectors read a record's citations through their indexes, and the timeline's order
has indexes of its own.

A record's quotes were gathered with `event_id = id OR quantity_id IN (…)`, which no index can
answer: every vector read every citation, so writing one event cost time in proportion to the
whole table. The timeline orders by (start, end, rank, id); indexes in that order let it read
only the rows of a page.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 20:00:00
"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

QUOTES = {
    "parley_event_search": (
        """            SELECT string_agg(c.quote, ' ') FROM citations c
            WHERE c.event_id = e.id
               OR c.quantity_id IN (SELECT q.id FROM quantities q WHERE q.event_id = e.id)
""",
        """            SELECT string_agg(quote, ' ' ORDER BY id) FROM (
                SELECT c.id, c.quote FROM citations c WHERE c.event_id = e.id
                UNION ALL
                SELECT c.id, c.quote FROM quantities q JOIN citations c ON c.quantity_id = q.id
                WHERE q.event_id = e.id
            ) quoted
""",
    ),
    "parley_negotiation_search": (
        """            SELECT string_agg(x.quote, ' ') FROM citations x
            WHERE x.negotiation_id = n.id
               OR x.outcome_id IN (SELECT o.id FROM outcomes o WHERE o.negotiation_id = n.id)
""",
        """            SELECT string_agg(quote, ' ' ORDER BY id) FROM (
                SELECT x.id, x.quote FROM citations x WHERE x.negotiation_id = n.id
                UNION ALL
                SELECT x.id, x.quote FROM outcomes o JOIN citations x ON x.outcome_id = o.id
                WHERE o.negotiation_id = n.id
            ) quoted
""",
    ),
}
STREAM_INDEXES = {"ix_events_stream": "events", "ix_outcomes_stream": "outcomes"}


def _search_migration() -> ModuleType:
    path = next(Path(__file__).parent.glob("*_full_text_search.py"))
    spec = importlib.util.spec_from_file_location(f"parley_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _define(name: str, body: str) -> None:
    op.execute(
        f"CREATE OR REPLACE FUNCTION {name}(row_id bigint) RETURNS tsvector LANGUAGE sql STABLE "
        f"AS $fn${body}$fn$"
    )


def upgrade() -> None:
    functions = _search_migration().FUNCTIONS
    for name, (before, after) in QUOTES.items():
        assert before in functions[name], f"{name} is not the function this migration replaces"
        _define(name, functions[name].replace(before, after))
    for index, table in STREAM_INDEXES.items():
        op.create_index(index, table, ["date_start", "date_end", "id"])


def downgrade() -> None:
    for index, table in STREAM_INDEXES.items():
        op.drop_index(index, table_name=table)
    functions = _search_migration().FUNCTIONS
    for name in QUOTES:
        _define(name, functions[name])
