"""The search vectors the write path keeps: recomputed for a record whenever it is written.

The vectors are computed in PostgreSQL by the functions of migration 0007, from the record's
rows; a record names actors and places by id, so renaming one reindexes only it.
"""

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

FUNCTIONS = {
    "actor": ("actors", "parley_actor_search"),
    "place": ("places", "parley_place_search"),
    "event": ("events", "parley_event_search"),
    "claim": ("territorial_claims", "parley_claim_search"),
    "negotiation": ("negotiations", "parley_negotiation_search"),
    "outcome": ("outcomes", "parley_outcome_search"),
}
INDEXED = ("actor", "place", "event", "claim", "negotiation")


async def index(session: AsyncSession, kind: str, row_id: int) -> None:
    """Recompute one record's search vector (a negotiation's outcomes' too)."""
    if kind not in FUNCTIONS:
        return
    table, function = FUNCTIONS[kind]
    await session.execute(
        text(f"UPDATE {table} SET search = {function}(id) WHERE id = :id"), {"id": row_id}
    )
    if kind == "negotiation":
        await session.execute(
            text(
                "UPDATE outcomes SET search = parley_outcome_search(id) WHERE negotiation_id = :id"
            ),
            {"id": row_id},
        )


async def reindex_all(session: AsyncSession) -> None:
    """Recompute every search vector: for rows written outside the write path (bulk loads)."""
    for table, function in FUNCTIONS.values():
        await session.execute(text(f"UPDATE {table} SET search = {function}(id)"))
