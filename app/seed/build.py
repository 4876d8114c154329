"""The whole plan: sources and gazetteers as records, then every curated row, then coverage."""

from collections import Counter
from typing import Any

from app.editorial.store import Record, Row
from app.seed.errors import SeedError
from app.seed.files import SeedFiles
from app.seed.gazetteer import parents_first
from app.seed.plan import Plan, Planner, RowFlag, RowRef, date_columns, parse_edtf
from app.seed.records import claim_record, event_record, negotiation_record, review_context
from app.seed.specs import ActorSpec, CitationSpec, PlaceSpec


def actor_record(p: Planner, a: ActorSpec) -> Record:
    where = f"{p.files.name('actors.yaml')}: {a.slug!r}"
    p.say(where, a.description, *(r.title for r in a.roles))
    values = {
        "slug": a.slug,
        "name": a.name,
        "kind": a.kind.value,
        "country_code": a.country_code,
        "aliases": list(a.aliases),
        "description": a.description,
        "parent_id": a.parent,
    }
    roles = [
        {"title": r.title, "organization_id": r.organization}
        | date_columns(parse_edtf(where, r.as_of), "as_of")
        for r in a.roles
    ]
    return Record("actor", a.slug, values, {"roles": roles})


def place_record(p: Planner, x: PlaceSpec) -> Record:
    p.say(f"{p.files.name('places.yaml')}: {x.slug!r}", x.note)
    values = {
        "slug": x.slug,
        "name": x.name,
        "kind": x.kind.value,
        "iso_code": x.iso_code,
        "country_code": x.country_code,
        "parent_id": x.parent,
        "aliases": list(x.aliases),
        "note": x.note,
    }
    return Record("place", x.slug, values)


def source_records(p: Planner) -> list[Record]:
    records = []
    for s in p.files.sources:
        published = parse_edtf(s.slug, s.published)
        values = {
            "slug": s.slug,
            "title": s.title,
            "publisher": s.publisher,
            "url": s.url,
            "language": s.language,
            **date_columns(published, "published"),
            "published_note": s.published_note,
            "text": p.files.texts[s.slug],
            "sha256": s.sha256,
        }
        records.append(Record("source", s.slug, values))
    return records


def _register(p: Planner, files: SeedFiles) -> None:
    for curation in files.curations:
        name = files.name(curation.file)
        spec = curation.spec
        source = p.need("source", spec.source, name) or spec.source
        sections: list[tuple[str, list[Any]]] = [
            ("negotiation", spec.negotiations),
            ("event", spec.events),
            ("claim", spec.claims),
        ]
        for kind, rows in sections:
            for index, row in enumerate(rows):
                where = f"{name}: {kind}s[{index}] {row.slug!r}"
                if row.slug in p.rows:
                    raise SeedError(where, f"slug already used by {p.rows[row.slug].where}")
                date = row.as_of if kind == "claim" else row.date
                p.rows[row.slug] = RowRef(kind, row.slug, where, source, date, row.title)
                p.slugs.setdefault(kind, set()).add(row.slug)
        known = p.slugs.setdefault("outcome", set())
        for n in spec.negotiations:
            for o in n.outcomes:
                if o.slug in known:
                    raise SeedError(name, f"outcome slug {o.slug!r} used twice")
                known.add(o.slug)


def build_plan(files: SeedFiles) -> Plan:
    """Check every file and row and turn them into records, without touching the database."""
    p = Planner(files)
    p.check_sources()
    p.check_gazetteers()
    ctx = review_context(files)
    places = {x.slug: x for x in files.places}
    actors = {a.slug: a for a in files.actors}
    records = source_records(p)
    records += [
        place_record(p, places[s]) for s in parents_first({s: x.parent for s, x in places.items()})
    ]
    records += [
        actor_record(p, actors[s]) for s in parents_first({s: a.parent for s, a in actors.items()})
    ]
    _register(p, files)
    for curation in files.curations:
        spec = curation.spec
        records += [negotiation_record(p, ctx, p.rows[n.slug], n) for n in spec.negotiations]
        records += [event_record(p, ctx, p.rows[e.slug], e) for e in spec.events]
        records += [claim_record(p, ctx, p.rows[c.slug], c) for c in spec.claims]
    p.check_prose(sorted({t for c in files.curations for t in c.spec.framing_terms}))
    coverages = [
        p.coverage(
            s.slug,
            [
                (CitationSpec(quote=x.quote, occurrence=x.occurrence), x.reason)
                for c in files.curations
                if c.spec.source == s.slug
                for x in c.spec.exclusions
            ],
        )
        for s in files.sources
    ]
    flags = [RowFlag(r.kind, r.slug, f) for r in records for f in r.values.get("flags", [])]
    return Plan(records, flags, coverages, _totals(records), [s.slug for s in files.sources])


TOTAL_NAMES = {"places": "event_places", "stages": "outcome_stages"}
"""Child rows named apart from the records they share a name with."""


def _walk(children: Row, totals: Counter[str]) -> None:
    for name, rows in children.items():
        totals[TOTAL_NAMES.get(name, name)] += len(rows)
        for row in rows:
            nested = {
                k: v
                for k, v in row.items()
                if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)
            }
            _walk({k: v for k, v in nested.items() if k != "flags"}, totals)


def _totals(records: list[Record]) -> dict[str, int]:
    totals: Counter[str] = Counter()
    for record in records:
        _walk(record.children, totals)
    return {name: n for name, n in sorted(totals.items()) if n}
