"""An article read into candidate records: one per fact a sentence reports, with its type,
date, figures, actors, places, speaker, exact quote and flags. Nothing here writes."""

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from app.dates import Bounds, edtf_bounds
from app.editorial.datephrases import Resolved, resolve_running, weekday_mismatch
from app.ingest import cues, names
from app.ingest.figures import Carried, Figure, figures_in
from app.ingest.names import Entry, Mention
from app.ingest.text import Sentence, sentences
from app.models.enums import QuantityCategory

BODIES = QuantityCategory.bodies
OUTCOME_TYPES = {"agreement"}
"""Facts that are outcomes of a negotiation rather than events of their own."""
NOT_REPORTING = ("Subscribe to", "Follow us", "Read more", "Read also")


@dataclass
class Candidate:
    kind: str
    type: str
    sentence: Sentence
    dates: list[Resolved]
    figures: list[Figure]
    actors: list[Mention]
    places: list[Mention]
    speaker: Mention | None
    flags: list[dict[str, Any]] = field(default_factory=list)
    match: dict[str, Any] | None = None
    stated_figures: list[Figure] = field(default_factory=list)
    """Every count the sentence states, whatever the candidate's type keeps."""
    delivers: "Candidate | None" = None
    """The agreement this exchange or repatriation carries out (a stage of it), when the
    article reports one."""
    context: Bounds | None = None
    """When the sentence is about: its own first date, or else the last date stated before it
    (or the article's date)."""

    def as_json(self) -> dict[str, Any]:
        date = self.dates[0] if self.dates else None
        roles = {f.recipient: "recipient" for f in self.figures if f.recipient}
        if self.speaker is not None:
            roles.setdefault(self.speaker.slug, "speaker")
        return {
            "kind": self.kind,
            "type": self.type,
            "date": _date(date, self.sentence) if date else None,
            "figures": [
                {
                    "category": f.category.value,
                    "value": int(f.value) if f.value == int(f.value) else str(f.value),
                    "qualifier": f.qualifier.value,
                    "recipient": f.recipient,
                    "total": f.total,
                    "quote": {"text": f.text, "start": f.start, "end": f.end},
                }
                for f in self.figures
            ],
            "actors": [
                {
                    "slug": a.slug,
                    "name": a.name,
                    "role": roles.get(a.slug, "party"),
                    "new": not a.known,
                }
                for a in _unique(self.actors)
            ],
            "places": [
                {"slug": p.slug, "name": p.name, "new": not p.known} for p in _unique(self.places)
            ],
            "speaker": self.speaker.slug if self.speaker else None,
            "quote": {
                "text": self.sentence.text,
                "start": self.sentence.start,
                "end": self.sentence.end,
            },
            "flags": self.flags,
            "match": self.match,
            "delivers": _agreement(self.delivers),
        }


def _agreement(agreement: "Candidate | None") -> dict[str, Any] | None:
    if agreement is None:
        return None
    s = agreement.sentence
    return {"quote": {"text": s.text, "start": s.start, "end": s.end}, "match": agreement.match}


def _date(r: Resolved, sentence: Sentence) -> dict[str, Any]:
    return {
        "edtf": r.edtf,
        "start": r.bounds.start.isoformat(),
        "end": r.bounds.end.isoformat(),
        "expression": r.expression,
        "how": r.how,
        "quote": {"start": sentence.start + r.start, "end": sentence.start + r.end},
    }


def _unique(mentions: list[Mention]) -> list[Mention]:
    return list({m.slug: m for m in reversed(mentions)}.values())[::-1]


@dataclass
class Extraction:
    published: dt.date
    dates: list[tuple[Sentence, Resolved]]
    figures: list[Figure]
    actors: list[Mention]
    places: list[Mention]
    candidates: list[Candidate]


def _within(mentions: list[Mention], s: Sentence) -> list[Mention]:
    return [m for m in mentions if s.start <= m.start and m.end <= s.end]


def extract(
    article: str, published: dt.date, actors: list[Entry], places: list[Entry]
) -> Extraction:
    """Every candidate fact of `article`, published on `published`, with names from the
    gazetteers `actors` and `places`."""
    actor_mentions, place_mentions = names.find(article, actors, places)
    dates: list[tuple[Sentence, Resolved]] = []
    all_figures: list[Figure] = []
    candidates: list[Candidate] = []
    anchor: Resolved | None = None
    today = Resolved("", 0, 0, edtf_bounds(published.isoformat()), "the article's date")
    carried = Carried()
    for s in sentences(article):
        if s.text.startswith(NOT_REPORTING):
            continue
        before = anchor
        resolved = [r for r in resolve_running(s.text, published, anchor) if r.anchors]
        anchor = next((r for r in reversed(resolved) if r.anchors), anchor)
        dates += [(s, r) for r in resolved]
        s_actors, s_places = _within(actor_mentions, s), _within(place_mentions, s)
        speaker = cues.speaker_of(s.text, s.start, s_actors)
        side = names.side_of(speaker) if speaker is not None else None
        figures = figures_in(s.text, s.start, s_actors, carried, side)
        all_figures += figures
        flags = [
            {"kind": "discrepancy", "field": "date", "detail": detail}
            for r in resolved
            if (detail := weekday_mismatch(r)) is not None
        ]
        if speaker is None:
            flags.append(
                {
                    "kind": "attribution",
                    "field": "stated_by",
                    "detail": "No one is credited: the article states it.",
                }
            )
        kinds = cues.types_of(s.text, spoken=speaker is not None)
        if "body_repatriation" in kinds and all(f.category is BODIES for f in figures):
            kinds = [k for k in kinds if k != "prisoner_exchange"]
        for kind in kinds:
            candidates.append(
                Candidate(
                    "outcome" if kind in OUTCOME_TYPES else "event",
                    kind,
                    s,
                    resolved,
                    figures
                    if kind in ("prisoner_exchange", "body_repatriation", "agreement")
                    else [],
                    s_actors,
                    s_places,
                    speaker,
                    list(flags),
                    stated_figures=figures,
                    context=(resolved[0] if resolved else before or today).bounds,
                )
            )
    _link_stages(candidates)
    return Extraction(published, dates, all_figures, actor_mentions, place_mentions, candidates)


DELIVERED = {
    "prisoner_exchange": "exchang|swap",
    "body_repatriation": "bod(?:y|ies)|remains|repatriat",
}


def _link_stages(candidates: list[Candidate]) -> None:
    """Each exchange or repatriation the article reports is a stage of the agreement it reports
    on the same kind of transfer (the last one before it, or else the first after it)."""
    agreements = [c for c in candidates if c.type == "agreement"]
    for c in candidates:
        cue = DELIVERED.get(c.type)
        if cue is None or not c.figures:
            continue
        fitting = [
            a
            for a in agreements
            if a.sentence != c.sentence and re.search(cue, a.sentence.text, re.I)
        ]
        before = [a for a in fitting if a.sentence.start < c.sentence.start]
        c.delivers = before[-1] if before else (fitting[0] if fitting else None)
