"""Records in the database: read as slug-keyed snapshots, written with their child rows.

A record is a dict of column values in which foreign keys hold the referenced row's slug, plus
its child rows (citations, quantities, roles...) under their names. Snapshots read back in the
same shape, so "did this run change anything" is one comparison of two snapshots.
"""

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, Numeric, Table, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import (
    Actor,
    ActorRole,
    Citation,
    ClaimCounter,
    Delegation,
    DelegationMember,
    Event,
    EventParticipant,
    EventPlace,
    Negotiation,
    NegotiationParty,
    Outcome,
    OutcomeEvent,
    Place,
    Quantity,
    Source,
    TerritorialClaim,
)

Row = dict[str, Any]


@dataclass(frozen=True)
class Record:
    """One slugged record to write: column values (references as slugs) and child rows."""

    kind: str
    slug: str
    values: Row
    children: Row = field(default_factory=dict)


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


@dataclass(frozen=True)
class TableDef:
    """How one table maps to a record or to a record's child rows."""

    name: str
    table: Table
    parent_fk: str | None = None
    refs: Mapping[str, str] = field(default_factory=dict)
    children: tuple["TableDef", ...] = ()
    skip: frozenset[str] = frozenset()


SLUGGED: dict[str, Table] = {
    "source": _table(Source),
    "place": _table(Place),
    "actor": _table(Actor),
    "negotiation": _table(Negotiation),
    "event": _table(Event),
    "claim": _table(TerritorialClaim),
}
"""Record kinds, in the order they are written; also the revision entity types."""

NOT_IN_SNAPSHOT = frozenset({"id", "created_at", "updated_at", "version", "search"})
"""Bookkeeping columns, and the search vector computed from the rest."""


CITATION_TARGETS = ("event_id", "quantity_id", "negotiation_id", "outcome_id", "claim_id")


def _citations(parent_fk: str) -> TableDef:
    other_targets = frozenset(CITATION_TARGETS) - {parent_fk}
    return TableDef(
        "citations", _table(Citation), parent_fk, {"source_id": "source"}, skip=other_targets
    )


ENTITIES: dict[str, TableDef] = {
    "source": TableDef("source", SLUGGED["source"], skip=frozenset({"text"})),
    "place": TableDef("place", SLUGGED["place"], refs={"parent_id": "place"}),
    "actor": TableDef(
        "actor",
        SLUGGED["actor"],
        refs={"parent_id": "actor"},
        children=(TableDef("roles", _table(ActorRole), "actor_id", {"organization_id": "actor"}),),
    ),
    "negotiation": TableDef(
        "negotiation",
        SLUGGED["negotiation"],
        refs={"venue_id": "place"},
        children=(
            TableDef("parties", _table(NegotiationParty), "negotiation_id", {"actor_id": "actor"}),
            TableDef(
                "delegations",
                _table(Delegation),
                "negotiation_id",
                {"side_id": "actor", "head_id": "actor"},
                children=(
                    TableDef(
                        "members", _table(DelegationMember), "delegation_id", {"actor_id": "actor"}
                    ),
                ),
            ),
            TableDef(
                "outcomes",
                _table(Outcome),
                "negotiation_id",
                {"stated_by_id": "actor", "delivery_stated_by_id": "actor"},
                children=(
                    _citations("outcome_id"),
                    TableDef("stages", _table(OutcomeEvent), "outcome_id", {"event_id": "event"}),
                ),
            ),
            _citations("negotiation_id"),
        ),
    ),
    "event": TableDef(
        "event",
        SLUGGED["event"],
        refs={
            "negotiation_id": "negotiation",
            "stated_by_id": "actor",
            "expected_stated_by_id": "actor",
        },
        children=(
            TableDef("participants", _table(EventParticipant), "event_id", {"actor_id": "actor"}),
            TableDef("places", _table(EventPlace), "event_id", {"place_id": "place"}),
            TableDef(
                "quantities",
                _table(Quantity),
                "event_id",
                {"recipient_id": "actor", "stated_by_id": "actor"},
                children=(_citations("quantity_id"),),
            ),
            _citations("event_id"),
        ),
    ),
    "claim": TableDef(
        "claim",
        SLUGGED["claim"],
        refs={
            "claimant_id": "actor",
            "stated_by_id": "actor",
            "place_id": "place",
            "event_id": "event",
        },
        children=(
            TableDef("counters", _table(ClaimCounter), "claim_id", {"counter_id": "claim"}),
            _citations("claim_id"),
        ),
    ),
}


class Refs:
    """Slug <-> id of the slugged rows, looked up once per run."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._ids: dict[tuple[str, str], int] = {}
        self._slugs: dict[tuple[str, int], str] = {}

    def remember(self, kind: str, slug: str, row_id: int) -> None:
        self._ids[kind, slug] = row_id
        self._slugs[kind, row_id] = slug

    async def preload(self, kind: str, slugs: list[str]) -> None:
        """Look up many slugs of one kind at once."""
        table = SLUGGED[kind]
        query = select(table.c.id, table.c.slug).where(table.c.slug.in_(slugs))
        for row_id, slug in (await self._session.execute(query)).all():
            self.remember(kind, slug, row_id)

    async def find(self, kind: str, slug: str) -> int | None:
        if (kind, slug) not in self._ids:
            table = SLUGGED[kind]
            query = select(table.c.id).where(table.c.slug == slug)
            row_id = (await self._session.execute(query)).scalar_one_or_none()
            if row_id is None:
                return None
            self.remember(kind, slug, row_id)
        return self._ids[kind, slug]

    async def id(self, kind: str, slug: str) -> int:
        row_id = await self.find(kind, slug)
        if row_id is None:
            raise LookupError(f"no {kind} with slug {slug!r}")
        return row_id

    async def preload_ids(self, kind: str, ids: set[int]) -> None:
        """Look up the slugs of many ids of one kind at once."""
        missing = [i for i in ids if (kind, i) not in self._slugs]
        if not missing:
            return
        table = SLUGGED[kind]
        query = select(table.c.id, table.c.slug).where(table.c.id.in_(missing))
        for row_id, slug in (await self._session.execute(query)).all():
            self.remember(kind, slug, row_id)

    async def slug(self, kind: str, row_id: int) -> str:
        if (kind, row_id) not in self._slugs:
            table = SLUGGED[kind]
            query = select(table.c.slug).where(table.c.id == row_id)
            slug = (await self._session.execute(query)).scalar_one_or_none()
            if slug is None:
                raise LookupError(f"no {kind} with id {row_id}")
            self.remember(kind, slug, row_id)
        return self._slugs[kind, row_id]


def jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _canonical(row: Row) -> str:
    return json.dumps(row, sort_keys=True, default=str)


async def _read(
    session: AsyncSession, refs: Refs, d: TableDef, where: Any
) -> list[tuple[Any, Row]]:
    """Rows of `d` matching `where`, each with its parent's id, children read per level."""
    found = list((await session.execute(select(d.table).where(where))).mappings())
    for column, kind in d.refs.items():
        await refs.preload_ids(kind, {row[column] for row in found if row[column] is not None})
    items: list[Row] = []
    for row in found:
        item: Row = {}
        for name, value in row.items():
            if name in NOT_IN_SNAPSHOT or name in d.skip or name == d.parent_fk:
                continue
            if name in d.refs and value is not None:
                value = await refs.slug(d.refs[name], value)
            item[name] = jsonable(value)
        items.append(item)
    ids = [row["id"] for row in found if "id" in row]
    for child in d.children:
        assert child.parent_fk is not None
        grouped: dict[Any, list[Row]] = defaultdict(list)
        if ids:
            condition = child.table.c[child.parent_fk].in_(ids)
            for parent_id, item in await _read(session, refs, child, condition):
                grouped[parent_id].append(item)
        for row, item in zip(found, items, strict=True):
            item[child.name] = sorted(grouped[row["id"]], key=_canonical)
    return [
        (row.get(d.parent_fk) if d.parent_fk else None, item)
        for row, item in zip(found, items, strict=True)
    ]


async def snapshot(session: AsyncSession, refs: Refs, kind: str, row_id: int) -> Row:
    """A record as stored: columns (foreign keys as slugs) and child rows, ids left out."""
    d = ENTITIES[kind]
    [(_, row)] = await _read(session, refs, d, d.table.c.id == row_id)
    return row


async def _to_db(refs: Refs, d: TableDef, values: Row) -> Row:
    out: Row = {}
    for name, value in values.items():
        if any(name == child.name for child in d.children):
            continue
        column = d.table.c[name]
        if name in d.refs and value is not None:
            value = await refs.id(d.refs[name], value)
        elif isinstance(column.type, Date) and isinstance(value, str):
            value = dt.date.fromisoformat(value)
        elif isinstance(column.type, Numeric) and value is not None:
            value = Decimal(str(value))
        out[name] = value
    return out


async def insert_record(session: AsyncSession, refs: Refs, kind: str, values: Row) -> int:
    """Insert a record's own row, leaving references to its own kind for `write_record`."""
    d = ENTITIES[kind]
    own = {k: (None if d.refs.get(k) == kind else v) for k, v in values.items()}
    query = insert(d.table).values(await _to_db(refs, d, own)).returning(d.table.c.id)
    row_id: int = (await session.execute(query)).scalar_one()
    refs.remember(kind, values["slug"], row_id)
    return row_id


async def write_record(
    session: AsyncSession,
    refs: Refs,
    kind: str,
    row_id: int,
    values: Row,
    children: Row,
    before: Row | None = None,
) -> None:
    """Set a record's columns and replace its child rows with `children`; with the snapshot
    `before`, child tables whose rows are unchanged are left as they are."""
    d = ENTITIES[kind]
    await session.execute(
        update(d.table).where(d.table.c.id == row_id).values(await _to_db(refs, d, values))
    )
    await _replace_children(session, refs, d, row_id, children, before)


def _as_snapshot(d: TableDef, row: Row) -> Row:
    """A child row as a snapshot holds it: plain values, its own children sorted."""
    out = {k: jsonable(v) for k, v in row.items()}
    for child in d.children:
        out[child.name] = sorted(
            (_as_snapshot(child, x) for x in row.get(child.name, [])), key=_canonical
        )
    return out


def _same_rows(d: TableDef, rows: list[Row], stored: list[Row] | None) -> bool:
    """Whether `rows`, about to be written, are the rows the snapshot `stored` holds."""
    if stored is None:
        return False
    mine = sorted(_canonical(_as_snapshot(d, row)) for row in rows)
    return mine == [_canonical(row) for row in stored]


async def _replace_children(
    session: AsyncSession,
    refs: Refs,
    d: TableDef,
    parent_id: int,
    children: Row,
    before: Row | None = None,
) -> None:
    for child in d.children:
        assert child.parent_fk is not None
        if before is not None and _same_rows(
            child, children.get(child.name, []), before.get(child.name)
        ):
            continue
        fk = child.table.c[child.parent_fk]
        await session.execute(delete(child.table).where(fk == parent_id))
        rows = children.get(child.name, [])
        if not rows:
            continue
        values = [await _to_db(refs, child, row) | {child.parent_fk: parent_id} for row in rows]
        if not child.children:
            await session.execute(insert(child.table), values)
            continue
        query = insert(child.table).returning(child.table.c.id, sort_by_parameter_order=True)
        ids = (await session.execute(query, values)).scalars().all()
        for row, child_id in zip(rows, ids, strict=True):
            await _replace_children(session, refs, child, child_id, row)
