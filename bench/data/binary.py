"""Values in PostgreSQL's binary form, sent by COPY as they are: asyncpg's own encoders of
timestamps, JSON and arrays cost more than the rest of a row together."""

import datetime as dt
import struct
from typing import Any

import orjson

PG_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
MINUTE = 60_000_000
DAY = 1440 * MINUTE
"""Microseconds."""
_INT8 = struct.Struct("!q").pack
AS_GIVEN = ("timestamptz", "jsonb", "tsvector")
"""Types whose values the load passes in binary form (see `timestamptz`, `jsonb`)."""


def micros(moment: dt.datetime) -> int:
    """A moment as PostgreSQL counts it: microseconds since 2000-01-01 UTC."""
    return (moment - PG_EPOCH) // dt.timedelta(microseconds=1)


def timestamptz(count: int) -> bytes:
    return _INT8(count)


def jsonb(value: Any) -> bytes:
    return b"\x01" + orjson.dumps(value)


NO_FLAGS = jsonb([])


def as_given(value: bytes) -> bytes:
    return value
