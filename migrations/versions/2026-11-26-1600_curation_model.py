"""Curation you can sum and trust: figures that add up, delivery of outcomes, date labels,
several places per event, who says so on events, announced dates.

Existing rows are carried over: every EDTF date gets its label, each event's place becomes a
place with the role `location`, each outcome is dated like its negotiation and numbers the
events linked to it as stages in date order, and a best figure that overlaps best figures of
its own parts (people beside military and civilians) stops being best and becomes their total,
with a note saying so.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 16:00:00
"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from app.dates import edtf_bounds

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTOR_KINDS = ("state", "body", "person", "group")
PRECISIONS = "'day', 'month', 'season', 'year', 'range', 'unknown'"
DELIVERY_STATES = "'pending', 'in_progress', 'partly_delivered', 'delivered', 'failed', 'unknown'"
CATEGORIES = "'people', 'prisoners', 'military', 'civilians', 'bodies'"

# EDTF columns that gain a label: (table, prefix).
DATED = [
    ("sources", "published"),
    ("actor_roles", "as_of"),
    ("negotiations", "date"),
    ("events", "date"),
    ("territorial_claims", "as_of"),
]

# The category hierarchy as of this revision: people > prisoners > military, civilians; bodies.
DESCENDANTS = {
    "people": ["prisoners", "military", "civilians"],
    "prisoners": ["military", "civilians"],
}
SPAN_LOW = (
    "CASE category WHEN 'people' THEN 0 WHEN 'prisoners' THEN 0 WHEN 'military' THEN 0 "
    "WHEN 'civilians' THEN 1 WHEN 'bodies' THEN 2 END"
)
SPAN_HIGH = (
    "CASE category WHEN 'people' THEN 2 WHEN 'prisoners' THEN 2 WHEN 'military' THEN 1 "
    "WHEN 'civilians' THEN 2 WHEN 'bodies' THEN 3 END"
)
EXCLUSION = (
    "ALTER TABLE quantities ADD CONSTRAINT ex_quantities_best_figures_overlap "
    "EXCLUDE USING gist (int8range(event_id, event_id, '[]') WITH &&, "
    "int8range(coalesce(recipient_id, 0), coalesce(recipient_id, 0), '[]') WITH &&, "
    f"int4range({SPAN_LOW}, {SPAN_HIGH}) WITH &&) WHERE (is_best)"
)

LOCK = "PERFORM pg_advisory_xact_lock(hashtext('parley.event_documents'));"
STALE_BY_REFERENCE = f"""
        BEGIN
            {LOCK}
            IF TG_TABLE_NAME = 'actors' THEN
                UPDATE events SET document = NULL
                WHERE document IS NOT NULL AND (
                    stated_by_id = OLD.id OR expected_stated_by_id = OLD.id
                    OR id IN (
                        SELECT event_id FROM event_participants WHERE actor_id = OLD.id
                        UNION
                        SELECT event_id FROM quantities
                        WHERE recipient_id = OLD.id OR stated_by_id = OLD.id));
            ELSIF TG_TABLE_NAME = 'places' THEN
                UPDATE events SET document = NULL
                WHERE document IS NOT NULL
                AND id IN (SELECT event_id FROM event_places WHERE place_id = OLD.id);
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
        END"""


def _previous_functions() -> dict[str, str]:
    """The trigger functions of revision 0002, restored on downgrade."""
    path = next(Path(__file__).parent.glob("*_event_documents.py"))
    spec = importlib.util.spec_from_file_location("parley_migration_0002", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    functions: dict[str, str] = module.FUNCTIONS
    return functions


def _replace_function(name: str, body: str) -> None:
    op.execute(
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn${body}\n$fn$"
    )


def _label_check(table: str, prefix: str) -> None:
    op.create_check_constraint(
        op.f(f"ck_{table}_{prefix}_label_readable"),
        table,
        f"{prefix}_label <> '' AND {prefix}_label !~ '[~?/]'",
    )


def _add_labels(table: str, prefix: str) -> None:
    """Add `<prefix>_label`, filled from each distinct EDTF value, then required."""
    column = f"{prefix}_label"
    op.add_column(table, sa.Column(column, sa.Text(), nullable=True))
    bind = op.get_bind()
    values = bind.execute(sa.text(f"SELECT DISTINCT {prefix} FROM {table}")).scalars().all()
    for value in values:
        bind.execute(
            sa.text(f"UPDATE {table} SET {column} = :label WHERE {prefix} = :edtf"),
            {"label": edtf_bounds(value).label, "edtf": value},
        )
    op.alter_column(table, column, nullable=False)
    _label_check(table, prefix)


def _dated_columns(prefix: str, *, nullable: bool) -> list[sa.Column[object]]:
    return [
        sa.Column(prefix, sa.Text(), nullable=nullable),
        sa.Column(f"{prefix}_start", sa.Date(), nullable=nullable),
        sa.Column(f"{prefix}_end", sa.Date(), nullable=nullable),
        sa.Column(f"{prefix}_precision", sa.Text(), nullable=nullable),
        sa.Column(f"{prefix}_label", sa.Text(), nullable=nullable),
    ]


def _date_checks(table: str, prefix: str) -> None:
    op.create_check_constraint(
        op.f(f"ck_{table}_{prefix}_bounds_ordered"), table, f"{prefix}_start <= {prefix}_end"
    )
    op.create_check_constraint(
        op.f(f"ck_{table}_{prefix}_precision_allowed"),
        table,
        f"{prefix}_precision IN ({PRECISIONS})",
    )
    _label_check(table, prefix)


def _upgrade_actors() -> None:
    kinds = ", ".join(f"'{k}'" for k in (*ACTOR_KINDS, "publication"))
    op.drop_constraint(op.f("ck_actors_kind_allowed"), "actors", type_="check")
    op.create_check_constraint(op.f("ck_actors_kind_allowed"), "actors", f"kind IN ({kinds})")


def _upgrade_events() -> None:
    op.add_column("events", sa.Column("stated_by_id", sa.BigInteger(), nullable=True))
    op.create_foreign_key(
        op.f("fk_events_stated_by_id_actors"),
        "events",
        "actors",
        ["stated_by_id"],
        ["id"],
        ondelete="RESTRICT",
    )
    op.create_index(op.f("ix_events_stated_by_id"), "events", ["stated_by_id"])
    for column in _dated_columns("expected", nullable=True):
        op.add_column("events", column)
    op.add_column("events", sa.Column("expected_stated_by_id", sa.BigInteger(), nullable=True))
    op.create_foreign_key(
        op.f("fk_events_expected_stated_by_id_actors"),
        "events",
        "actors",
        ["expected_stated_by_id"],
        ["id"],
        ondelete="RESTRICT",
    )
    _date_checks("events", "expected")
    op.create_check_constraint(
        op.f("ck_events_expected_complete"),
        "events",
        "num_nulls(expected, expected_start, expected_end, expected_precision, expected_label, "
        "expected_stated_by_id) IN (0, 6)",
    )
    op.create_table(
        "event_places",
        sa.Column("event_id", sa.BigInteger(), nullable=False),
        sa.Column("place_id", sa.BigInteger(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "role IN ('location', 'subject')", name=op.f("ck_event_places_role_allowed")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_places_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["place_id"],
            ["places.id"],
            name=op.f("fk_event_places_place_id_places"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("event_id", "place_id", "role", name=op.f("pk_event_places")),
    )
    op.create_index(op.f("ix_event_places_place_id"), "event_places", ["place_id"])
    op.execute(
        "INSERT INTO event_places (event_id, place_id, role) "
        "SELECT id, place_id, 'location' FROM events WHERE place_id IS NOT NULL"
    )
    _replace_function("event_documents_stale_by_reference", STALE_BY_REFERENCE)
    op.execute(
        "CREATE TRIGGER event_documents_stale_by_child_event_places "
        "AFTER INSERT OR UPDATE OR DELETE ON event_places "
        "FOR EACH ROW EXECUTE FUNCTION event_documents_stale_by_child()"
    )
    op.execute(
        "CREATE TRIGGER event_documents_stale_all_event_places AFTER TRUNCATE ON event_places "
        "FOR EACH STATEMENT EXECUTE FUNCTION event_documents_stale_all()"
    )
    op.drop_index(op.f("ix_events_place_id"), table_name="events")
    op.drop_column("events", "place_id")


def _upgrade_quantities() -> None:
    op.add_column(
        "quantities", sa.Column("basis", sa.Text(), server_default="stated", nullable=False)
    )
    op.add_column(
        "quantities",
        sa.Column(
            "total_of",
            postgresql.ARRAY(sa.Text()),
            server_default=sa.text("'{}'"),
            nullable=False,
        ),
    )
    op.add_column(
        "quantities",
        sa.Column(
            "flags", postgresql.JSONB(), server_default=sa.text("'[]'::jsonb"), nullable=False
        ),
    )
    op.create_check_constraint(
        op.f("ck_quantities_basis_allowed"),
        "quantities",
        "basis IN ('stated', 'derived', 'inferred')",
    )
    op.create_check_constraint(
        op.f("ck_quantities_flags_is_array"), "quantities", "jsonb_typeof(flags) = 'array'"
    )
    op.create_check_constraint(
        op.f("ck_quantities_worked_out_is_flagged"),
        "quantities",
        "basis = 'stated' OR jsonb_array_length(flags) > 0",
    )
    op.create_check_constraint(
        op.f("ck_quantities_total_of_categories"),
        "quantities",
        f"total_of <@ ARRAY[{CATEGORIES}]::text[] AND NOT category = ANY(total_of)",
    )
    for category, parts in DESCENDANTS.items():
        same = (
            "p.event_id = q.event_id AND p.recipient_id IS NOT DISTINCT FROM q.recipient_id "
            "AND p.is_best AND p.category = ANY(:parts)"
        )
        op.get_bind().execute(
            sa.text(
                "UPDATE quantities AS q SET is_best = false, "
                f"total_of = ARRAY(SELECT DISTINCT p.category FROM quantities p WHERE {same} "
                "ORDER BY 1), "
                "flags = q.flags || jsonb_build_array(jsonb_build_object("
                "'kind', 'note', 'field', 'is_best', 'chosen', false, 'detail', "
                "'No longer a best figure: best figures of its parts exist, so it is kept as "
                "their total and summing best figures counts no one twice.')) "
                f"WHERE q.is_best AND q.category = :category AND EXISTS ("
                f"SELECT 1 FROM quantities p WHERE {same})"
            ),
            {"category": category, "parts": parts},
        )
    op.drop_index(op.f("uq_quantities_one_best"), table_name="quantities")
    op.execute(EXCLUSION)


def _upgrade_outcomes() -> None:
    for column in _dated_columns("date", nullable=True):
        op.add_column("outcomes", column)
    op.execute(
        "UPDATE outcomes o SET date = n.date, date_start = n.date_start, date_end = n.date_end, "
        "date_precision = n.date_precision, date_label = n.date_label "
        "FROM negotiations n WHERE n.id = o.negotiation_id"
    )
    for name in ("date", "date_start", "date_end", "date_precision", "date_label"):
        op.alter_column("outcomes", name, nullable=False)
    _date_checks("outcomes", "date")
    op.add_column("outcomes", sa.Column("delivery", sa.Text(), nullable=True))
    for column in _dated_columns("delivery_as_of", nullable=True):
        op.add_column("outcomes", column)
    op.add_column("outcomes", sa.Column("delivery_stated_by_id", sa.BigInteger(), nullable=True))
    op.create_foreign_key(
        op.f("fk_outcomes_delivery_stated_by_id_actors"),
        "outcomes",
        "actors",
        ["delivery_stated_by_id"],
        ["id"],
        ondelete="RESTRICT",
    )
    op.create_check_constraint(
        op.f("ck_outcomes_delivery_allowed"), "outcomes", f"delivery IN ({DELIVERY_STATES})"
    )
    _date_checks("outcomes", "delivery_as_of")
    op.create_check_constraint(
        op.f("ck_outcomes_delivery_complete"),
        "outcomes",
        "num_nulls(delivery, delivery_as_of, delivery_as_of_start, delivery_as_of_end, "
        "delivery_as_of_precision, delivery_as_of_label, delivery_stated_by_id) IN (0, 7)",
    )
    op.add_column(
        "outcomes",
        sa.Column(
            "flags", postgresql.JSONB(), server_default=sa.text("'[]'::jsonb"), nullable=False
        ),
    )
    op.create_check_constraint(
        op.f("ck_outcomes_flags_is_array"), "outcomes", "jsonb_typeof(flags) = 'array'"
    )
    op.add_column("outcome_events", sa.Column("stage", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE outcome_events oe SET stage = numbered.stage FROM ("
        "SELECT x.outcome_id, x.event_id, row_number() OVER ("
        "PARTITION BY x.outcome_id ORDER BY e.date_start, e.id) AS stage "
        "FROM outcome_events x JOIN events e ON e.id = x.event_id) AS numbered "
        "WHERE numbered.outcome_id = oe.outcome_id AND numbered.event_id = oe.event_id"
    )
    op.alter_column("outcome_events", "stage", nullable=False)
    op.create_check_constraint(
        op.f("ck_outcome_events_stage_positive"), "outcome_events", "stage >= 1"
    )
    op.create_unique_constraint(
        op.f("uq_outcome_events_outcome_id_stage"), "outcome_events", ["outcome_id", "stage"]
    )


def upgrade() -> None:
    _upgrade_actors()
    for table, prefix in DATED:
        _add_labels(table, prefix)
    _upgrade_events()
    _upgrade_quantities()
    _upgrade_outcomes()


def downgrade() -> None:
    op.drop_constraint(op.f("uq_outcome_events_outcome_id_stage"), "outcome_events", type_="unique")
    op.drop_constraint(op.f("ck_outcome_events_stage_positive"), "outcome_events", type_="check")
    op.drop_column("outcome_events", "stage")
    op.drop_constraint(op.f("ck_outcomes_flags_is_array"), "outcomes", type_="check")
    op.drop_column("outcomes", "flags")
    op.drop_constraint(op.f("ck_outcomes_delivery_complete"), "outcomes", type_="check")
    for name in (
        "delivery_as_of_bounds_ordered",
        "delivery_as_of_precision_allowed",
        "delivery_as_of_label_readable",
        "delivery_allowed",
        "date_bounds_ordered",
        "date_precision_allowed",
        "date_label_readable",
    ):
        op.drop_constraint(op.f(f"ck_outcomes_{name}"), "outcomes", type_="check")
    op.drop_constraint(
        op.f("fk_outcomes_delivery_stated_by_id_actors"), "outcomes", type_="foreignkey"
    )
    for name in ("delivery", "delivery_stated_by_id"):
        op.drop_column("outcomes", name)
    for prefix in ("delivery_as_of", "date"):
        for column in _dated_columns(prefix, nullable=True):
            op.drop_column("outcomes", column.name)

    op.execute("ALTER TABLE quantities DROP CONSTRAINT ex_quantities_best_figures_overlap")
    op.create_index(
        op.f("uq_quantities_one_best"),
        "quantities",
        ["event_id", "category", "recipient_id"],
        unique=True,
        postgresql_where=sa.text("is_best"),
        postgresql_nulls_not_distinct=True,
    )
    for name in ("total_of_categories", "worked_out_is_flagged", "flags_is_array", "basis_allowed"):
        op.drop_constraint(op.f(f"ck_quantities_{name}"), "quantities", type_="check")
    for name in ("flags", "total_of", "basis"):
        op.drop_column("quantities", name)

    op.add_column("events", sa.Column("place_id", sa.BigInteger(), nullable=True))
    op.execute(
        "UPDATE events e SET place_id = ("
        "SELECT min(place_id) FROM event_places p WHERE p.event_id = e.id AND p.role = 'location')"
    )
    op.create_foreign_key(
        op.f("fk_events_place_id_places"),
        "events",
        "places",
        ["place_id"],
        ["id"],
        ondelete="RESTRICT",
    )
    op.create_index(op.f("ix_events_place_id"), "events", ["place_id"])
    _replace_function(
        "event_documents_stale_by_reference",
        _previous_functions()["event_documents_stale_by_reference"],
    )
    op.execute("DROP TRIGGER event_documents_stale_all_event_places ON event_places")
    op.execute("DROP TRIGGER event_documents_stale_by_child_event_places ON event_places")
    op.drop_table("event_places")
    op.drop_constraint(op.f("ck_events_expected_complete"), "events", type_="check")
    for name in ("bounds_ordered", "precision_allowed", "label_readable"):
        op.drop_constraint(op.f(f"ck_events_expected_{name}"), "events", type_="check")
    op.drop_constraint(op.f("fk_events_expected_stated_by_id_actors"), "events", type_="foreignkey")
    op.drop_column("events", "expected_stated_by_id")
    for column in _dated_columns("expected", nullable=True):
        op.drop_column("events", column.name)
    op.drop_index(op.f("ix_events_stated_by_id"), table_name="events")
    op.drop_constraint(op.f("fk_events_stated_by_id_actors"), "events", type_="foreignkey")
    op.drop_column("events", "stated_by_id")

    for table, prefix in DATED:
        op.drop_constraint(op.f(f"ck_{table}_{prefix}_label_readable"), table, type_="check")
        op.drop_column(table, f"{prefix}_label")

    op.execute("UPDATE actors SET kind = 'body' WHERE kind = 'publication'")
    op.drop_constraint(op.f("ck_actors_kind_allowed"), "actors", type_="check")
    kinds = ", ".join(f"'{k}'" for k in ACTOR_KINDS)
    op.create_check_constraint(op.f("ck_actors_kind_allowed"), "actors", f"kind IN ({kinds})")
