"""Curated rows turned into records: columns, child rows and flags, every reference checked."""

from collections import Counter
from typing import Any

from app.seed.checks import Flag, check_value
from app.seed.errors import SeedError
from app.seed.plan import Planner, Record, RowRef, date_columns
from app.seed.specs import (
    CitationSpec,
    ClaimSpec,
    EventSpec,
    FlagSpec,
    NegotiationSpec,
    QuantitySpec,
)
from app.seed.store import Row


def _unique_citations(citations: list[Row]) -> list[Row]:
    seen: dict[tuple[Any, ...], Row] = {}
    for c in citations:
        seen.setdefault((c["source_id"], c["start_offset"], c["end_offset"], c["field"]), c)
    return list(seen.values())


def _curated(p: Planner, where: str, flags: list[FlagSpec]) -> list[Flag]:
    p.say(where, *(f.detail for f in flags))
    return [f.model_dump(mode="json") for f in flags]


def _cite_all(
    p: Planner, ref: RowRef, specs: list[CitationSpec], field: str | None = None
) -> list[Row]:
    return [p.cite(c, where=ref.where, source=ref.source, field=field) for c in specs]


def _editorial(spec: EventSpec | NegotiationSpec | ClaimSpec, flags: list[Flag]) -> Row:
    return {
        "status": spec.status.value,
        "verification": spec.verification.value,
        "flags": flags,
    }


def _quantity(p: Planner, ref: RowRef, q: QuantitySpec, index: int) -> tuple[Row, list[Flag]]:
    where = f"{ref.where} quantities[{index}]"
    field = f"quantities[{index}] {q.category.value} to {q.recipient or 'unnamed'}"
    p.say(where, q.note, q.derived)
    if (q.low is not None and q.low > q.value) or (q.high is not None and q.high < q.value):
        raise SeedError(where, "low <= value <= high does not hold")
    citations = [p.cite(c, where=where, source=ref.source, field="value") for c in q.quotes]
    flags = check_value(
        field=f"{field}.value",
        value=q.value,
        qualifier=q.qualifier,
        quotes=[c.quote for c in q.quotes],
        derived=q.derived,
    )
    row = {
        "category": q.category.value,
        "recipient_id": p.need("actor", q.recipient, where),
        "value": q.value,
        "qualifier": q.qualifier.value,
        "low": q.low,
        "high": q.high,
        "stated_by_id": p.need("actor", q.stated_by, where),
        "is_best": q.best,
        "note": q.note,
        "citations": _unique_citations(citations),
    }
    return row, flags


def event_record(p: Planner, ref: RowRef, e: EventSpec) -> Record:
    p.say(ref.where, e.title, e.summary)
    dated = p.dated(ref, e.date, "date")
    flags, citations = list(dated.flags), list(dated.citations)
    if e.expected is not None:
        expected = p.dated(ref, e.expected, "expected")
        flags += expected.flags
        citations += expected.citations
    quantities: list[Row] = []
    for index, q in enumerate(e.quantities):
        row, quantity_flags = _quantity(p, ref, q, index)
        quantities.append(row)
        flags += quantity_flags
    best = Counter((q.category, q.recipient) for q in e.quantities if q.best)
    if any(n > 1 for n in best.values()):
        raise SeedError(ref.where, "more than one best quantity for a category and recipient")
    citations += _cite_all(p, ref, e.citations)
    values = {
        "slug": e.slug,
        "type": e.type.value,
        "title": e.title,
        "summary": e.summary,
        **date_columns(dated.bounds, "date"),
        "place_id": p.need("place", e.place, ref.where),
        "negotiation_id": p.need("negotiation", e.negotiation, ref.where),
        **_editorial(e, flags + _curated(p, ref.where, e.flags)),
    }
    participants = [
        {"actor_id": p.need("actor", x.actor, ref.where), "role": x.role.value}
        for x in e.participants
    ]
    children = {
        "participants": participants,
        "quantities": quantities,
        "citations": _unique_citations(citations),
    }
    return Record("event", e.slug, values, children)


def negotiation_record(p: Planner, ref: RowRef, n: NegotiationSpec) -> Record:
    p.say(ref.where, n.title, n.summary, *n.agenda)
    dated = p.dated(ref, n.date, "date")
    outcomes: list[Row] = []
    for position, o in enumerate(n.outcomes):
        where = f"{ref.where} outcomes[{position}] {o.slug!r}"
        p.say(where, o.description)
        cited = [p.cite(c, where=where, source=ref.source) for c in o.citations]
        outcomes.append(
            {
                "slug": o.slug,
                "kind": o.kind.value,
                "description": o.description,
                "stated_by_id": p.need("actor", o.stated_by, where),
                "position": position,
                "citations": _unique_citations(cited),
                "events": [{"event_id": p.need("event", e, where)} for e in o.events],
            }
        )
    values = {
        "slug": n.slug,
        "title": n.title,
        "summary": n.summary,
        "venue_id": p.need("place", n.venue, ref.where),
        "format": n.format.value,
        "phase": n.phase.value,
        "agenda": list(n.agenda),
        **date_columns(dated.bounds, "date"),
        **_editorial(n, dated.flags + _curated(p, ref.where, n.flags)),
    }
    children = {
        "parties": [
            {"actor_id": p.need("actor", x.actor, ref.where), "role": x.role.value}
            for x in n.parties
        ],
        "delegations": [
            {
                "side_id": p.need("actor", d.side, ref.where),
                "head_id": p.need("actor", d.head, ref.where),
                "members": [
                    {"actor_id": p.need("actor", m.actor, ref.where), "role": m.role}
                    for m in d.members
                ],
            }
            for d in n.delegations
        ],
        "outcomes": outcomes,
        "citations": _unique_citations(dated.citations + _cite_all(p, ref, n.citations)),
    }
    return Record("negotiation", n.slug, values, children)


def claim_record(p: Planner, ref: RowRef, c: ClaimSpec) -> Record:
    p.say(ref.where, c.title, c.summary, c.derived)
    dated = p.dated(ref, c.as_of, "as_of")
    flags = list(dated.flags)
    if (c.value is None) != (c.unit is None):
        raise SeedError(ref.where, "a value needs its unit, and a unit its value")
    value_citations = _cite_all(p, ref, c.value_quotes, "value")
    if c.value is not None:
        if not c.value_quotes:
            raise SeedError(ref.where, "a value needs `value_quotes`")
        flags += check_value(
            field="value",
            value=c.value,
            qualifier=c.qualifier,
            quotes=[q.quote for q in c.value_quotes],
            derived=c.derived,
        )
    values = {
        "slug": c.slug,
        "kind": c.kind.value,
        "title": c.title,
        "summary": c.summary,
        "claimant_id": p.need("actor", c.claimant, ref.where),
        "stated_by_id": p.need("actor", c.stated_by, ref.where),
        "place_id": p.need("place", c.place, ref.where),
        "value": str(c.value) if c.value is not None else None,
        "unit": c.unit,
        "qualifier": c.qualifier.value,
        **date_columns(dated.bounds, "as_of"),
        "event_id": p.need("event", c.event, ref.where),
        **_editorial(c, flags + _curated(p, ref.where, c.flags)),
    }
    citations = dated.citations + value_citations + _cite_all(p, ref, c.citations)
    children = {
        "counters": [{"counter_id": p.need("claim", x, ref.where)} for x in c.counters],
        "citations": _unique_citations(citations),
    }
    return Record("claim", c.slug, values, children)
