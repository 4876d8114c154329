"""Curated rows turned into proposed records, then reviewed by the rules every write obeys.

The seed's own part is reading the curation: quotes located in the text, date expressions
resolved against the article, curated flags and the reasons for worked-out figures. Whether a
record may be written (figures that add up, who says so, verification, prose) is the shared
review's to say (app/editorial/review.py).
"""

from typing import Any

from app.editorial.attribution import Speaker
from app.editorial.numbers import Flag, inference_flag
from app.editorial.review import Context, Invalid, SourceText, review
from app.editorial.store import Record, Row
from app.models.events import EXPECTED
from app.models.negotiations import DELIVERY
from app.seed.errors import SeedError
from app.seed.files import SeedFiles
from app.seed.plan import Planner, RowRef, date_columns
from app.seed.specs import (
    CitationSpec,
    ClaimSpec,
    EventSpec,
    FlagSpec,
    NegotiationSpec,
    OutcomeSpec,
    QuantitySpec,
)

NO_EXPECTED = dict.fromkeys((*EXPECTED, "expected_stated_by_id"))
NO_DELIVERY = dict.fromkeys(DELIVERY)


def review_context(files: SeedFiles) -> Context:
    """What the review needs to know, read from the seed files instead of the database."""
    return Context(
        speakers={
            a.slug: Speaker(a.slug, a.kind.value, a.country_code, a.name) for a in files.actors
        },
        sources={s.slug: SourceText(files.texts[s.slug], s.publisher) for s in files.sources},
    )


def reviewed(ctx: Context, ref: RowRef, record: Record) -> Record:
    try:
        return review(record, ctx)
    except Invalid as exc:
        raise SeedError(ref.where, str(exc)) from None


def _unique_citations(citations: list[Row]) -> list[Row]:
    seen: dict[tuple[Any, ...], Row] = {}
    for c in citations:
        seen.setdefault((c["source_id"], c["start_offset"], c["end_offset"], c["field"]), c)
    return list(seen.values())


def _curated(p: Planner, ref: RowRef, where: str, flags: list[FlagSpec]) -> list[Flag]:
    p.say(where, *(f.detail for f in flags), source=ref.source)
    return [f.model_dump(mode="json") for f in flags]


def _cite_all(
    p: Planner, ref: RowRef, specs: list[CitationSpec], field: str | None = None
) -> list[Row]:
    return [p.cite(c, where=ref.where, source=ref.source, field=field) for c in specs]


def _quantity(p: Planner, ref: RowRef, q: QuantitySpec, index: int) -> Row:
    where = f"{ref.where} quantities[{index}]"
    p.say(where, q.note, q.reason, source=ref.source)
    if (q.low is not None and q.low > q.value) or (q.high is not None and q.high < q.value):
        raise SeedError(where, "low <= value <= high does not hold")
    if (q.basis == "stated") != (q.reason is None):
        raise SeedError(where, "a derived or inferred figure needs a `reason`, a stated one none")
    p.need("actor", q.stated_by, where)
    citations = [p.cite(c, where=where, source=ref.source, field="value") for c in q.quotes]
    flags = [inference_flag("value", q.value, q.reason)] if q.reason else []
    return {
        "category": q.category.value,
        "recipient_id": p.need("actor", q.recipient, where),
        "value": q.value,
        "qualifier": q.qualifier.value,
        "low": q.low,
        "high": q.high,
        "stated_by_id": q.stated_by,
        "basis": q.basis.value,
        "is_best": q.best,
        "total_of": [c.value for c in q.total_of],
        "flags": flags + _curated(p, ref, where, q.flags),
        "note": q.note,
        "citations": _unique_citations(citations),
    }


def event_record(p: Planner, ctx: Context, ref: RowRef, e: EventSpec) -> Record:
    p.say(ref.where, e.title, e.summary, source=ref.source)
    dated = p.dated(ref, e.date, "date")
    flags, citations = list(dated.flags), list(dated.citations)
    expected: Row = dict(NO_EXPECTED)
    if e.expected is not None:
        announced = p.dated(ref, e.expected, "expected")
        flags += announced.flags
        citations += announced.citations
        expected = {
            **date_columns(announced.bounds, "expected"),
            "expected_stated_by_id": p.need("actor", e.expected.stated_by, ref.where),
        }
    citations += _cite_all(p, ref, e.citations)
    values = {
        "slug": e.slug,
        "type": e.type.value,
        "title": e.title,
        "summary": e.summary,
        **date_columns(dated.bounds, "date"),
        "stated_by_id": p.need("actor", e.stated_by, ref.where),
        **expected,
        "negotiation_id": p.need("negotiation", e.negotiation, ref.where),
        "status": e.status.value,
        "flags": flags + _curated(p, ref, ref.where, e.flags),
    }
    children = {
        "participants": [
            {"actor_id": p.need("actor", x.actor, ref.where), "role": x.role.value}
            for x in e.participants
        ],
        "places": [
            {"place_id": p.need("place", x.place, ref.where), "role": x.role.value}
            for x in e.places
        ],
        "quantities": [_quantity(p, ref, q, index) for index, q in enumerate(e.quantities)],
        "citations": _unique_citations(citations),
    }
    return reviewed(ctx, ref, Record("event", e.slug, values, children))


def _outcome(p: Planner, ref: RowRef, o: OutcomeSpec, position: int) -> Row:
    where = f"{ref.where} outcomes[{position}] {o.slug!r}"
    own = RowRef("outcome", f"outcome:{o.slug}", where, ref.source, o.date, o.description)
    p.say(where, o.description, source=ref.source)
    dated = p.dated(own, o.date, "date")
    flags, citations = list(dated.flags), list(dated.citations)
    citations += [p.cite(c, where=where, source=ref.source) for c in o.citations]
    delivery: Row = dict(NO_DELIVERY)
    if o.delivery is not None:
        d = o.delivery
        delivered = p.dated(own, d.as_of, "delivery.as_of")
        delivery = {
            "delivery": d.state.value,
            **date_columns(delivered.bounds, "delivery_as_of"),
            "delivery_stated_by_id": p.need("actor", d.stated_by, where),
        }
        flags += delivered.flags
        citations += delivered.citations
        citations += [
            p.cite(c, where=where, source=ref.source, field="delivery") for c in d.citations
        ]
    return {
        "slug": o.slug,
        "kind": o.kind.value,
        "description": o.description,
        **date_columns(dated.bounds, "date"),
        "stated_by_id": p.need("actor", o.stated_by, where),
        **delivery,
        "flags": flags + _curated(p, ref, where, o.flags),
        "position": position,
        "citations": _unique_citations(citations),
        "stages": [
            {"event_id": p.need("event", e, where), "stage": number}
            for number, e in enumerate(o.stages, start=1)
        ],
    }


def negotiation_record(p: Planner, ctx: Context, ref: RowRef, n: NegotiationSpec) -> Record:
    p.say(ref.where, n.title, n.summary, *n.agenda, source=ref.source)
    dated = p.dated(ref, n.date, "date")
    values = {
        "slug": n.slug,
        "title": n.title,
        "summary": n.summary,
        "venue_id": p.need("place", n.venue, ref.where),
        "format": n.format.value,
        "phase": n.phase.value,
        "agenda": list(n.agenda),
        **date_columns(dated.bounds, "date"),
        "status": n.status.value,
        "flags": dated.flags + _curated(p, ref, ref.where, n.flags),
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
        "outcomes": [_outcome(p, ref, o, position) for position, o in enumerate(n.outcomes)],
        "citations": _unique_citations(dated.citations + _cite_all(p, ref, n.citations)),
    }
    return reviewed(ctx, ref, Record("negotiation", n.slug, values, children))


def claim_record(p: Planner, ctx: Context, ref: RowRef, c: ClaimSpec) -> Record:
    p.say(ref.where, c.title, c.summary, c.derived, source=ref.source)
    dated = p.dated(ref, c.as_of, "as_of")
    flags = list(dated.flags)
    if c.value is not None and not c.value_quotes:
        raise SeedError(ref.where, "a value needs `value_quotes`")
    if c.value is not None and c.derived:
        flags.append(inference_flag("value", c.value, c.derived))
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
        "status": c.status.value,
        "flags": flags + _curated(p, ref, ref.where, c.flags),
    }
    citations = dated.citations + _cite_all(p, ref, c.value_quotes, "value")
    citations += _cite_all(p, ref, c.citations)
    children = {
        "counters": [{"counter_id": p.need("claim", x, ref.where)} for x in c.counters],
        "citations": _unique_citations(citations),
    }
    return reviewed(ctx, ref, Record("claim", c.slug, values, children))
