"""pytest-alembic's standard tests: one head, every revision upgrades from empty, the models
match the migrated schema, and each revision downgrades and upgrades again."""

from pytest_alembic.tests import (
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)

__all__ = [
    "test_model_definitions_match_ddl",
    "test_single_head_revision",
    "test_up_down_consistency",
    "test_upgrade",
]
