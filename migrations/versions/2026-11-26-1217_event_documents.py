"""Event documents: each event as served, kept in the row, reset by triggers when stale.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 12:17:56.758744
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A document goes stale when its own row changes (any column but the document) or when a row
# it shows changes: a participant, a figure, a citation, or the name of an actor, place,
# negotiation or source it refers to. Stale documents are NULL; readers render those live.
# Every reset takes the same transaction-level advisory lock as the refresher, so a refresh
# never renders from a snapshot that misses a change whose reset it has already passed.
LOCK = "PERFORM pg_advisory_xact_lock(hashtext('parley.event_documents'));"

FUNCTIONS = {
    "event_document_reset": f"""
        BEGIN
            IF (to_jsonb(NEW) - 'document' - 'document_shape')
                IS DISTINCT FROM (to_jsonb(OLD) - 'document' - 'document_shape') THEN
                {LOCK}
                NEW.document := NULL;
            END IF;
            RETURN NEW;
        END""",
    "event_documents_stale_by_child": f"""
        DECLARE
            ids bigint[] := '{{}}';
        BEGIN
            {LOCK}
            IF TG_OP <> 'INSERT' THEN
                ids := ids || OLD.event_id;
            END IF;
            IF TG_OP <> 'DELETE' THEN
                ids := ids || NEW.event_id;
            END IF;
            UPDATE events SET document = NULL WHERE id = ANY(ids) AND document IS NOT NULL;
            RETURN NULL;
        END""",
    "event_documents_stale_by_citation": f"""
        DECLARE
            ids bigint[] := '{{}}';
        BEGIN
            {LOCK}
            IF TG_OP <> 'INSERT' THEN
                ids := ids || OLD.event_id
                    || (SELECT event_id FROM quantities WHERE id = OLD.quantity_id);
            END IF;
            IF TG_OP <> 'DELETE' THEN
                ids := ids || NEW.event_id
                    || (SELECT event_id FROM quantities WHERE id = NEW.quantity_id);
            END IF;
            UPDATE events SET document = NULL WHERE id = ANY(ids) AND document IS NOT NULL;
            RETURN NULL;
        END""",
    "event_documents_stale_by_reference": f"""
        BEGIN
            {LOCK}
            IF TG_TABLE_NAME = 'actors' THEN
                UPDATE events SET document = NULL
                WHERE document IS NOT NULL AND id IN (
                    SELECT event_id FROM event_participants WHERE actor_id = OLD.id
                    UNION
                    SELECT event_id FROM quantities
                    WHERE recipient_id = OLD.id OR stated_by_id = OLD.id);
            ELSIF TG_TABLE_NAME = 'places' THEN
                UPDATE events SET document = NULL
                WHERE document IS NOT NULL AND place_id = OLD.id;
            ELSIF TG_TABLE_NAME = 'negotiations' THEN
                UPDATE events SET document = NULL
                WHERE document IS NOT NULL AND negotiation_id = OLD.id;
            ELSIF TG_TABLE_NAME = 'sources' THEN
                UPDATE events SET document = NULL
                WHERE document IS NOT NULL AND id IN (
                    SELECT event_id FROM citations WHERE source_id = OLD.id
                    UNION
                    SELECT q.event_id FROM citations c JOIN quantities q ON q.id = c.quantity_id
                    WHERE c.source_id = OLD.id);
            END IF;
            RETURN NULL;
        END""",
    "event_documents_stale_all": f"""
        BEGIN
            {LOCK}
            UPDATE events SET document = NULL WHERE document IS NOT NULL;
            RETURN NULL;
        END""",
}

TRIGGERS = [
    ("events", "BEFORE UPDATE", "event_document_reset"),
    ("event_participants", "AFTER INSERT OR UPDATE OR DELETE", "event_documents_stale_by_child"),
    ("quantities", "AFTER INSERT OR UPDATE OR DELETE", "event_documents_stale_by_child"),
    ("citations", "AFTER INSERT OR UPDATE OR DELETE", "event_documents_stale_by_citation"),
    ("actors", "AFTER UPDATE", "event_documents_stale_by_reference"),
    ("places", "AFTER UPDATE", "event_documents_stale_by_reference"),
    ("negotiations", "AFTER UPDATE", "event_documents_stale_by_reference"),
    ("sources", "AFTER UPDATE", "event_documents_stale_by_reference"),
]

# TRUNCATE fires no row triggers: it resets every document.
TRUNCATE_TRIGGERS = ["event_participants", "quantities", "citations"]


def upgrade() -> None:
    op.add_column("events", sa.Column("document", sa.Text(), nullable=True))
    op.add_column("events", sa.Column("document_shape", sa.Text(), nullable=True))
    for name, body in FUNCTIONS.items():
        op.execute(f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn${body}\n$fn$")
    for table, timing, function in TRIGGERS:
        op.execute(
            f"CREATE TRIGGER {function}_{table} {timing} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
    for table in TRUNCATE_TRIGGERS:
        op.execute(
            f"CREATE TRIGGER event_documents_stale_all_{table} AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION event_documents_stale_all()"
        )


def downgrade() -> None:
    for table in TRUNCATE_TRIGGERS:
        op.execute(f"DROP TRIGGER event_documents_stale_all_{table} ON {table}")
    for table, _timing, function in TRIGGERS:
        op.execute(f"DROP TRIGGER {function}_{table} ON {table}")
    for name in FUNCTIONS:
        op.execute(f"DROP FUNCTION {name}()")
    op.drop_column("events", "document_shape")
    op.drop_column("events", "document")
