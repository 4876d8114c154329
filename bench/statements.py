"""Statements as Parley sends them to PostgreSQL: SQL with `$n` parameters and their values,
kept as JSON between processes and written as PostgreSQL text for pgbench."""

import datetime as dt
import decimal
import json
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

_TOKENS = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\d+)""")
"""Quoted literals and identifiers (left alone), and `$n` parameters."""


@dataclass(frozen=True)
class Statement:
    sql: str
    args: tuple[Any, ...] = ()

    @property
    def controls_transaction(self) -> bool:
        words = self.sql.strip().rstrip(";").split()
        return bool(words) and words[0].upper() in {"BEGIN", "COMMIT", "ROLLBACK", "START", "END"}


def replace_parameters(sql: str, replacement: Callable[[int], str]) -> str:
    """`sql` with each `$n` outside quotes replaced by `replacement(n)`."""

    def swap(match: re.Match[str]) -> str:
        number = match.group(1)
        return replacement(int(number)) if number is not None else match.group(0)

    return _TOKENS.sub(swap, sql)


def quoted_literals(sql: str) -> list[str]:
    return [m.group(0) for m in _TOKENS.finditer(sql) if m.group(0)[0] in "'\""]


def pg_text(value: Any) -> str:
    """A parameter value in PostgreSQL's text input form."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | decimal.Decimal | uuid.UUID | str):
        return str(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "{" + ",".join(_array_element(v) for v in value) + "}"
    if isinstance(value, dict):
        return json.dumps(value)
    if isinstance(value, bytes):
        return "\\x" + value.hex()
    raise TypeError(f"no text form for a {type(value).__name__} parameter")


def _array_element(value: Any) -> str:
    if value is None:
        return "NULL"
    text = pg_text(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def encode_value(value: Any) -> Any:
    """A parameter value as JSON that `decode_value` gives back with its Python type."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [encode_value(v) for v in value]
    if isinstance(value, dt.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, decimal.Decimal):
        return {"decimal": str(value)}
    if isinstance(value, uuid.UUID):
        return {"uuid": str(value)}
    raise TypeError(f"cannot keep a {type(value).__name__} parameter as JSON")


def decode_value(value: Any) -> Any:
    if isinstance(value, list):
        return [decode_value(v) for v in value]
    if not isinstance(value, dict):
        return value
    ((kind, text),) = value.items()
    decoders: dict[str, Callable[[str], Any]] = {
        "datetime": dt.datetime.fromisoformat,
        "date": dt.date.fromisoformat,
        "decimal": decimal.Decimal,
        "uuid": uuid.UUID,
    }
    return decoders[kind](text)


def to_json(statements: Sequence[Statement]) -> list[dict[str, Any]]:
    return [{"sql": s.sql, "args": [encode_value(a) for a in s.args]} for s in statements]


def from_json(kept: Sequence[dict[str, Any]]) -> list[Statement]:
    return [Statement(s["sql"], tuple(decode_value(a) for a in s["args"])) for s in kept]
