"""Exchange statistics from the best figures of published or corrected exchanges and body
repatriations (retracted and draft ones left out), per period and receiving side.

Best figures never overlap (see app/models/enums.py), so adding them counts no one twice.
People returned and bodies are kept apart; a total of figures that are lower bounds is itself
a lower bound, and one with an approximate figure is approximate.
"""

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import orjson
from sqlalchemy import Date, case, cast, func, literal
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Actor, Event, Quantity
from app.models.enums import EventType, Qualifier, RecordStatus
from app.sqljson import AnySelect
from app.timeline.service import Shape, TimelineFilters, event_rows, resolve

EXCHANGES = [EventType.prisoner_exchange.value, EventType.body_repatriation.value]
COUNTED = [RecordStatus.published.value, RecordStatus.corrected.value]
BUCKETS = ("military", "civilians", "unspecified", "bodies")
FORMAT = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}


def total_qualifier(qualifiers: Iterable[str]) -> str:
    found = set(qualifiers)
    if Qualifier.approx in found or {Qualifier.at_most, Qualifier.at_least} <= found:
        return Qualifier.approx.value
    if found & {Qualifier.at_least, Qualifier.more_than}:
        return Qualifier.at_least.value
    if Qualifier.at_most in found:
        return Qualifier.at_most.value
    return Qualifier.exact.value


@dataclasses.dataclass
class _Sum:
    value: int = 0
    qualifiers: set[str] = dataclasses.field(default_factory=set)
    events: set[str] = dataclasses.field(default_factory=set)

    def add(self, other: "_Sum") -> None:
        self.value += other.value
        self.qualifiers |= other.qualifiers
        self.events |= other.events

    def total(self) -> dict[str, Any]:
        return {"value": self.value, "qualifier": total_qualifier(self.qualifiers)}

    def out(self) -> dict[str, Any]:
        return {**self.total(), "events": sorted(self.events)}


@lru_cache(maxsize=64)
def _statement(shape: Shape, period: str) -> AnySelect:
    """The sums per period and side over the events the timeline's filters select: their
    conditions, applied to the events themselves (joined to them as a subquery, the events
    table would be read twice)."""
    starts = func.date_trunc(period, Event.date_start)
    bucket = case(
        (Quantity.category.in_(["military", "civilians", "bodies"]), Quantity.category),
        else_=literal("unspecified"),
    )
    query = (
        event_rows(shape)
        .with_only_columns(
            func.to_char(starts, FORMAT[period]).label("period"),
            Actor.id,
            Actor.slug,
            Actor.name,
            Actor.kind,
            bucket.label("bucket"),
            func.sum(Quantity.value),
            func.array_agg(func.distinct(Quantity.qualifier)),
            func.array_agg(func.distinct(Event.slug)),
            func.bool_or(func.date_trunc(period, Event.date_end) != starts),
            maintain_column_froms=False,
        )
        .select_from(Event)
        .join(Quantity, Quantity.event_id == Event.id)
        .outerjoin(Actor, Actor.id == Quantity.recipient_id)
        .where(Quantity.is_best)
        .group_by(starts, Actor.id, Actor.slug, Actor.name, Actor.kind, bucket)
        .order_by(cast(starts, Date), Actor.slug)
    )
    return query


async def exchanges(session: AsyncSession, f: TimelineFilters, period: str) -> bytes:
    counted = dataclasses.replace(f, record=["event"], type=EXCHANGES, status=COUNTED)
    resolved = await resolve(session, counted)
    groups: dict[tuple[str, Any], dict[str, Any]] = {}
    for row in await session.execute(_statement(resolved.shape, period), resolved.values):
        key = (row.period, row.slug)
        group = groups.setdefault(
            key,
            {
                "period": row.period,
                "recipient": None
                if row.id is None
                else {"id": row.id, "slug": row.slug, "name": row.name, "kind": row.kind},
                "sums": {b: _Sum() for b in BUCKETS},
                "spans": False,
            },
        )
        group["sums"][row.bucket].add(_Sum(int(row[6]), set(row[7]), set(row[8])))
        group["spans"] = group["spans"] or bool(row[9])
    running: dict[Any, dict[str, _Sum]] = defaultdict(lambda: {"people": _Sum(), "bodies": _Sum()})
    items = []
    for (_, side), group in groups.items():
        sums = group["sums"]
        people = _Sum()
        for name in ("military", "civilians", "unspecified"):
            people.add(sums[name])
        running[side]["people"].add(people)
        running[side]["bodies"].add(sums["bodies"])
        items.append(
            {
                "period": group["period"],
                "recipient": group["recipient"],
                **{name: sums[name].out() for name in BUCKETS},
                "people": people.out(),
                "spans_periods": group["spans"],
                "cumulative": {name: total.total() for name, total in running[side].items()},
            }
        )
    return orjson.dumps({"period": period, "items": items})
