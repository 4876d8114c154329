"""Queries over events: the timeline's hot read path lives here.

Each statement is built once for its shape (which filters are given, who reads, which
members) and run with the request's values bound, so a page costs what PostgreSQL spends on it.
"""

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, exists, false, select
from sqlalchemy.ext.asyncio import AsyncSession

from app import prepared
from app.common import as_id, resolve_ids
from app.events.items import event_item
from app.models import Actor, Event, EventParticipant, EventPlace, Negotiation, Place
from app.pagination import Keyset, run_page
from app.places.service import place_and_descendants
from app.search import matches_bound, parse
from app.sqljson import AnySelect, as_text, one_of, shown

KEYSET = Keyset("events", (Event.date_start, Event.id), (dt.date, int), descending=True)


@dataclass
class EventFilters:
    type: list[str] = field(default_factory=list)
    actor: list[str] = field(default_factory=list)
    place: list[str] = field(default_factory=list)
    negotiation: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    verification: list[str] = field(default_factory=list)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str | None = None
    editor: bool = False
    """An editor's view: drafts too, wherever they are nested."""


@dataclass(frozen=True)
class _Shape:
    """What a page's statement depends on; the values it filters by are bound apart."""

    editor: bool
    chosen: frozenset[str] | None
    given: frozenset[str]
    """The filters given: names of bound values."""
    words: bool = True
    """False for a search without words, which matches nothing."""


def _filtered(query: AnySelect, shape: _Shape) -> AnySelect:
    given = shape.given
    if "status" in given:
        query = query.where(one_of(Event.status, "status"))
    else:
        query = query.where(shown(Event.status, shape.editor))
    if "type" in given:
        query = query.where(one_of(Event.type, "type"))
    if "verification" in given:
        query = query.where(one_of(Event.verification, "verification"))
    if "actor" in given:
        query = query.where(
            exists().where(
                EventParticipant.event_id == Event.id,
                one_of(EventParticipant.actor_id, "actor"),
            )
        )
    if "place" in given:
        query = query.where(
            exists().where(
                EventPlace.event_id == Event.id,
                EventPlace.place_id.in_(place_and_descendants("place")),
            )
        )
    if "negotiation" in given:
        query = query.where(one_of(Event.negotiation_id, "negotiation"))
    if "date_from" in given:
        query = query.where(Event.date_end >= bindparam("date_from", type_=Event.date_end.type))
    if "date_to" in given:
        query = query.where(Event.date_start <= bindparam("date_to", type_=Event.date_start.type))
    if "tsquery" in given:
        query = query.where(matches_bound(Event.search) if shape.words else false())
    return query


@lru_cache(maxsize=256)
def _page(shape: _Shape, *, after: bool) -> AnySelect:
    query = select(Event.date_start, Event.id, as_text(event_item(shape.editor, shape.chosen)))
    return KEYSET.paged(_filtered(query, shape), after=after)


async def _values(session: AsyncSession, f: EventFilters) -> tuple[dict[str, Any], bool]:
    """The values of the given filters, references looked up; and whether a search has words."""
    values: dict[str, Any] = {
        "status": f.status,
        "type": f.type,
        "verification": f.verification,
        "actor": await resolve_ids(session, Actor, f.actor, param="actor", kind="actor"),
        "place": await resolve_ids(session, Place, f.place, param="place", kind="place"),
        "negotiation": f.negotiation
        and await resolve_ids(
            session,
            Negotiation,
            f.negotiation,
            param="negotiation",
            kind="negotiation",
            visible=shown(Negotiation.status, f.editor),
        ),
        "date_from": f.date_from,
        "date_to": f.date_to,
    }
    words = True
    if f.q:
        parsed = await parse(session, f.q)
        words = parsed is not None
        values["tsquery"] = parsed.tsquery if parsed is not None else ""
    return {k: v for k, v in values.items() if v or (k == "tsquery")}, words


async def list_events(
    session: AsyncSession,
    filters: EventFilters,
    *,
    limit: int,
    cursor: str | None,
    chosen: frozenset[str] | None = None,
) -> bytes:
    values, words = await _values(session, filters)
    shape = _Shape(filters.editor, chosen, frozenset(values), words)
    statement = _page(shape, after=cursor is not None)
    return await run_page(session, statement, KEYSET, values, limit=limit, cursor=cursor)


PUBLIC = _Shape(editor=False, chosen=None, given=frozenset())


async def public_page(reader: prepared.Reader, *, limit: int, cursor: str | None) -> bytes:
    """What `list_events` gives a reader without a key who filters nothing and reads every
    member: a page read without looking anything up first."""
    statement = _page(PUBLIC, after=cursor is not None)
    return await run_page(reader, statement, KEYSET, {}, limit=limit, cursor=cursor)


@lru_cache(maxsize=8)
def _one(editor: bool, by: str) -> AnySelect:
    key = bindparam("key", type_=Event.id.type if by == "id" else Event.slug.type)
    column = Event.id if by == "id" else Event.slug
    return select(as_text(event_item(editor))).where(column == key, shown(Event.status, editor))


async def get_event(session: AsyncSession, key: str, *, editor: bool) -> bytes | None:
    row_id = as_id(key)
    by, value = ("id", row_id) if row_id is not None else ("slug", key)
    rows = await prepared.fetch(session, _one(editor, by), {"key": value})
    return rows[0][0].encode() if rows else None
