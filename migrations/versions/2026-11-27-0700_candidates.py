"""Candidates an ingested source proposes, and where an event came from.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-27 07:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "events", sa.Column("origin", sa.Text(), server_default="curated", nullable=False)
    )
    op.create_check_constraint(
        op.f("ck_events_origin_allowed"), "events", "origin IN ('curated', 'extracted')"
    )
    op.create_table(
        "candidates",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), primary_key=True),
        sa.Column(
            "source_id",
            sa.BigInteger(),
            sa.ForeignKey("sources.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("body", postgresql.JSONB(), nullable=False),
        sa.Column("status", sa.Text(), server_default="proposed", nullable=False),
        sa.Column("record_kind", sa.Text()),
        sa.Column("record_id", sa.BigInteger()),
        sa.Column("decided_by", sa.Text()),
        sa.Column("decided_at", sa.DateTime(timezone=True)),
        sa.Column("note", sa.Text()),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint(
            "status IN ('proposed', 'accepted', 'rejected')",
            name=op.f("ck_candidates_status_allowed"),
        ),
        sa.CheckConstraint(
            "(status = 'proposed') = (decided_at IS NULL AND decided_by IS NULL)",
            name=op.f("ck_candidates_decided_when_not_proposed"),
        ),
        sa.CheckConstraint(
            "(status = 'accepted') = (record_kind IS NOT NULL AND record_id IS NOT NULL)",
            name=op.f("ck_candidates_accepted_names_its_record"),
        ),
        sa.CheckConstraint(
            "jsonb_typeof(body) = 'object'", name=op.f("ck_candidates_body_is_object")
        ),
    )
    op.create_index("ix_candidates_source", "candidates", ["source_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_candidates_source", table_name="candidates")
    op.drop_table("candidates")
    op.drop_constraint(op.f("ck_events_origin_allowed"), "events", type_="check")
    op.drop_column("events", "origin")
