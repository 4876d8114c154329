"""The timeline: events, claims and negotiation outcomes in one date-ordered, keyset-paged stream.

Each kind contributes rows of the same shape (its date bounds, a rank, an id, the entry as
JSON), so the stream is one UNION ALL ordered by (start, end, rank, id): fuzzy dates sort by
their bounds, and ties are broken the same way on every page. Claims that one statement makes
place by place (the same event, or else the same quoted words; the same kind, claimant, speaker
and date) form one entry.
"""

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Literal

import orjson
from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Text,
    case,
    cast,
    exists,
    false,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by
from sqlalchemy.dialects.postgresql import array as array_of
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import aliased

from app.actors.service import actor_ref
from app.common import resolve_ids
from app.events.items import negotiation_ref
from app.fieldsets import pick
from app.models import (
    Actor,
    Citation,
    Event,
    EventParticipant,
    EventPlace,
    Negotiation,
    NegotiationParty,
    Outcome,
    Place,
    TerritorialClaim,
)
from app.pagination import Keyset, json_page
from app.places.service import place_and_descendants, place_fields
from app.search import Query, matches, parse
from app.sources.service import lead_citation
from app.sqljson import AnySelect, array, as_text, dated, obj, shown

Claim = TerritorialClaim
Match = Literal["overlap", "within"]
RECORDS = ("event", "claim", "outcome")
EXPORT_BATCH = 500
RANK = {"event": 0, "outcome": 1, "claim": 2}
KIND_WORDS = {
    "withdrawal_demand": "demand that troops withdraw",
    "incorporation": "claim of incorporation",
    "control_extent": "claim of control",
    "sovereignty": "claim of sovereignty",
    "non_recognition": "refusal to recognize",
}
OUTCOME_WORDS = {
    "agreed": "Agreed",
    "not_agreed": "Not agreed",
    "proposed": "Proposed",
    "demanded": "Demanded",
    "refused": "Refused",
}


@dataclass
class TimelineFilters:
    record: list[str] = field(default_factory=list)
    type: list[str] = field(default_factory=list)
    actor: list[str] = field(default_factory=list)
    place: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    match: Match = "overlap"
    q: str | None = None
    editor: bool = False


@dataclass
class Resolved:
    """Filters with their references looked up once, for every kind's query."""

    f: TimelineFilters
    actors: list[int] | None
    places: Any
    query: Query | None
    chosen: frozenset[str] | None = None
    """The members `fields=` names; all when None."""
    facets: bool = False
    """Rows for counting (kind, type, status, dates, actors, places) instead of entries."""


async def resolve(session: AsyncSession, f: TimelineFilters) -> Resolved:
    actors = await resolve_ids(session, Actor, f.actor, param="actor", kind="actor")
    places = None
    if f.place:
        ids = await resolve_ids(session, Place, f.place, param="place", kind="place")
        places = place_and_descendants(ids)
    query = await parse(session, f.q) if f.q else None
    return Resolved(f, actors or None, places, query)


def _dates(r: Resolved, start: Any, end: Any) -> list[ColumnElement[bool]]:
    f, found = r.f, []
    if f.match == "within":
        if f.date_from is not None:
            found.append(start >= f.date_from)
        if f.date_to is not None:
            found.append(end <= f.date_to)
    else:
        if f.date_from is not None:
            found.append(end >= f.date_from)
        if f.date_to is not None:
            found.append(start <= f.date_to)
    return found


def _status(r: Resolved, column: Any) -> ColumnElement[bool]:
    return column.in_(r.f.status) if r.f.status else shown(column, r.f.editor)


def wanted(r: Resolved, record: str) -> bool:
    f = r.f
    if f.record and record not in f.record:
        return False
    return not (f.type and record != "event")


def _ids(query: AnySelect) -> ColumnElement[Any]:
    """The ids a correlated query selects, as an array (empty when none)."""
    column = next(iter(query.selected_columns))
    aggregated = query.with_only_columns(func.array_agg(column)).scalar_subquery()
    return func.coalesce(aggregated, cast(literal("{}"), ARRAY(BigInteger)))


def _known(*ids: Any) -> ColumnElement[Any]:
    """An array of ids, leaving out the NULL ones."""
    return func.array_remove(array_of(list(ids)), null())


def _facet_columns(
    record: str, id: Any, type: Any, status: Any, start: Any, end: Any, actors: Any, places: Any
) -> list[Any]:
    return [
        literal(record).label("record"),
        id.label("id"),
        type.label("type"),
        status.label("status"),
        start.label("start"),
        end.label("end"),
        actors.label("actors"),
        places.label("places"),
    ]


def _place_list(query: AnySelect) -> ColumnElement[Any]:
    return array(query, obj(**place_fields(Place)), Place.slug)


def event_rows(r: Resolved) -> AnySelect:
    f = r.f
    item = obj(
        **pick(
            {
                "record": literal("event"),
                "id": Event.id,
                "slug": Event.slug,
                "type": Event.type,
                **dated(Event),
                "title": Event.title,
                "summary": Event.summary,
                "status": Event.status,
                "status_note": Event.status_note,
                "attribution": null(),
                "stated_by": actor_ref(Event.stated_by_id),
                "places": _place_list(
                    select(Place.id)
                    .join(EventPlace, EventPlace.place_id == Place.id)
                    .where(EventPlace.event_id == Event.id)
                ),
                "flags": Event.flags,
                "citation": lead_citation(Citation.event_id == Event.id),
                "href": func.concat("/v1/events/", Event.slug),
                "claims": literal_json_list(),
                "negotiation": negotiation_ref(f.editor),
                "delivery": null(),
            },
            r.chosen,
        )
    )
    columns: list[Any] = [
        Event.date_start.label("start"),
        Event.date_end.label("end"),
        literal(RANK["event"]).label("rank"),
        Event.id.label("id"),
        as_text(item).label("item"),
    ]
    if r.facets:
        columns = _facet_columns(
            "event",
            Event.id,
            Event.type,
            Event.status,
            Event.date_start,
            Event.date_end,
            func.array_cat(
                _ids(
                    select(EventParticipant.actor_id).where(EventParticipant.event_id == Event.id)
                ),
                _known(Event.stated_by_id),
            ),
            _ids(select(EventPlace.place_id).where(EventPlace.event_id == Event.id)),
        )
    query = select(*columns).where(
        _status(r, Event.status), *_dates(r, Event.date_start, Event.date_end)
    )
    if f.type:
        query = query.where(Event.type.in_(f.type))
    if r.actors:
        query = query.where(
            or_(
                Event.stated_by_id.in_(r.actors),
                exists().where(
                    EventParticipant.event_id == Event.id,
                    EventParticipant.actor_id.in_(r.actors),
                ),
            )
        )
    if r.places is not None:
        query = query.where(
            exists().where(EventPlace.event_id == Event.id, EventPlace.place_id.in_(r.places))
        )
    if f.q:
        query = query.where(matches(Event.search, r.query))
    return query


def literal_json_list() -> ColumnElement[Any]:
    return func.json_build_array()


def claim_rows(r: Resolved) -> AnySelect:
    """One row per claim group: the claims one statement makes about several places."""
    f = r.f
    speaker = aliased(Actor)
    claimant = aliased(Actor)
    cited = aliased(Citation)
    spans = (
        select(
            func.string_agg(
                func.concat(cited.source_id, ":", cited.start_offset, "-", cited.end_offset),
                aggregate_order_by(literal_column("' '"), cited.start_offset),
            )
        )
        .where(cited.claim_id == Claim.id, cited.field.is_(None))
        .scalar_subquery()
    )
    statement = func.coalesce(func.cast(Claim.event_id, Text), spans)
    grouped = obj(
        id=Claim.id,
        slug=Claim.slug,
        href=func.concat("/v1/claims/", Claim.slug),
        title=Claim.title,
        place=obj(**place_fields(Place)),
        value=Claim.value,
        unit=Claim.unit,
        qualifier=Claim.qualifier,
    )
    count = func.count(Claim.id)
    places = func.string_agg(Place.name, aggregate_order_by(literal_column("', '"), Place.name))
    phrase = case(*((Claim.kind == k, literal(w)) for k, w in KIND_WORDS.items()), else_=Claim.kind)
    title = case(
        (count == 1, func.min(Claim.title)),
        else_=func.concat(claimant.name, "'s ", phrase, ": ", places),
    )
    first = func.min(Claim.id)
    one = aliased(Claim)
    item = obj(
        **pick(
            {
                "record": literal("claim"),
                "id": first,
                "slug": func.min(Claim.slug),
                "type": Claim.kind,
                **{
                    "date": Claim.as_of,
                    "date_start": Claim.as_of_start,
                    "date_end": Claim.as_of_end,
                    "date_precision": Claim.as_of_precision,
                    "date_label": Claim.as_of_label,
                    "date_approximate": Claim.as_of.regexp_match("[~%]"),
                    "date_uncertain": Claim.as_of.regexp_match("[?%]"),
                },
                "title": title,
                "summary": func.min(Claim.summary),
                "status": Claim.status,
                "status_note": Claim.status_note,
                "attribution": func.concat(
                    "According to ", speaker.name, ", as of ", Claim.as_of_label
                ),
                "stated_by": obj(
                    id=speaker.id, slug=speaker.slug, name=speaker.name, kind=speaker.kind
                ),
                "places": func.json_agg(aggregate_order_by(obj(**place_fields(Place)), Place.name)),
                "flags": select(one.flags).where(one.id == first).scalar_subquery(),
                "citation": lead_citation(Citation.claim_id == first),
                "href": func.concat("/v1/claims/", func.min(Claim.slug)),
                "claims": func.json_agg(aggregate_order_by(grouped, Place.name)),
                "negotiation": null(),
                "delivery": null(),
            },
            r.chosen,
        )
    )
    columns: list[Any] = [
        Claim.as_of_start.label("start"),
        Claim.as_of_end.label("end"),
        literal(RANK["claim"]).label("rank"),
        first.label("id"),
        as_text(item).label("item"),
    ]
    if r.facets:
        columns = _facet_columns(
            "claim",
            first,
            Claim.kind,
            Claim.status,
            Claim.as_of_start,
            Claim.as_of_end,
            _known(Claim.claimant_id, Claim.stated_by_id),
            func.array_agg(Claim.place_id),
        )
    query = (
        select(*columns)
        .join(Place, Place.id == Claim.place_id)
        .join(speaker, speaker.id == Claim.stated_by_id)
        .join(claimant, claimant.id == Claim.claimant_id)
        .where(_status(r, Claim.status), *_dates(r, Claim.as_of_start, Claim.as_of_end))
        .group_by(
            statement,
            Claim.kind,
            Claim.claimant_id,
            claimant.name,
            Claim.stated_by_id,
            speaker.id,
            Claim.as_of,
            Claim.as_of_start,
            Claim.as_of_end,
            Claim.as_of_precision,
            Claim.as_of_label,
            Claim.status,
            Claim.status_note,
        )
    )
    if r.actors:
        query = query.where(or_(Claim.claimant_id.in_(r.actors), Claim.stated_by_id.in_(r.actors)))
    if r.places is not None:
        query = query.where(Claim.place_id.in_(r.places))
    if f.q:
        query = query.where(matches(Claim.search, r.query))
    return query


def outcome_rows(r: Resolved) -> AnySelect:
    f = r.f
    phrase = case(
        *((Outcome.kind == k, literal(w)) for k, w in OUTCOME_WORDS.items()), else_=Outcome.kind
    )
    item = obj(
        **pick(
            {
                "record": literal("outcome"),
                "id": Outcome.id,
                "slug": Outcome.slug,
                "type": Outcome.kind,
                **dated(Outcome),
                "title": func.concat(phrase, " at ", Negotiation.title),
                "summary": Outcome.description,
                "status": Negotiation.status,
                "status_note": Negotiation.status_note,
                "attribution": null(),
                "stated_by": actor_ref(Outcome.stated_by_id),
                "places": _place_list(select(Place.id).where(Place.id == Negotiation.venue_id)),
                "flags": Outcome.flags,
                "citation": lead_citation(Citation.outcome_id == Outcome.id),
                "href": func.concat("/v1/negotiations/", Negotiation.slug),
                "claims": literal_json_list(),
                "negotiation": obj(
                    id=Negotiation.id, slug=Negotiation.slug, title=Negotiation.title
                ),
                "delivery": Outcome.delivery,
            },
            r.chosen,
        )
    )
    columns: list[Any] = [
        Outcome.date_start.label("start"),
        Outcome.date_end.label("end"),
        literal(RANK["outcome"]).label("rank"),
        Outcome.id.label("id"),
        as_text(item).label("item"),
    ]
    if r.facets:
        columns = _facet_columns(
            "outcome",
            Outcome.id,
            Outcome.kind,
            Negotiation.status,
            Outcome.date_start,
            Outcome.date_end,
            func.array_cat(
                _ids(
                    select(NegotiationParty.actor_id).where(
                        NegotiationParty.negotiation_id == Negotiation.id
                    )
                ),
                _known(Outcome.stated_by_id),
            ),
            _known(Negotiation.venue_id),
        )
    query = (
        select(*columns)
        .join(Negotiation, Negotiation.id == Outcome.negotiation_id)
        .where(_status(r, Negotiation.status), *_dates(r, Outcome.date_start, Outcome.date_end))
    )
    if r.actors:
        query = query.where(
            or_(
                Outcome.stated_by_id.in_(r.actors),
                exists().where(
                    NegotiationParty.negotiation_id == Negotiation.id,
                    NegotiationParty.actor_id.in_(r.actors),
                ),
            )
        )
    if r.places is not None:
        query = query.where(Negotiation.venue_id.in_(r.places))
    if f.q:
        query = query.where(matches(Outcome.search, r.query))
    return query


ROWS = {"event": event_rows, "claim": claim_rows, "outcome": outcome_rows}


def stream(r: Resolved) -> Any:
    """The rows of every wanted kind, as one subquery."""
    parts = [ROWS[record](r) for record in RECORDS if wanted(r, record)]
    if not parts:
        parts = [event_rows(r).where(false())]
    return union_all(*parts).subquery("timeline")


def ordered(r: Resolved, *, descending: bool) -> tuple[Keyset, AnySelect]:
    """The entries' query and the keyset that orders and pages it."""
    rows = stream(r)
    keyset = Keyset(
        "timeline-desc" if descending else "timeline-asc",
        (rows.c.start, rows.c.end, rows.c.rank, rows.c.id),
        (dt.date, dt.date, int, int),
        descending=descending,
    )
    return keyset, select(rows.c.start, rows.c.end, rows.c.rank, rows.c.id, rows.c.item)


async def timeline(
    session: AsyncSession,
    f: TimelineFilters,
    *,
    descending: bool,
    limit: int,
    cursor: str | None,
    chosen: frozenset[str] | None = None,
) -> bytes:
    r = await resolve(session, f)
    r.chosen = chosen
    keyset, query = ordered(r, descending=descending)
    return await json_page(session, query, keyset, limit=limit, cursor=cursor)


async def batches(
    sessionmaker: async_sessionmaker[AsyncSession],
    r: Resolved,
    *,
    descending: bool,
    cursor: str | None,
    limit: int | None,
    size: int | None = None,
) -> AsyncIterator[list[dict[str, Any]]]:
    """Every entry (after `cursor`, at most `limit`), a batch per short transaction, so a long
    export holds no snapshot or connection while its client reads."""
    keyset, query = ordered(r, descending=descending)
    position = keyset.decode(cursor) if cursor is not None else None
    size = size or EXPORT_BATCH
    left = limit
    while left is None or left > 0:
        take = size if left is None else min(size, left)
        page = query if position is None else query.where(keyset.after(position))
        page = page.order_by(*keyset.order_by()).limit(take)
        async with sessionmaker() as session, session.begin():
            rows = (await session.execute(page)).all()
        if rows:
            yield [orjson.loads(row.item) for row in rows]
        if len(rows) < take:
            return
        position = list(rows[-1][:4])
        left = None if left is None else left - len(rows)
