"""Search vectors, computed as the app's SQL functions compute them, from words the generator
already holds, on connections of their own so that PostgreSQL works on them beside the load.

The app's functions (parley_*_search, migration 0007) read a record's rows back and fold its
text with `parley_fold`, a `translate` whose cost grows with the text times its ~700 mapped
characters: about 4 ms for one event, an hour for a million. Here each vector is the same
expression over the same words: the record's quotes in citation id order (as the functions
join them), the lexemes of what it names, and the fold skipped for ASCII text, which it leaves
as `lower` makes it. The load checks a sample of each table against the functions themselves.
"""

import asyncio
from collections.abc import Sequence
from typing import Any

from bench.data.tables import Words


def _fold(column: str) -> str:
    """`parley_fold(column)`, without its cost for ASCII text (which it only lowercases)."""
    return (
        f"CASE WHEN octet_length({column}) = char_length({column}) THEN lower({column}) "
        f"ELSE parley_fold({column}) END"
    )


VECTORS = f"""
SELECT tsvectorsend(
    setweight(to_tsvector('english', {_fold("a")}), 'A')
    || setweight(to_tsvector('english', {_fold("b")}), 'B')
    || setweight(to_tsvector('english', {_fold("c")}), 'C')
    || setweight(array_to_tsvector(string_to_array(d, ' ')), 'D'))
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS w(a, b, c, d, n)
ORDER BY n
"""
SETTINGS = {"statement_timeout": "0", "jit": "off"}


class Vectors:
    """A few connections that turn words into search vectors (tsvector's binary form)."""

    def __init__(self, statements: Sequence[Any]) -> None:
        self._idle: asyncio.Queue[Any] = asyncio.Queue()
        for statement in statements:
            self._idle.put_nowait(statement)
        self._count = len(statements)

    async def compute(self, words: list[Words]) -> list[bytes]:
        """The vectors of `words`, in order, shared among the connections."""
        share = -(-len(words) // self._count)
        parts = [words[i : i + share] for i in range(0, len(words), share)]
        vectors: list[bytes] = []
        for part in await asyncio.gather(*(self._compute(p) for p in parts)):
            vectors += part
        return vectors

    async def _compute(self, words: list[Words]) -> list[bytes]:
        statement = await self._idle.get()
        try:
            rows = await statement.fetch(
                [w.a for w in words],
                [w.b for w in words],
                [w.c for w in words],
                [w.refs for w in words],
            )
        finally:
            self._idle.put_nowait(statement)
        return [row[0] for row in rows]
