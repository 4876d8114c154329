"""A record as its GET serves it, to the public or to editors: for ETags, revisions and writes."""

from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.actors.service import actor_item
from app.claims.service import claim_item
from app.events.items import event_item
from app.models import Actor, Event, Negotiation, Place, Source, TerritorialClaim
from app.negotiations.service import negotiation_item
from app.places.service import place_item
from app.sources.service import source_detail_item
from app.sqljson import as_text, shown

ITEMS: dict[str, tuple[Any, Callable[[bool], ColumnElement[Any]]]] = {
    "event": (Event, event_item),
    "negotiation": (Negotiation, negotiation_item),
    "claim": (TerritorialClaim, claim_item),
    "actor": (Actor, lambda _editor: actor_item()),
    "place": (Place, lambda _editor: place_item()),
    "source": (Source, source_detail_item),
}
EDITORIAL = {"event", "negotiation", "claim"}
"""Kinds with a status; the others are always public."""


async def representation(
    session: AsyncSession, kind: str, row_id: int, *, editor: bool
) -> bytes | None:
    """The record's JSON as its GET would serve it now; None when the reader may not see it."""
    model, item = ITEMS[kind]
    query = select(as_text(item(editor))).where(model.id == row_id)
    if kind in EDITORIAL:
        query = query.where(shown(model.status, editor))
    text = (await session.execute(query)).scalar_one_or_none()
    return text.encode() if text is not None else None
