"""Every setting is documented in the README with its default."""

import re
from pathlib import Path

import pytest

from app.config import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def _env_name(field: str) -> str:
    alias = Settings.model_fields[field].validation_alias
    choices = getattr(alias, "choices", None)
    return str(choices[0]) if choices else f"PARLEY_{field.upper()}"


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_setting_is_documented_with_its_default(field: str) -> None:
    name = _env_name(field)
    row = re.search(rf"^\| `{re.escape(name)}` \| (.+?) \|", README, re.MULTILINE)
    assert row, f"{name} is not in the README's configuration table"
    default = Settings.model_fields[field].default
    shown = "unset" if default is None else str(default).lower()
    assert row.group(1).strip("`").lower() == shown


def test_readme_opens_with_the_two_commands() -> None:
    head = README.split("\n## ")[0]
    assert "make run" in head and "make test" in head
