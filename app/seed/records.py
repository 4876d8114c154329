"""Curated rows turned into records: columns, child rows and flags, every reference checked."""

from typing import Any

from app.editorial.attribution import (
    REPORTED_SPEECH,
    SPEAKING_ROLES,
    Speaker,
    needs_attribution_flag,
    verification_for,
)
from app.editorial.figures import Figure, review_figures
from app.editorial.numbers import Flag, check_value
from app.editorial.store import Row
from app.models.enums import DeliveryState, OutcomeKind
from app.models.events import EXPECTED
from app.models.negotiations import DELIVERY
from app.seed.errors import SeedError
from app.seed.plan import Planner, Record, RowRef, date_columns
from app.seed.specs import (
    CitationSpec,
    ClaimSpec,
    EventSpec,
    ExpectedSpec,
    FlagSpec,
    NegotiationSpec,
    OutcomeSpec,
    ParticipantSpec,
    QuantitySpec,
)

NO_EXPECTED = dict.fromkeys((*EXPECTED, "expected_stated_by_id"))
NO_DELIVERY = dict.fromkeys(DELIVERY)


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


def _checked_value(where: str, **kwargs: Any) -> list[Flag]:
    try:
        return check_value(**kwargs)
    except ValueError as exc:
        raise SeedError(where, str(exc)) from None


def _attributed(
    ref: RowRef, stated_by: Speaker, flags: list[FlagSpec], *, reports_speech: bool
) -> None:
    """Narration that reports what a side says or wants must carry an attribution flag."""
    if needs_attribution_flag(stated_by, reports_speech=reports_speech) and not any(
        f.kind == "attribution" for f in flags
    ):
        raise SeedError(
            ref.where,
            f"stated by the publication {stated_by.slug!r} and reporting what someone says or "
            "wants: add an `attribution` flag saying whose position it is and that the source "
            "narrates it without quoting them",
        )


def _quantity(p: Planner, ref: RowRef, q: QuantitySpec, index: int) -> Row:
    where = f"{ref.where} quantities[{index}]"
    p.say(where, q.note, q.reason, source=ref.source)
    if (q.low is not None and q.low > q.value) or (q.high is not None and q.high < q.value):
        raise SeedError(where, "low <= value <= high does not hold")
    if (q.basis == "stated") != (q.reason is None):
        raise SeedError(where, "a derived or inferred figure needs a `reason`, a stated one none")
    p.speaker(q.stated_by, where, "stated_by", ref.source)
    citations = [p.cite(c, where=where, source=ref.source, field="value") for c in q.quotes]
    flags = _checked_value(
        where,
        field="value",
        value=q.value,
        qualifier=q.qualifier,
        quotes=[c.quote for c in q.quotes],
        reason=q.reason,
    )
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


def _quantities(p: Planner, ref: RowRef, specs: list[QuantitySpec]) -> list[Row]:
    """The event's figures, checked together: best figures never overlap, totals add up."""
    rows = [_quantity(p, ref, q, index) for index, q in enumerate(specs)]
    figures = [
        Figure(
            category=q.category.value,
            recipient=q.recipient,
            value=q.value,
            qualifier=q.qualifier.value,
            is_best=q.best,
            total_of=tuple(c.value for c in q.total_of),
        )
        for q in specs
    ]
    review = review_figures(figures)
    if review.problems:
        raise SeedError(ref.where, "; ".join(review.problems))
    for index, flags in review.flags.items():
        rows[index]["flags"] += flags
    return rows


def _speakers(p: Planner, ref: RowRef, participants: list[ParticipantSpec]) -> list[Speaker]:
    return [
        p.speaker(x.actor, ref.where, f"participant with role {x.role.value}")
        for x in participants
        if x.role in SPEAKING_ROLES
    ]


def _expected(p: Planner, ref: RowRef, spec: ExpectedSpec | None) -> tuple[Row, Any]:
    if spec is None:
        return dict(NO_EXPECTED), None
    dated = p.dated(ref, spec, "expected")
    p.speaker(spec.stated_by, ref.where, "expected.stated_by", ref.source)
    columns = {**date_columns(dated.bounds, "expected"), "expected_stated_by_id": spec.stated_by}
    return columns, dated


def event_record(p: Planner, ref: RowRef, e: EventSpec) -> Record:
    p.say(ref.where, e.title, e.summary, source=ref.source)
    dated = p.dated(ref, e.date, "date")
    flags, citations = list(dated.flags), list(dated.citations)
    expected, expected_dated = _expected(p, ref, e.expected)
    if expected_dated is not None:
        flags += expected_dated.flags
        citations += expected_dated.citations
    stated_by = p.speaker(e.stated_by, ref.where, "stated_by", ref.source)
    _attributed(ref, stated_by, e.flags, reports_speech=e.type in REPORTED_SPEECH)
    speakers = [stated_by, *_speakers(p, ref, e.participants)]
    citations += _cite_all(p, ref, e.citations)
    values = {
        "slug": e.slug,
        "type": e.type.value,
        "title": e.title,
        "summary": e.summary,
        **date_columns(dated.bounds, "date"),
        "stated_by_id": e.stated_by,
        **expected,
        "negotiation_id": p.need("negotiation", e.negotiation, ref.where),
        "status": e.status.value,
        "verification": verification_for(speakers).value,
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
        "quantities": _quantities(p, ref, e.quantities),
        "citations": _unique_citations(citations),
    }
    return Record("event", e.slug, values, children)


def _outcome(p: Planner, ref: RowRef, o: OutcomeSpec, position: int) -> tuple[Row, list[Speaker]]:
    where = f"{ref.where} outcomes[{position}] {o.slug!r}"
    own = RowRef("outcome", f"outcome:{o.slug}", where, ref.source, o.date, o.description)
    p.say(where, o.description, source=ref.source)
    dated = p.dated(own, o.date, "date")
    speakers = [p.speaker(o.stated_by, where, "stated_by", ref.source)]
    flags, citations = list(dated.flags), list(dated.citations)
    citations += [p.cite(c, where=where, source=ref.source) for c in o.citations]
    delivery: Row = dict(NO_DELIVERY)
    if (o.kind is OutcomeKind.agreed) != (o.delivery is not None):
        raise SeedError(where, "an agreed outcome, and only one, says how far it is delivered")
    if o.stages and o.delivery is None:
        raise SeedError(where, "stages deliver an outcome: give its `delivery`")
    if o.delivery is not None:
        d = o.delivery
        if not d.citations and d.state is not DeliveryState.unknown:
            raise SeedError(where, "a delivery state other than `unknown` needs its citations")
        delivered = p.dated(own, d.as_of, "delivery.as_of")
        speakers.append(p.speaker(d.stated_by, where, "delivery.stated_by", ref.source))
        delivery = {
            "delivery": d.state.value,
            **date_columns(delivered.bounds, "delivery_as_of"),
            "delivery_stated_by_id": d.stated_by,
        }
        flags += delivered.flags
        citations += delivered.citations
        citations += [
            p.cite(c, where=where, source=ref.source, field="delivery") for c in d.citations
        ]
    row = {
        "slug": o.slug,
        "kind": o.kind.value,
        "description": o.description,
        **date_columns(dated.bounds, "date"),
        "stated_by_id": o.stated_by,
        **delivery,
        "flags": flags + _curated(p, ref, where, o.flags),
        "position": position,
        "citations": _unique_citations(citations),
        "stages": [
            {"event_id": p.need("event", e, where), "stage": number}
            for number, e in enumerate(o.stages, start=1)
        ],
    }
    return row, speakers


def negotiation_record(p: Planner, ref: RowRef, n: NegotiationSpec) -> Record:
    p.say(ref.where, n.title, n.summary, *n.agenda, source=ref.source)
    dated = p.dated(ref, n.date, "date")
    outcomes: list[Row] = []
    speakers: list[Speaker] = []
    for position, o in enumerate(n.outcomes):
        row, said_by = _outcome(p, ref, o, position)
        outcomes.append(row)
        speakers += said_by
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
        "verification": verification_for(speakers).value,
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
        "outcomes": outcomes,
        "citations": _unique_citations(dated.citations + _cite_all(p, ref, n.citations)),
    }
    return Record("negotiation", n.slug, values, children)


def claim_record(p: Planner, ref: RowRef, c: ClaimSpec) -> Record:
    p.say(ref.where, c.title, c.summary, c.derived, source=ref.source)
    dated = p.dated(ref, c.as_of, "as_of")
    flags = list(dated.flags)
    if (c.value is None) != (c.unit is None):
        raise SeedError(ref.where, "a value needs its unit, and a unit its value")
    value_citations = _cite_all(p, ref, c.value_quotes, "value")
    if c.value is not None:
        if not c.value_quotes:
            raise SeedError(ref.where, "a value needs `value_quotes`")
        flags += _checked_value(
            ref.where,
            field="value",
            value=c.value,
            qualifier=c.qualifier,
            quotes=[q.quote for q in c.value_quotes],
            reason=c.derived,
        )
    stated_by = p.speaker(c.stated_by, ref.where, "stated_by", ref.source)
    _attributed(ref, stated_by, c.flags, reports_speech=True)
    values = {
        "slug": c.slug,
        "kind": c.kind.value,
        "title": c.title,
        "summary": c.summary,
        "claimant_id": p.need("actor", c.claimant, ref.where),
        "stated_by_id": c.stated_by,
        "place_id": p.need("place", c.place, ref.where),
        "value": str(c.value) if c.value is not None else None,
        "unit": c.unit,
        "qualifier": c.qualifier.value,
        **date_columns(dated.bounds, "as_of"),
        "event_id": p.need("event", c.event, ref.where),
        "status": c.status.value,
        "verification": verification_for([stated_by]).value,
        "flags": flags + _curated(p, ref, ref.where, c.flags),
    }
    citations = dated.citations + value_citations + _cite_all(p, ref, c.citations)
    children = {
        "counters": [{"counter_id": p.need("claim", x, ref.where)} for x in c.counters],
        "citations": _unique_citations(citations),
    }
    return Record("claim", c.slug, values, children)
