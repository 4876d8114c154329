"""Claim groups are stored: each claim carries the key of the statement it belongs to.

The timeline shows the claims one statement makes place by place as one entry: claims of the
same event (or else citing the same spans), kind, claimant, speaker, date and status. The key
was computed by grouping every claim on every page; stored, the timeline reads a page's groups
from indexes (a group's first claim in date order, then its members). Triggers keep it, as a
claim's key depends on its citations as well as its own columns.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GROUP_KEY = """
    SELECT md5(ROW(
        coalesce(c.event_id::text, (
            SELECT string_agg(
                x.source_id || ':' || x.start_offset || '-' || x.end_offset, ' '
                ORDER BY x.start_offset, x.end_offset, x.source_id)
            FROM citations x WHERE x.claim_id = c.id AND x.field IS NULL
        )),
        c.kind, c.claimant_id, c.stated_by_id, c.as_of, c.as_of_start, c.as_of_end,
        c.as_of_precision, c.as_of_label, c.status, c.status_note
    )::text)
"""

KEEP_KEY = """
BEGIN
    NEW.group_key := parley_claim_group_key(NEW);
    RETURN NEW;
END
"""

FOLLOW_CITATIONS = """
DECLARE
    claims bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        claims := ARRAY[NEW.claim_id];
    ELSIF TG_OP = 'DELETE' THEN
        claims := ARRAY[OLD.claim_id];
    ELSE
        claims := ARRAY[OLD.claim_id, NEW.claim_id];
    END IF;
    UPDATE territorial_claims t SET group_key = parley_claim_group_key(t)
    WHERE t.id = ANY(claims) AND t.group_key IS DISTINCT FROM parley_claim_group_key(t);
    RETURN NULL;
END
"""

KEYED = ("claim_id", "source_id", "start_offset", "end_offset", "field")
KEYED_CHANGE = "({}) IS DISTINCT FROM ({})".format(
    ", ".join(f"OLD.{c}" for c in KEYED), ", ".join(f"NEW.{c}" for c in KEYED)
)


def upgrade() -> None:
    op.add_column(
        "territorial_claims",
        sa.Column("group_key", sa.Text(), server_default=sa.text("''"), nullable=False),
    )
    op.execute(
        "CREATE FUNCTION parley_claim_group_key(c territorial_claims) RETURNS text "
        f"LANGUAGE sql STABLE AS $fn${GROUP_KEY}$fn$"
    )
    op.execute(
        "CREATE FUNCTION parley_claim_keep_group() RETURNS trigger LANGUAGE plpgsql "
        f"AS $fn${KEEP_KEY}$fn$"
    )
    op.execute(
        "CREATE FUNCTION parley_claim_citations() RETURNS trigger LANGUAGE plpgsql "
        f"AS $fn${FOLLOW_CITATIONS}$fn$"
    )
    op.execute("UPDATE territorial_claims t SET group_key = parley_claim_group_key(t)")
    op.execute(
        "CREATE TRIGGER parley_claim_keep_group BEFORE INSERT OR UPDATE ON territorial_claims "
        "FOR EACH ROW EXECUTE FUNCTION parley_claim_keep_group()"
    )
    for operation, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        when = f"{row}.claim_id IS NOT NULL"
        if operation == "UPDATE":
            when = f"(OLD.claim_id IS NOT NULL OR NEW.claim_id IS NOT NULL) AND {KEYED_CHANGE}"
        op.execute(
            f"CREATE TRIGGER parley_claim_citations_{operation.lower()} AFTER {operation} "
            f"ON citations FOR EACH ROW WHEN ({when}) EXECUTE FUNCTION parley_claim_citations()"
        )
    op.create_index("ix_territorial_claims_group", "territorial_claims", ["group_key", "id"])
    op.create_index(
        "ix_territorial_claims_stream", "territorial_claims", ["as_of_start", "as_of_end", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_territorial_claims_stream", table_name="territorial_claims")
    op.drop_index("ix_territorial_claims_group", table_name="territorial_claims")
    for operation in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER parley_claim_citations_{operation} ON citations")
    op.execute("DROP TRIGGER parley_claim_keep_group ON territorial_claims")
    op.execute("DROP FUNCTION parley_claim_citations()")
    op.execute("DROP FUNCTION parley_claim_keep_group()")
    op.execute("DROP FUNCTION parley_claim_group_key(territorial_claims)")
    op.drop_column("territorial_claims", "group_key")
