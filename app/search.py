"""Full-text search: `websearch_to_tsquery` syntax (`"prisoner exchange" -bodies`), English
stemming, accents folded, and the names of linked actors and places.

Each word of a query also matches the actors and places whose names or aliases hold it: it is
widened to the lexemes (`actor12`, `place4`) by which records name them (migration 0007). Words
inside a quoted phrase are left as they are: a phrase is matched in the record's own text.
"""

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Text, bindparam, cast, false, literal, text
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.ext.asyncio import AsyncSession

_LEXEME = re.compile(r"'((?:[^']|'')*)'(:[*A-D]+)?")
_NAMED = text(
    """
    SELECT lexeme, array_agg(ref ORDER BY ref) FROM unnest(CAST(:lexemes AS text[])) AS lexeme
    JOIN LATERAL (
        SELECT 'actor' || id AS ref FROM actors WHERE search @@ quote_literal(lexeme)::tsquery
        UNION ALL
        SELECT 'place' || id FROM places WHERE search @@ quote_literal(lexeme)::tsquery
    ) named ON true
    GROUP BY lexeme
    """
)


@dataclass(frozen=True)
class Query:
    """A parsed query, as the text of a tsquery; `None` stands for one with no words."""

    tsquery: str

    def matches(self, vector: Any) -> ColumnElement[bool]:
        return vector.op("@@")(cast(literal(self.tsquery), TSQUERY))  # type: ignore[no-any-return]


async def parse(session: AsyncSession, q: str) -> Query | None:
    """The query `q` means, widened to the names of actors and places; None when it has no
    words to look for (only stop words or punctuation)."""
    parsed = await session.execute(
        text("SELECT websearch_to_tsquery('english', parley_fold(:q))::text"), {"q": q}
    )
    tsquery: str = parsed.scalar_one()
    if not tsquery:
        return None
    lexemes = sorted({m.group(1).replace("''", "'") for m in _LEXEME.finditer(tsquery)})
    named: dict[str, list[str]] = {}
    if lexemes:
        named = {row[0]: row[1] for row in await session.execute(_NAMED, {"lexemes": lexemes})}

    def widen(m: re.Match[str]) -> str:
        lexeme = m.group(1).replace("''", "'")
        before = tsquery[: m.start()].rstrip(" (!")
        after = tsquery[m.end() :].lstrip(" )")
        if lexeme not in named or before.endswith(">") or after.startswith("<"):
            return m.group(0)
        return "( " + " | ".join([m.group(0), *(f"'{ref}'" for ref in named[lexeme])]) + " )"

    return Query(_LEXEME.sub(widen, tsquery))


def matches(vector: Any, query: Query | None) -> ColumnElement[bool]:
    """Rows whose vector matches; none for a query without words."""
    return query.matches(vector) if query is not None else false()


def bound_tsquery() -> ColumnElement[Any]:
    """A parsed query's text, bound as `:tsquery`, in statements built once for their shape."""
    return cast(bindparam("tsquery", type_=Text), TSQUERY)


def matches_bound(vector: Any) -> ColumnElement[bool]:
    """Rows whose vector matches the query bound as `:tsquery`."""
    return vector.op("@@")(bound_tsquery())  # type: ignore[no-any-return]
