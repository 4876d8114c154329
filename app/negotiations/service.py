"""Queries over negotiation tracks."""

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, case, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.actors.service import actor_ref
from app.common import by_id_or_slug, resolve_ids
from app.fieldsets import pick
from app.models import (
    Actor,
    Citation,
    Delegation,
    DelegationMember,
    Event,
    Negotiation,
    NegotiationParty,
    Outcome,
    OutcomeEvent,
    Place,
)
from app.models.enums import EventType
from app.pagination import Keyset, json_page
from app.places.service import place_and_descendants, place_ref
from app.search import matches, parse
from app.sources.service import citations_of
from app.sqljson import (
    AnySelect,
    array,
    as_text,
    dated,
    editorial,
    fetch_item,
    obj,
    shown,
)


def _event_ref() -> ColumnElement[Any]:
    return obj(
        id=Event.id,
        slug=Event.slug,
        type=Event.type,
        title=Event.title,
        date=Event.date,
        date_label=Event.date_label,
        status=Event.status,
    )


def _parties() -> ColumnElement[Any]:
    return array(
        select(NegotiationParty.actor_id).where(NegotiationParty.negotiation_id == Negotiation.id),
        obj(actor=actor_ref(NegotiationParty.actor_id), role=NegotiationParty.role),
        NegotiationParty.role,
        NegotiationParty.actor_id,
    )


def _delegations() -> ColumnElement[Any]:
    members = array(
        select(DelegationMember.actor_id).where(DelegationMember.delegation_id == Delegation.id),
        obj(actor=actor_ref(DelegationMember.actor_id), role=DelegationMember.role),
        DelegationMember.actor_id,
    )
    return array(
        select(Delegation.id).where(Delegation.negotiation_id == Negotiation.id),
        obj(
            id=Delegation.id,
            side=actor_ref(Delegation.side_id),
            head=actor_ref(Delegation.head_id),
            members=members,
        ),
        Delegation.id,
    )


def _delivery() -> ColumnElement[Any]:
    """How far the outcome has been carried out, as of when, according to whom; or null."""
    state = obj(
        state=Outcome.delivery,
        **dated(Outcome, "delivery_as_of", key="as_of"),
        stated_by=actor_ref(Outcome.delivery_stated_by_id),
    )
    return case((Outcome.delivery.is_not(None), state))


def _stages(editor: bool) -> ColumnElement[Any]:
    return array(
        select(Event.id)
        .join(OutcomeEvent, OutcomeEvent.event_id == Event.id)
        .where(OutcomeEvent.outcome_id == Outcome.id, shown(Event.status, editor)),
        obj(stage=OutcomeEvent.stage, event=_event_ref()),
        OutcomeEvent.stage,
    )


def _outcomes(editor: bool) -> ColumnElement[Any]:
    return array(
        select(Outcome.id).where(Outcome.negotiation_id == Negotiation.id),
        obj(
            id=Outcome.id,
            slug=Outcome.slug,
            kind=Outcome.kind,
            description=Outcome.description,
            **dated(Outcome),
            stated_by=actor_ref(Outcome.stated_by_id),
            delivery=_delivery(),
            stages=_stages(editor),
            flags=Outcome.flags,
            citations=citations_of(Citation.outcome_id == Outcome.id),
        ),
        Outcome.position,
        Outcome.id,
    )


def _rounds(editor: bool) -> ColumnElement[Any]:
    return array(
        select(Event.id).where(
            Event.negotiation_id == Negotiation.id,
            Event.type == EventType.negotiation_round,
            shown(Event.status, editor),
        ),
        _event_ref(),
        Event.date_start,
        Event.id,
    )


@lru_cache(maxsize=64)
def negotiation_item(editor: bool, chosen: frozenset[str] | None = None) -> ColumnElement[Any]:
    """A negotiation track as the public (or an editor) sees it, cut to `chosen` if given."""
    members: dict[str, Any] = {
        "id": Negotiation.id,
        "slug": Negotiation.slug,
        "title": Negotiation.title,
        "summary": Negotiation.summary,
        "venue": place_ref(Negotiation.venue_id),
        "format": Negotiation.format,
        "phase": Negotiation.phase,
        "agenda": Negotiation.agenda,
        **dated(Negotiation),
        "parties": _parties(),
        "delegations": _delegations(),
        "outcomes": _outcomes(editor),
        "rounds": _rounds(editor),
        "citations": citations_of(Citation.negotiation_id == Negotiation.id),
        **editorial(Negotiation),
    }
    return obj(**pick(members, chosen))


KEYSET = Keyset(
    "negotiations", (Negotiation.date_start, Negotiation.id), (dt.date, int), descending=True
)


@dataclass
class NegotiationFilters:
    actor: list[str] = field(default_factory=list)
    place: list[str] = field(default_factory=list)
    format: list[str] = field(default_factory=list)
    phase: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str | None = None
    editor: bool = False


async def _filtered(session: AsyncSession, query: AnySelect, f: NegotiationFilters) -> AnySelect:
    statuses = Negotiation.status.in_(f.status) if f.status else None
    query = query.where(statuses if statuses is not None else shown(Negotiation.status, f.editor))
    if f.format:
        query = query.where(Negotiation.format.in_(f.format))
    if f.phase:
        query = query.where(Negotiation.phase.in_(f.phase))
    if f.actor:
        actor_ids = await resolve_ids(session, Actor, f.actor, param="actor", kind="actor")
        query = query.where(
            exists().where(
                NegotiationParty.negotiation_id == Negotiation.id,
                NegotiationParty.actor_id.in_(actor_ids),
            )
        )
    if f.place:
        place_ids = await resolve_ids(session, Place, f.place, param="place", kind="place")
        query = query.where(Negotiation.venue_id.in_(place_and_descendants(place_ids)))
    if f.date_from is not None:
        query = query.where(Negotiation.date_end >= f.date_from)
    if f.date_to is not None:
        query = query.where(Negotiation.date_start <= f.date_to)
    if f.q:
        query = query.where(matches(Negotiation.search, await parse(session, f.q)))
    return query


async def list_negotiations(
    session: AsyncSession,
    filters: NegotiationFilters,
    *,
    limit: int,
    cursor: str | None,
    chosen: frozenset[str] | None = None,
) -> bytes:
    item = negotiation_item(filters.editor, chosen)
    query = select(Negotiation.date_start, Negotiation.id, as_text(item))
    query = await _filtered(session, query, filters)
    return await json_page(session, query, KEYSET, limit=limit, cursor=cursor)


async def get_negotiation(session: AsyncSession, key: str, *, editor: bool) -> bytes | None:
    return await fetch_item(
        session,
        negotiation_item(editor),
        by_id_or_slug(Negotiation.id, Negotiation.slug, key),
        shown(Negotiation.status, editor),
    )
