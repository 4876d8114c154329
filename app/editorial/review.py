"""The review every record passes before it is written, whoever writes it (the API, the seed).

A record comes as its stored shape (`Record`: columns with references as slugs, child rows). The
review checks it against the editorial rules and completes what Parley computes: date bounds and
labels from EDTF, citations anchored in their source's text, verification from who says so, and
the flags Parley's own checks raise (`by: parley`), which are recomputed at every write.
"""

import copy
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.dates import edtf_bounds
from app.editorial.attribution import (
    REPORTED_SPEECH,
    SPEAKING_ROLES,
    Speaker,
    needs_attribution_flag,
    speaker_problem,
    verification_for,
)
from app.editorial.codes import check_iso, country_exists
from app.editorial.figures import Figure, review_figures
from app.editorial.numbers import RAISED, Flag, check_value
from app.editorial.prose import quotes_not_in, raw_edtf
from app.editorial.quotes import QuoteError, anchor
from app.editorial.store import Record, Row
from app.models.enums import OutcomeKind, Qualifier


@dataclass(frozen=True)
class SourceText:
    text: str
    publisher: str


@dataclass
class Context:
    """What the review reads besides the record: the actors it names, the sources it cites."""

    speakers: dict[str, Speaker]
    sources: dict[str, SourceText]


class Invalid(ValueError):
    """A record that breaks the rules: each problem is a path in the record and a message."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(
            "; ".join(f"{path}: {message}" if path else message for path, message in problems)
        )
        self.problems = problems


class _Review:
    def __init__(self, record: Record, ctx: Context) -> None:
        self.values: Row = copy.deepcopy(record.values)
        self.children: Row = copy.deepcopy(record.children)
        self.record = record
        self.ctx = ctx
        self.problems: list[tuple[str, str]] = []
        self.cited: set[str] = set()

    def problem(self, path: str, message: str) -> None:
        self.problems.append((path, message))

    def date(self, row: Row, prefix: str, path: str, *, optional: bool = False) -> None:
        """Bounds, precision and label of `row[prefix]`, an EDTF date."""
        edtf = row.get(prefix)
        parts = ("start", "end", "precision", "label")
        if edtf is None:
            if not optional:
                self.problem(_join(path, prefix), "a date (EDTF) is required")
            row.update({f"{prefix}_{part}": None for part in parts})
            return
        try:
            bounds = edtf_bounds(edtf)
        except ValueError as exc:
            self.problem(_join(path, prefix), str(exc))
            return
        row.update(
            {
                f"{prefix}_start": bounds.start.isoformat(),
                f"{prefix}_end": bounds.end.isoformat(),
                f"{prefix}_precision": bounds.precision.value,
                f"{prefix}_label": bounds.label,
            }
        )

    def citations(self, rows: list[Row], path: str) -> None:
        """Anchor each quote in its source: the offsets given, or the one place it occurs."""
        for index, c in enumerate(rows):
            where = f"{path}[{index}]"
            source = self.ctx.sources.get(c.get("source_id") or "")
            if source is None:
                self.problem(_join(where, "source"), f"no source {c.get('source_id')!r}")
                continue
            self.cited.add(c["source_id"])
            try:
                span = anchor(
                    source.text,
                    c.get("quote") or "",
                    start=c.get("start_offset"),
                    end=c.get("end_offset"),
                    prefix=c.get("prefix"),
                    suffix=c.get("suffix"),
                )
            except QuoteError as exc:
                self.problem(_join(where, "quote"), str(exc))
                continue
            c.update(
                quote=span.quote,
                start_offset=span.start,
                end_offset=span.end,
                prefix=span.prefix,
                suffix=span.suffix,
            )

    def speaker(self, slug: str | None, path: str, *, required: bool = True) -> Speaker | None:
        """An actor as one who says so: a person, body or publication, never a state; a
        publication only for what its own articles say."""
        if slug is None:
            if required:
                self.problem(
                    path,
                    "say who says so: the speaker the source credits, or the "
                    "publication for its own narration",
                )
            return None
        speaker = self.ctx.speakers.get(slug)
        if speaker is None:
            self.problem(path, f"no actor {slug!r}")
            return None
        problem = speaker_problem(speaker, path.rsplit(".", 1)[-1])
        if problem is not None:
            self.problem(path, problem)
        return speaker

    def prose(self, path: str, text: str | None) -> None:
        """Parley's voice: dates as labels, quotation marks only around the sources' words."""
        if not text:
            return
        if found := raw_edtf(text):
            self.problem(path, f"prose holds raw EDTF {found}: write the date's label")
        if self.cited:
            missing = set(
                quotes_not_in(text, "\n".join(self.ctx.sources[s].text for s in self.cited))
            )
            if missing:
                self.problem(path, f"quotes words the source does not hold: {sorted(missing)}")

    def flags(self, rows: list[Flag], path: str) -> list[Flag]:
        """The record's own flags, without those Parley raised last time; their prose checked."""
        kept = [f for f in rows if f.get("by") != RAISED["by"]]
        for index, f in enumerate(kept):
            self.prose(f"{path}[{index}].detail", f.get("detail"))
        return kept

    def attributed(
        self, stated_by: Speaker | None, flags: list[Flag], *, reports_speech: bool
    ) -> None:
        if (
            stated_by is not None
            and needs_attribution_flag(stated_by, reports_speech=reports_speech)
            and not any(f.get("kind") == "attribution" for f in flags)
        ):
            self.problem(
                "flags",
                f"stated by the publication {stated_by.slug!r} and reporting what someone says "
                "or wants: add an `attribution` flag saying whose position it is and that the "
                "source narrates it without quoting them",
            )

    def publications(self, speakers: Iterable[Speaker | None], path: str) -> None:
        """A publication speaks only for what its own articles, cited here, say."""
        publishers = {self.ctx.sources[s].publisher for s in self.cited}
        for speaker in speakers:
            if speaker is not None and speaker.is_publication and speaker.name not in publishers:
                self.problem(
                    path, f"{speaker.slug!r} is a publication, but no source cited here is its"
                )

    def done(self) -> Record:
        if self.problems:
            raise Invalid(self.problems)
        return Record(
            self.record.kind, self.values.get("slug", self.record.slug), self.values, self.children
        )


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _value_quotes(citations: list[Row]) -> list[str]:
    return [c["quote"] for c in citations if c.get("field") == "value" and c.get("quote")]


def _figures(r: _Review, stated: list[Speaker | None]) -> None:
    rows: list[Row] = r.children.get("quantities", [])
    for index, q in enumerate(rows):
        where = f"quantities[{index}]"
        r.citations(q.get("citations", []), f"{where}.citations")
        q["flags"] = r.flags(q.get("flags", []), f"{where}.flags")
        r.prose(f"{where}.note", q.get("note"))
        stated.append(r.speaker(q.get("stated_by_id"), f"{where}.stated_by"))
        worked_out = q.get("basis", "stated") != "stated"
        if worked_out and not any(f.get("kind") == "inference" for f in q["flags"]):
            r.problem(
                f"{where}.flags", "a derived or inferred figure says how in an `inference` flag"
            )
        quotes = _value_quotes(q.get("citations", []))
        if not quotes:
            r.problem(f"{where}.citations", "cite the words that give the figure (field `value`)")
            continue
        try:
            q["flags"] += check_value(
                field="value",
                value=q["value"],
                qualifier=Qualifier(q.get("qualifier", "exact")),
                quotes=quotes,
                worked_out=worked_out,
            )
        except ValueError as exc:
            r.problem(f"{where}.value", str(exc))
    figures = [
        Figure(
            category=q["category"],
            recipient=q.get("recipient_id"),
            value=q["value"],
            qualifier=q.get("qualifier", "exact"),
            is_best=bool(q.get("is_best")),
            total_of=tuple(q.get("total_of", [])),
        )
        for q in rows
    ]
    review = review_figures(figures)
    for problem in review.problems:
        r.problem("quantities", problem)
    for index, flags in review.flags.items():
        rows[index]["flags"] += [f | RAISED for f in flags]


def _event(r: _Review) -> Record:
    v, ch = r.values, r.children
    r.citations(ch.get("citations", []), "citations")
    r.date(v, "date", "")
    r.date(v, "expected", "", optional=True)
    v["flags"] = r.flags(v.get("flags", []), "flags")
    for field in ("title", "summary"):
        r.prose(field, v.get(field))
    stated_by = r.speaker(v.get("stated_by_id"), "stated_by")
    speakers = [stated_by]
    if v.get("expected") is not None:
        speakers.append(r.speaker(v.get("expected_stated_by_id"), "expected.stated_by"))
    for index, p in enumerate(ch.get("participants", [])):
        if p.get("role") in SPEAKING_ROLES:
            speakers.append(r.speaker(p.get("actor_id"), f"participants[{index}].actor"))
    figure_speakers: list[Speaker | None] = []
    _figures(r, figure_speakers)
    for index, c in enumerate(ch.get("citations", [])):
        r.prose(f"citations[{index}].note", c.get("note"))
    r.attributed(stated_by, v["flags"], reports_speech=v.get("type") in REPORTED_SPEECH)
    r.publications([*speakers, *figure_speakers], "stated_by")
    v["verification"] = verification_for(s for s in speakers if s is not None).value
    return r.done()


def _outcomes(r: _Review, speakers: list[Speaker | None]) -> None:
    for index, o in enumerate(r.children.get("outcomes", [])):
        where = f"outcomes[{index}] {o.get('slug')!r}"
        r.citations(o.get("citations", []), f"{where}.citations")
        r.date(o, "date", where)
        r.date(o, "delivery_as_of", where, optional=o.get("delivery") is None)
        o["flags"] = r.flags(o.get("flags", []), f"{where}.flags")
        r.prose(f"{where}.description", o.get("description"))
        speakers.append(r.speaker(o.get("stated_by_id"), f"{where}.stated_by"))
        agreed = o.get("kind") == OutcomeKind.agreed
        if agreed != (o.get("delivery") is not None):
            r.problem(where, "an agreed outcome, and only one, says how far it is delivered")
        if o.get("stages") and o.get("delivery") is None:
            r.problem(where, "stages deliver an outcome: give its `delivery`")
        if o.get("delivery") is not None:
            speakers.append(
                r.speaker(o.get("delivery_stated_by_id"), f"{where}.delivery.stated_by")
            )
            cited = any(c.get("field") == "delivery" for c in o.get("citations", []))
            if o["delivery"] != "unknown" and not cited:
                r.problem(
                    f"{where}.delivery", "cite what says how far it is delivered (field `delivery`)"
                )


def _negotiation(r: _Review) -> Record:
    v = r.values
    r.citations(r.children.get("citations", []), "citations")
    r.date(v, "date", "")
    v["flags"] = r.flags(v.get("flags", []), "flags")
    for field in ("title", "summary"):
        r.prose(field, v.get(field))
    for index, item in enumerate(v.get("agenda", [])):
        r.prose(f"agenda[{index}]", item)
    speakers: list[Speaker | None] = []
    _outcomes(r, speakers)
    r.publications(speakers, "outcomes")
    v["verification"] = verification_for(s for s in speakers if s is not None).value
    return r.done()


def _claim(r: _Review) -> Record:
    v = r.values
    citations = r.children.get("citations", [])
    r.citations(citations, "citations")
    r.date(v, "as_of", "")
    v["flags"] = r.flags(v.get("flags", []), "flags")
    for field in ("title", "summary"):
        r.prose(field, v.get(field))
    if (v.get("value") is None) != (v.get("unit") is None):
        r.problem("value", "a value needs its unit, and a unit its value")
    if v.get("value") is not None:
        quotes = _value_quotes(citations)
        worked_out = any(
            f.get("kind") == "inference" and f.get("field") == "value" for f in v["flags"]
        )
        if not quotes:
            r.problem("citations", "cite the words that give the value (field `value`)")
        else:
            try:
                v["flags"] += check_value(
                    field="value",
                    value=Decimal(str(v["value"])),
                    qualifier=Qualifier(v.get("qualifier", "exact")),
                    quotes=quotes,
                    worked_out=worked_out,
                )
            except ValueError as exc:
                r.problem("value", str(exc))
    stated_by = r.speaker(v.get("stated_by_id"), "stated_by")
    r.attributed(stated_by, v["flags"], reports_speech=True)
    r.publications([stated_by], "stated_by")
    v["verification"] = verification_for([stated_by] if stated_by else []).value
    return r.done()


def _actor(r: _Review) -> Record:
    v = r.values
    code = v.get("country_code")
    if code is not None and not country_exists(code):
        r.problem("country_code", f"{code!r} is not an ISO 3166-1 alpha-2 code")
    r.prose("description", v.get("description"))
    for index, role in enumerate(r.children.get("roles", [])):
        r.date(role, "as_of", f"roles[{index}]")
        r.prose(f"roles[{index}].title", role.get("title"))
    return r.done()


def _place(r: _Review) -> Record:
    v = r.values
    problem = check_iso(v.get("kind", ""), v.get("iso_code"), v.get("country_code"))
    if problem is not None:
        r.problem("iso_code", problem)
    r.prose("note", v.get("note"))
    return r.done()


def _source(r: _Review) -> Record:
    v = r.values
    r.date(v, "published", "")
    v.pop("text_version", None)
    text = v.get("text")
    if text is not None:
        v["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    else:
        v.pop("sha256", None)
    for field in ("title", "published_note"):
        r.prose(field, v.get(field))
    return r.done()


REVIEWS = {
    "event": _event,
    "negotiation": _negotiation,
    "claim": _claim,
    "actor": _actor,
    "place": _place,
    "source": _source,
}


def review(record: Record, ctx: Context) -> Record:
    """The record checked and completed; Invalid, naming every problem, when it breaks a rule."""
    return REVIEWS[record.kind](_Review(record, ctx))


def actor_slugs(record: Record) -> set[str]:
    """The actors a record names where the review needs to know who they are."""
    found: set[str] = set()
    for row in _rows(record.values, record.children):
        for key in ("stated_by_id", "expected_stated_by_id", "delivery_stated_by_id", "actor_id"):
            if isinstance(row.get(key), str):
                found.add(row[key])
    return found


def source_slugs(record: Record) -> set[str]:
    return {
        row["source_id"]
        for row in _rows(record.values, record.children)
        if isinstance(row.get("source_id"), str)
    }


def _rows(values: Row, children: Row) -> Iterator[Row]:
    yield values
    for rows in children.values():
        for row in rows:
            yield from _rows(row, {k: v for k, v in row.items() if _is_child_list(v)})


def _is_child_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(x, dict) for x in value)
