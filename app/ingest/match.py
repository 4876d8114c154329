"""Candidates matched against what Parley holds: a candidate restating a known record becomes
a proposed citation of it, not a new row.

A record restated is found by its quotes (the candidate's sentence and a quote cited for the
record share most of their words, whatever the line breaks or small rewordings), or, for an
event, by its content (same type, overlapping dates, a figure of the same value)."""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, literal, null, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from app.ingest.extract import Candidate
from app.ingest.text import fold
from app.models import Citation, Event, Negotiation, Outcome, Quantity, TerritorialClaim

STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "had", "has", "have",
    "he", "her", "his", "in", "into", "is", "it", "its", "of", "on", "or", "our", "that", "the",
    "their", "there", "these", "they", "this", "those", "to", "was", "were", "which", "who",
    "will", "with", "would",
})  # fmt: skip
RESTATES = 0.6
"""Share of a quote's words a sentence must hold (or the reverse) to restate it."""


SAME_SENTENCE = 0.7
"""Past this share of their words together (Jaccard), the sentence is the quote itself
(reflowed, lightly reworded): it cites the record even where its own date differs (the record
may have flagged it)."""
MIN_WORDS = 4


@dataclass(frozen=True)
class Cited:
    kind: str
    slug: str
    type: str | None
    quote_words: frozenset[str]
    start: dt.date | None
    end: dt.date | None
    field: bool
    """A quote of one field ("according to the ministry" for who says so), not the record."""


@dataclass(frozen=True)
class KnownEvent:
    slug: str
    type: str
    start: dt.date
    end: dt.date
    values: frozenset[Decimal]


def words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", fold(text).lower()) if w not in STOPWORDS)


def _quotes(kind: str, model: Any, type_: Any, backs: Any, dated: bool = True) -> Select[Any]:
    """The quotes citing records of `kind` (`backs`: which citations), with each record's slug,
    type, dates and whether the quote is a field's."""
    start, end = (model.date_start, model.date_end) if dated else (null(), null())
    return select(
        literal(kind), model.slug, type_, Citation.quote, start, end, Citation.field
    ).join(model, backs)


async def cited(session: AsyncSession) -> list[Cited]:
    """Every cited quote, with the record it backs and that record's dates."""
    event_of_quantity = select(Quantity.event_id).where(Quantity.id == Citation.quantity_id)
    event_id = func.coalesce(Citation.event_id, event_of_quantity.scalar_subquery())
    everything = union_all(
        _quotes("event", Event, Event.type, Event.id == event_id),
        _quotes(
            "negotiation",
            Negotiation,
            literal("negotiation_round"),
            Negotiation.id == Citation.negotiation_id,
        ),
        _quotes("outcome", Outcome, Outcome.kind, Outcome.id == Citation.outcome_id),
        _quotes(
            "claim",
            TerritorialClaim,
            TerritorialClaim.kind,
            TerritorialClaim.id == Citation.claim_id,
            dated=False,
        ),
    )
    rows: Any = await session.execute(everything)
    return [
        Cited(kind, slug, type_, words(quote), start, end, field is not None)
        for kind, slug, type_, quote, start, end, field in rows
    ]


async def known_events(session: AsyncSession) -> list[KnownEvent]:
    values = (
        select(func.array_agg(Quantity.value))
        .where(Quantity.event_id == Event.id)
        .scalar_subquery()
    )
    rows = await session.execute(
        select(Event.slug, Event.type, Event.date_start, Event.date_end, values)
    )
    return [
        KnownEvent(slug, type_, start, end, frozenset(Decimal(v) for v in found or []))
        for slug, type_, start, end, found in rows
    ]


def _restates(sentence: frozenset[str], c: Cited) -> float:
    """How far a sentence and a quote say the same: the share of the shorter's words the
    longer holds, when the shorter has enough words to say something (a field's "according
    to the Russian Ministry of Defense" restates nothing on its own)."""
    shorter = min(len(sentence), len(c.quote_words))
    if shorter < MIN_WORDS + (2 if c.field else 0):
        return 0.0
    return len(sentence & c.quote_words) / shorter


def _same_sentence(sentence: frozenset[str], quote: frozenset[str]) -> bool:
    return len(sentence & quote) / len(sentence | quote) >= SAME_SENTENCE


def _compatible(
    candidate: Candidate, c: Cited, sentence: frozenset[str], values: dict[str, frozenset[Decimal]]
) -> bool:
    """Whether a candidate restating a record's quote may be that record: the same sentence,
    or no date and no figure that says otherwise."""
    if _same_sentence(sentence, c.quote_words):
        return True
    figures = {f.value for f in candidate.stated_figures}
    known = values.get(c.slug, frozenset()) if c.kind == "event" else frozenset()
    if figures and known and not figures & known:
        return False
    bounds = candidate.dates[0].bounds if candidate.dates else candidate.context
    if bounds is None or c.start is None or c.end is None:
        return True
    return c.start <= bounds.end and bounds.start <= c.end


def match(
    candidate: Candidate, quotes: list[Cited], events: list[KnownEvent]
) -> dict[str, str] | None:
    """The known record `candidate` restates, if any, and how it was recognised: by a quote
    it restates (on compatible dates), or by its type, dates and figures."""
    sentence = words(candidate.sentence.text)
    values = {e.slug: e.values for e in events}
    scored = [
        (share, c.type == candidate.type, c)
        for c in quotes
        if (share := _restates(sentence, c)) >= RESTATES
        and _compatible(candidate, c, sentence, values)
    ]
    if scored:
        share, _, c = max(scored, key=lambda s: (s[1], s[0]))
        return {
            "kind": c.kind,
            "slug": c.slug,
            "how": f"its sentence restates a quote cited for it ({share:.0%} of the words)",
        }
    bounds = candidate.dates[0].bounds if candidate.dates else candidate.context
    if candidate.kind != "event" or bounds is None:
        return None
    if candidate.type == "negotiation_round":
        for c in quotes:
            if (
                c.kind == "negotiation"
                and c.start
                and c.end
                and c.start <= bounds.end
                and bounds.start <= c.end
            ):
                return {
                    "kind": "negotiation",
                    "slug": c.slug,
                    "how": "a round of talks on the dates of this negotiation",
                }
    figures = {f.value for f in candidate.figures}
    for e in events:
        if (
            e.type == candidate.type
            and e.start <= bounds.end
            and bounds.start <= e.end
            and figures & e.values
        ):
            return {
                "kind": "event",
                "slug": e.slug,
                "how": "same type, overlapping dates and a figure of the same value",
            }
    return None
