"""Drop the stored event documents and the triggers that kept them.

Reads render events live and a per-process cache keyed by the database snapshot serves repeats
(app/cache.py), so writes no longer serialise on one advisory lock nor fan out through triggers.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 17:10:00
"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROW_TRIGGERS = [
    ("events", "event_document_reset"),
    ("event_participants", "event_documents_stale_by_child"),
    ("event_places", "event_documents_stale_by_child"),
    ("quantities", "event_documents_stale_by_child"),
    ("citations", "event_documents_stale_by_citation"),
    ("actors", "event_documents_stale_by_reference"),
    ("places", "event_documents_stale_by_reference"),
    ("negotiations", "event_documents_stale_by_reference"),
    ("sources", "event_documents_stale_by_reference"),
]
TRUNCATE_TABLES = ["event_participants", "event_places", "quantities", "citations"]


def _migration(pattern: str) -> ModuleType:
    path = next(Path(__file__).parent.glob(pattern))
    spec = importlib.util.spec_from_file_location(f"parley_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgrade() -> None:
    for table in TRUNCATE_TABLES:
        op.execute(f"DROP TRIGGER event_documents_stale_all_{table} ON {table}")
    for table, function in ROW_TRIGGERS:
        op.execute(f"DROP TRIGGER {function}_{table} ON {table}")
    for function in sorted({f for _, f in ROW_TRIGGERS} | {"event_documents_stale_all"}):
        op.execute(f"DROP FUNCTION {function}()")
    op.drop_column("events", "document_shape")
    op.drop_column("events", "document")


def downgrade() -> None:
    op.add_column("events", sa.Column("document", sa.Text(), nullable=True))
    op.add_column("events", sa.Column("document_shape", sa.Text(), nullable=True))
    functions = dict(_migration("*_event_documents.py").FUNCTIONS)
    functions["event_documents_stale_by_reference"] = _migration(
        "*_curation_model.py"
    ).STALE_BY_REFERENCE
    for name, body in functions.items():
        op.execute(f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn${body}\n$fn$")
    for table, function in ROW_TRIGGERS:
        timing = "BEFORE UPDATE" if table == "events" else "AFTER INSERT OR UPDATE OR DELETE"
        if function == "event_documents_stale_by_reference":
            timing = "AFTER UPDATE"
        op.execute(
            f"CREATE TRIGGER {function}_{table} {timing} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
    for table in TRUNCATE_TABLES:
        op.execute(
            f"CREATE TRIGGER event_documents_stale_all_{table} AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION event_documents_stale_all()"
        )
