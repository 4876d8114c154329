"""From seed files to the records a run writes: quotes located, dates resolved, rows checked.

Planning touches no database, so a broken curation file fails here before anything is written.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass

from app.dates import Bounds, edtf_bounds
from app.editorial.datephrases import Context, Resolved, resolve_all
from app.editorial.numbers import Flag
from app.editorial.prose import quotes_not_in, raw_edtf
from app.editorial.quotes import QuoteError, locate
from app.editorial.store import Record, Row
from app.models.enums import DatePrecision
from app.seed.checks import Neighbour, date_flags, framing_outside_quotes, order_problems
from app.seed.coverage import Coverage, coverage
from app.seed.errors import SeedError
from app.seed.files import SeedFiles
from app.seed.gazetteer import check_actors, check_places, unique_slugs
from app.seed.specs import CitationSpec, DateSpec


@dataclass(frozen=True)
class RowFlag:
    kind: str
    slug: str
    flag: Flag


@dataclass(frozen=True)
class RowRef:
    """A curated row as other rows see it: for anchors, order and references."""

    kind: str
    slug: str
    where: str
    source: str
    date: DateSpec
    title: str


@dataclass(frozen=True)
class Dated:
    bounds: Bounds
    resolved: list[Resolved]
    flags: list[Flag]
    citations: list[Row]


@dataclass
class Plan:
    records: list[Record]
    flags: list[RowFlag]
    coverage: list[Coverage]
    totals: dict[str, int]
    sources: list[str]


def date_columns(bounds: Bounds, prefix: str) -> Row:
    return {
        prefix: bounds.edtf,
        f"{prefix}_start": bounds.start.isoformat(),
        f"{prefix}_end": bounds.end.isoformat(),
        f"{prefix}_precision": bounds.precision.value,
        f"{prefix}_label": bounds.label,
    }


def parse_edtf(where: str, text: str) -> Bounds:
    try:
        return edtf_bounds(text)
    except ValueError as exc:
        raise SeedError(where, str(exc)) from None


class Planner:
    """State shared while planning: texts, located spans, row dates, known slugs."""

    def __init__(self, files: SeedFiles) -> None:
        self.files = files
        self.articles: dict[str, dt.date] = {}
        self.spans: dict[str, list[tuple[int, int]]] = {s.slug: [] for s in files.sources}
        self.rows: dict[str, RowRef] = {}
        self.slugs: dict[str, set[str]] = {}
        self.prose: list[tuple[str, str, str | None]] = []
        self._dated: dict[tuple[str, str], Dated] = {}
        self._resolving: set[str] = set()

    def check_sources(self) -> None:
        where = self.files.name("sources.yaml")
        self.slugs["source"] = unique_slugs(where, "sources", (s.slug for s in self.files.sources))
        for index, source in enumerate(self.files.sources):
            row = f"{where}: sources[{index}] {source.slug!r}"
            text = self.files.texts[source.slug]
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if digest != source.sha256:
                raise SeedError(row, f"{source.file} has sha256 {digest}, not the one recorded")
            published = parse_edtf(row, source.published)
            if published.precision is not DatePrecision.day:
                raise SeedError(row, "published must be a day: relative dates count from it")
            self.articles[source.slug] = published.start

    def check_gazetteers(self) -> None:
        self.slugs["actor"] = check_actors(self.files.name("actors.yaml"), self.files.actors)
        self.slugs["place"] = check_places(self.files.name("places.yaml"), self.files.places)

    def need(self, kind: str, slug: str | None, where: str) -> str | None:
        """`slug` itself, once it is known to name a row of `kind`."""
        if slug is not None and slug not in self.slugs.get(kind, set()):
            raise SeedError(where, f"unknown {kind} {slug!r}")
        return slug

    def say(self, where: str, *texts: str | None, source: str | None = None) -> None:
        """Prose in Parley's own voice, checked later (see `check_prose`); what it quotes must
        be in `source`, when given."""
        self.prose.extend((where, text, source) for text in texts if text)

    def cite(self, spec: CitationSpec, *, where: str, source: str, field: str | None = None) -> Row:
        source = self.need("source", spec.source or source, where) or source
        try:
            span = locate(self.files.texts[source], spec.quote, spec.occurrence)
        except QuoteError as exc:
            raise SeedError(where, f"{exc} (source {source!r})") from None
        self.spans[source].append((span.start, span.end))
        return {
            "source_id": source,
            "quote": span.quote,
            "start_offset": span.start,
            "end_offset": span.end,
            "prefix": span.prefix,
            "suffix": span.suffix,
            "field": spec.field or field,
            "note": spec.note,
        }

    def row_date(self, slug: str, where: str) -> Bounds:
        row = self.rows.get(slug)
        if row is None:
            raise SeedError(where, f"no event, negotiation or claim {slug!r} to date against")
        field = "as_of" if row.kind == "claim" else "date"
        return self.dated(row, row.date, field).bounds

    def dated(self, row: RowRef, spec: DateSpec, field: str) -> Dated:
        """A row's date: every date quote located and resolved, checked, flagged."""
        key = (row.slug, field)
        if key not in self._dated:
            if row.slug in self._resolving:
                raise SeedError(row.where, f"{field}: dates count from each other in a cycle")
            self._resolving.add(row.slug)
            try:
                self._dated[key] = self._resolve(row, spec, field)
            finally:
                self._resolving.discard(row.slug)
        return self._dated[key]

    def _context(self, row: RowRef, spec: DateSpec, where: str) -> Context:
        article = self.articles[row.source]
        if spec.relative_to is None:
            label = f"the article's date ({article.isoformat()})"
            return Context(article, edtf_bounds(article.isoformat()), label)
        anchor = self.row_date(spec.relative_to, where)
        label = f"{anchor.label}, the date of {self.rows[spec.relative_to].title!r}"
        return Context(article, anchor, label)

    def _resolve(self, row: RowRef, spec: DateSpec, field: str) -> Dated:
        where = f"{row.where} ({field})"
        self.say(where, spec.reason, source=row.source)
        context = self._context(row, spec, where)
        citations: list[Row] = []
        resolved: list[Resolved] = []
        for quote in spec.quotes:
            citations.append(self.cite(quote, where=where, source=row.source, field=field))
            try:
                found = resolve_all(quote.quote, context)
            except ValueError as exc:
                raise SeedError(where, f"{exc} in {quote.quote!r}") from None
            if not found:
                raise SeedError(where, f"no date expression in {quote.quote!r}")
            resolved.extend(found)
        if spec.edtf is not None:
            chosen = parse_edtf(where, spec.edtf)
        elif resolved and len({r.edtf for r in resolved}) == 1:
            chosen = resolved[0].bounds
        else:
            problem = "the quotes disagree" if resolved else "no date quote"
            raise SeedError(where, f"{problem}: choose a date with `edtf` and give a `reason`")
        disagree = any(r.bounds.end < chosen.start or chosen.end < r.bounds.start for r in resolved)
        if (disagree or not resolved) and not spec.reason:
            raise SeedError(where, "the text does not give this date: say why in `reason`")
        neighbours = [
            Neighbour(relation, repr(self.rows[slug].title), self.row_date(slug, where))
            for relation, slugs in (("after", spec.after), ("before", spec.before))
            for slug in slugs
        ]
        if problems := order_problems(chosen, neighbours):
            raise SeedError(where, "; ".join(problems))
        flags = date_flags(
            field=field, chosen=chosen, resolved=resolved, neighbours=neighbours, reason=spec.reason
        )
        return Dated(chosen, resolved, flags, citations)

    def check_prose(self, terms: list[str]) -> None:
        """Parley's voice: the source's framing only in quotation marks, quotes only of words
        the source holds, and dates as labels, never as raw EDTF."""
        for where, text, source in self.prose:
            if used := framing_outside_quotes(text, terms):
                raise SeedError(
                    where, f"uses the source's framing {used} in Parley's voice; quote it instead"
                )
            if found := raw_edtf(text):
                raise SeedError(where, f"prose holds raw EDTF {found}: write the date's label")
            if source is not None and (missing := quotes_not_in(text, self.files.texts[source])):
                raise SeedError(where, f"quotes words the source does not hold: {missing}")

    def coverage(self, source: str, exclusions: list[tuple[CitationSpec, str]]) -> Coverage:
        text = self.files.texts[source]
        excluded = []
        for spec, reason in exclusions:
            try:
                span = locate(text, spec.quote, spec.occurrence)
            except QuoteError as exc:
                raise SeedError(f"exclusions of {source!r}", str(exc)) from None
            excluded.append(((span.start, span.end), reason))
        return coverage(source, text, self.spans[source], excluded)
