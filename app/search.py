"""Plain substring search, safe against LIKE wildcards in user input."""

from typing import Any

from sqlalchemy import ColumnElement, or_


def contains(text: str, *columns: Any) -> ColumnElement[bool]:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    return or_(*(column.ilike(pattern, escape="\\") for column in columns))
