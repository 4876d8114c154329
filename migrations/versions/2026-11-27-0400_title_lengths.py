"""Titles are at most 300 characters, in the database as in the API.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27 04:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("events", "territorial_claims", "negotiations", "sources")


def upgrade() -> None:
    for table in TABLES:
        op.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT ck_{table}_title_length "
            "CHECK (char_length(title) <= 300) NOT VALID"
        )
        op.execute(f"ALTER TABLE {table} VALIDATE CONSTRAINT ck_{table}_title_length")


def downgrade() -> None:
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT ck_{table}_title_length")
