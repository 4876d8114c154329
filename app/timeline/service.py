"""The timeline: events, claims and negotiation outcomes in one date-ordered, keyset-paged stream.

Each kind contributes rows of the same shape (its date bounds, a rank, an id, the entry as
JSON), so the stream is one UNION ALL ordered by (start, end, rank, id): fuzzy dates sort by
their bounds, and ties are broken the same way on every page. Claims that one statement makes
place by place (the same event, or else the same quoted words; the same kind, claimant, speaker
and date) form one entry: they share a stored `group_key`, and a page reads the first claim of
each of its groups from an index, then their members.

Statements are built once for their `Shape` (which filters are given, who reads, which
members) and run with the filters' values bound.
"""

import dataclasses
import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

import orjson
from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Date,
    Integer,
    bindparam,
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
    tuple_,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by
from sqlalchemy.dialects.postgresql import array as array_of
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import aliased

from app import prepared
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
from app.pagination import Keyset, run_page
from app.places.service import place_and_descendants, place_fields
from app.search import matches_bound, parse
from app.sources.service import lead_citation
from app.sqljson import AnySelect, array, as_text, dated, obj, one_of, shown

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


@dataclass(frozen=True)
class Shape:
    """What the timeline's statements depend on; the values they filter by are bound apart."""

    record: tuple[str, ...]
    given: frozenset[str]
    """The filters given, by the names their values are bound under."""
    match: Match
    editor: bool
    words: bool = True
    """False for a search without words, which matches nothing."""
    chosen: frozenset[str] | None = None
    """The members `fields=` names; all when None."""
    facets: bool = False
    """Rows for counting (kind, type, status, dates, actors, places) instead of entries."""

    def without(self, *names: str) -> "Shape":
        return dataclasses.replace(self, given=self.given - set(names))


@dataclass
class Resolved:
    """Filters with their references looked up once, for every kind's query."""

    shape: Shape
    values: dict[str, Any]


async def resolve(session: AsyncSession, f: TimelineFilters) -> Resolved:
    values: dict[str, Any] = {
        "status": f.status,
        "type": f.type,
        "actor": await resolve_ids(session, Actor, f.actor, param="actor", kind="actor"),
        "place": await resolve_ids(session, Place, f.place, param="place", kind="place"),
        "date_from": f.date_from,
        "date_to": f.date_to,
    }
    values = {name: value for name, value in values.items() if value}
    words = True
    if f.q:
        parsed = await parse(session, f.q)
        words = parsed is not None
        values["tsquery"] = parsed.tsquery if parsed is not None else ""
    shape = Shape(tuple(f.record), frozenset(values), f.match, f.editor, words)
    return Resolved(shape, values)


@lru_cache(maxsize=1)
def _places() -> Any:
    """The places bound as `:place` and the places inside them; one object, so the kinds of a
    stream share one CTE."""
    return place_and_descendants("place")


def _dates(s: Shape, start: Any, end: Any) -> list[ColumnElement[bool]]:
    first = bindparam("date_from", type_=Date)
    last = bindparam("date_to", type_=Date)
    found = []
    if "date_from" in s.given:
        found.append(start >= first if s.match == "within" else end >= first)
    if "date_to" in s.given:
        found.append(end <= last if s.match == "within" else start <= last)
    return found


def _status(s: Shape, column: Any) -> ColumnElement[bool]:
    return one_of(column, "status") if "status" in s.given else shown(column, s.editor)


def _search(s: Shape, vector: Any) -> ColumnElement[bool]:
    return matches_bound(vector) if s.words else false()


def wanted(s: Shape, record: str) -> bool:
    if s.record and record not in s.record:
        return False
    return not ("type" in s.given and record != "event")


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


def event_rows(s: Shape) -> AnySelect:
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
                "negotiation": negotiation_ref(s.editor),
                "delivery": null(),
            },
            s.chosen,
        )
    )
    columns: list[Any] = [
        Event.date_start.label("start"),
        Event.date_end.label("end"),
        literal(RANK["event"]).label("rank"),
        Event.id.label("id"),
        as_text(item).label("item"),
    ]
    if s.facets:
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
        _status(s, Event.status), *_dates(s, Event.date_start, Event.date_end)
    )
    if "type" in s.given:
        query = query.where(one_of(Event.type, "type"))
    if "actor" in s.given:
        query = query.where(
            or_(
                one_of(Event.stated_by_id, "actor"),
                exists().where(
                    EventParticipant.event_id == Event.id,
                    one_of(EventParticipant.actor_id, "actor"),
                ),
            )
        )
    if "place" in s.given:
        query = query.where(
            exists().where(EventPlace.event_id == Event.id, EventPlace.place_id.in_(_places()))
        )
    if "tsquery" in s.given:
        query = query.where(_search(s, Event.search))
    return query


def literal_json_list() -> ColumnElement[Any]:
    return func.json_build_array()


def claim_rows(s: Shape) -> AnySelect:
    """One row per claim group: the claims one statement makes about several places."""
    speaker = aliased(Actor)
    claimant = aliased(Actor)
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
            s.chosen,
        )
    )
    columns: list[Any] = [
        Claim.as_of_start.label("start"),
        Claim.as_of_end.label("end"),
        literal(RANK["claim"]).label("rank"),
        first.label("id"),
        as_text(item).label("item"),
    ]
    if s.facets:
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
        .where(*_claim_filters(s, Claim))
        .group_by(
            Claim.group_key,
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
    if "place" in s.given:
        query = query.where(Claim.place_id.in_(_places()))
    if "tsquery" in s.given:
        query = query.where(_search(s, Claim.search))
    return query


def _claim_filters(s: Shape, claim: Any) -> list[ColumnElement[bool]]:
    """The filters every claim of a group meets alike (its key holds what they test)."""
    found = [_status(s, claim.status), *_dates(s, claim.as_of_start, claim.as_of_end)]
    if "actor" in s.given:
        found.append(or_(one_of(claim.claimant_id, "actor"), one_of(claim.stated_by_id, "actor")))
    return found


def groups_whole(s: Shape) -> bool:
    """Whether the filters keep or drop a claim group whole, so its first claim stands for it;
    a place or a search picks claims out of groups."""
    return not s.facets and not {"place", "tsquery"} & s.given


def _leading_groups(s: Shape, *, descending: bool, after: bool) -> AnySelect:
    """The keys of the page's first claim groups, read in the stream's order from the index of
    claim dates: a claim leads its group when no claim of the group has a smaller id."""
    earlier = aliased(Claim)
    keys = (Claim.as_of_start, Claim.as_of_end, Claim.id)
    query = select(Claim.group_key).where(
        *_claim_filters(s, Claim),
        ~exists().where(earlier.group_key == Claim.group_key, earlier.id < Claim.id),
    )
    if after:
        query = query.where(_after(RANK["claim"], keys, descending=descending))
    order = [k.desc() if descending else k.asc() for k in keys]
    return query.order_by(*order).limit(bindparam("limit"))


def outcome_rows(s: Shape) -> AnySelect:
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
            s.chosen,
        )
    )
    columns: list[Any] = [
        Outcome.date_start.label("start"),
        Outcome.date_end.label("end"),
        literal(RANK["outcome"]).label("rank"),
        Outcome.id.label("id"),
        as_text(item).label("item"),
    ]
    if s.facets:
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
        .where(_status(s, Negotiation.status), *_dates(s, Outcome.date_start, Outcome.date_end))
    )
    if "actor" in s.given:
        query = query.where(
            or_(
                one_of(Outcome.stated_by_id, "actor"),
                exists().where(
                    NegotiationParty.negotiation_id == Negotiation.id,
                    one_of(NegotiationParty.actor_id, "actor"),
                ),
            )
        )
    if "place" in s.given:
        query = query.where(Negotiation.venue_id.in_(_places()))
    if "tsquery" in s.given:
        query = query.where(_search(s, Outcome.search))
    return query


ROWS = {"event": event_rows, "claim": claim_rows, "outcome": outcome_rows}


FIRST_ID, LAST_ID = -(2**63), 2**63 - 1


def _after(rank: int, keys: tuple[Any, Any, Any], *, descending: bool) -> ColumnElement[bool]:
    """One kind's rows after the cursor's entry (bound as `:after_0`…`:after_3`), as a row
    comparison over (start, end, id) that the kind's index answers: its rank is fixed, so
    how its rows on the cursor's dates compare is known before the scan starts."""
    start = bindparam("after_0", type_=Date)
    end = bindparam("after_1", type_=Date)
    entry: ColumnElement[int] = bindparam("after_2", type_=Integer)
    cursor_id: ColumnElement[int] = bindparam("after_3", type_=BigInteger)
    rank_here: ColumnElement[int] = literal_column(str(rank), Integer)
    before, beyond = (LAST_ID, FIRST_ID) if descending else (FIRST_ID, LAST_ID)
    past = case(
        (rank_here < entry if descending else rank_here > entry, literal(before, BigInteger)),
        (rank_here > entry if descending else rank_here < entry, literal(beyond, BigInteger)),
        else_=cursor_id,
    )
    row, bound = tuple_(*keys), tuple_(start, end, past)
    return row < bound if descending else row > bound


def _kind_page(s: Shape, record: str, *, descending: bool, after: bool) -> AnySelect:
    """One kind's first rows of the page, in the stream's order: an index scan for events and
    outcomes, so only the rows shown build their JSON."""
    query = ROWS[record](s)
    keys: tuple[Any, Any, Any]
    if record == "event":
        keys = (Event.date_start, Event.date_end, Event.id)
    elif record == "outcome":
        keys = (Outcome.date_start, Outcome.date_end, Outcome.id)
    else:
        if groups_whole(s):
            leading = _leading_groups(s, descending=descending, after=after).subquery("leading")
            query = query.where(Claim.group_key.in_(select(leading.c.group_key)))
        groups = query.subquery("claim_groups")
        query = select(*groups.c)
        keys = (groups.c.start, groups.c.end, groups.c.id)
    if after:
        query = query.where(_after(RANK[record], keys, descending=descending))
    order = [k.desc() if descending else k.asc() for k in keys]
    return query.order_by(*order).limit(bindparam("limit"))


@lru_cache(maxsize=512)
def paged(s: Shape, *, descending: bool, after: bool) -> tuple[Keyset, AnySelect]:
    """A page of the stream (after the cursor when `after`) and the keyset that orders it:
    each kind's first rows, merged."""
    parts = [
        _kind_page(s, record, descending=descending, after=after)
        for record in RECORDS
        if wanted(s, record)
    ]
    if not parts:
        parts = [event_rows(s).where(false())]
    rows = union_all(*parts).subquery("timeline")
    keyset = Keyset(
        "timeline-desc" if descending else "timeline-asc",
        (rows.c.start, rows.c.end, rows.c.rank, rows.c.id),
        (dt.date, dt.date, int, int),
        descending=descending,
    )
    query = select(rows.c.start, rows.c.end, rows.c.rank, rows.c.id, rows.c.item)
    return keyset, query.order_by(*keyset.order_by()).limit(bindparam("limit"))


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
    shape = dataclasses.replace(r.shape, chosen=chosen)
    keyset, statement = paged(shape, descending=descending, after=cursor is not None)
    return await run_page(session, statement, keyset, r.values, limit=limit, cursor=cursor)


PUBLIC = Shape(record=(), given=frozenset(), match="overlap", editor=False)


async def public_page(
    reader: prepared.Reader, *, descending: bool, limit: int, cursor: str | None
) -> bytes:
    """What `timeline` gives a reader without a key who filters nothing and reads every
    member: a page read without looking anything up first."""
    keyset, statement = paged(PUBLIC, descending=descending, after=cursor is not None)
    return await run_page(reader, statement, keyset, {}, limit=limit, cursor=cursor)


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
    keyset = paged(r.shape, descending=descending, after=False)[0]
    position = keyset.decode(cursor) if cursor is not None else None
    size = size or EXPORT_BATCH
    left = limit
    while left is None or left > 0:
        take = size if left is None else min(size, left)
        statement = paged(r.shape, descending=descending, after=position is not None)[1]
        values = {**r.values, "limit": take}
        if position is not None:
            values |= {f"after_{i}": value for i, value in enumerate(position)}
        async with sessionmaker() as session, session.begin():
            rows = (await session.execute(statement, values)).all()
        if rows:
            yield [orjson.loads(row.item) for row in rows]
        if len(rows) < take:
            return
        position = list(rows[-1][:4])
        left = None if left is None else left - len(rows)
