"""Editorial writes: a change log in commit order, richer revisions, versions on every record,
idempotent creates, source text versions, and slugs that are never all digits.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SLUGGED = [
    "actors",
    "places",
    "sources",
    "negotiations",
    "events",
    "outcomes",
    "territorial_claims",
]
SLUG = "slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'"
EDITORIAL = ["events", "negotiations", "territorial_claims"]
UNVERSIONED = ["actors", "places", "sources"]
KINDS = "'event', 'negotiation', 'claim', 'actor', 'place', 'source'"
ACTIONS = "'create', 'update', 'publish', 'retract', 'restore', 'delete'"
OLD_ACTIONS = "'create', 'update', 'delete'"


def _slug_check(table: str, check: str) -> None:
    op.drop_constraint(op.f(f"ck_{table}_slug_format"), table, type_="check")
    op.create_check_constraint(op.f(f"ck_{table}_slug_format"), table, check)


def upgrade() -> None:
    for table in SLUGGED:
        _slug_check(table, f"{SLUG} AND slug !~ '^[0-9]+$'")
    for table in UNVERSIONED:
        op.add_column(
            table, sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False)
        )
        op.create_check_constraint(op.f(f"ck_{table}_version_positive"), table, "version >= 1")
    for table in EDITORIAL:
        op.add_column(table, sa.Column("status_note", sa.Text(), nullable=True))
    op.add_column("sources", sa.Column("archive_url", sa.Text(), nullable=True))
    op.add_column(
        "sources",
        sa.Column("text_version", sa.Integer(), server_default=sa.text("1"), nullable=False),
    )
    op.create_table(
        "source_versions",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("source_id", sa.BigInteger(), nullable=False),
        sa.Column("text_version", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column(
            "replaced_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "char_length(sha256) = 64", name=op.f("ck_source_versions_sha256_length")
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_source_versions_source_id_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_versions")),
        sa.UniqueConstraint(
            "source_id", "text_version", name=op.f("uq_source_versions_source_id_text_version")
        ),
    )

    op.drop_constraint(op.f("ck_revisions_action_allowed"), "revisions", type_="check")
    op.create_check_constraint(
        op.f("ck_revisions_action_allowed"), "revisions", f"action IN ({ACTIONS})"
    )
    op.add_column("revisions", sa.Column("public_note", sa.Text(), nullable=True))
    op.add_column("revisions", sa.Column("public", sa.Text(), nullable=True))
    op.alter_column("revisions", "created_at", server_default=sa.text("clock_timestamp()"))
    op.create_index(
        "ix_revisions_public_note",
        "revisions",
        ["id"],
        postgresql_where=sa.text("public_note IS NOT NULL"),
    )

    op.create_table(
        "change_clock",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_change_clock_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_clock")),
    )
    op.execute("INSERT INTO change_clock (id, value) VALUES (1, 0)")
    op.create_table(
        "changes",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("record_id", sa.BigInteger(), nullable=False),
        sa.Column("slug", sa.Text(), nullable=False),
        sa.Column("operation", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column("revision_id", sa.BigInteger(), nullable=True),
        sa.Column(
            "at",
            sa.DateTime(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.CheckConstraint(f"kind IN ({KINDS})", name=op.f("ck_changes_kind_allowed")),
        sa.CheckConstraint(f"operation IN ({ACTIONS})", name=op.f("ck_changes_operation_allowed")),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["revisions.id"],
            name=op.f("fk_changes_revision_id_revisions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_changes")),
    )
    op.create_index("ix_changes_public", "changes", ["seq"], postgresql_where=sa.text("public"))
    op.create_table(
        "idempotency_keys",
        sa.Column("api_key_id", sa.BigInteger(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("request_hash", postgresql.BYTEA(), nullable=False),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("body", postgresql.BYTEA(), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["api_key_id"],
            ["api_keys.id"],
            name=op.f("fk_idempotency_keys_api_key_id_api_keys"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("api_key_id", "key", name=op.f("pk_idempotency_keys")),
    )
    op.create_index("ix_idempotency_keys_created_at", "idempotency_keys", ["created_at"])


def downgrade() -> None:
    op.drop_table("idempotency_keys")
    op.drop_table("changes")
    op.drop_table("change_clock")
    op.drop_index("ix_revisions_public_note", table_name="revisions")
    op.alter_column("revisions", "created_at", server_default=sa.text("now()"))
    op.drop_column("revisions", "public")
    op.drop_column("revisions", "public_note")
    op.execute(f"DELETE FROM revisions WHERE action NOT IN ({OLD_ACTIONS})")
    op.drop_constraint(op.f("ck_revisions_action_allowed"), "revisions", type_="check")
    op.create_check_constraint(
        op.f("ck_revisions_action_allowed"), "revisions", f"action IN ({OLD_ACTIONS})"
    )
    op.drop_table("source_versions")
    op.drop_column("sources", "text_version")
    op.drop_column("sources", "archive_url")
    for table in EDITORIAL:
        op.drop_column(table, "status_note")
    for table in UNVERSIONED:
        op.drop_constraint(op.f(f"ck_{table}_version_positive"), table, type_="check")
        op.drop_column(table, "version")
    for table in SLUGGED:
        _slug_check(table, SLUG)
