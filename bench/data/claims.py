"""Territorial claims (about one per ten events), always attributed: who claims what of a place,
as of when, and who says so; some answered by the other side's refusal to recognise them."""

from dataclasses import dataclass
from decimal import Decimal

from app.editorial.attribution import verification_for
from bench.data.binary import NO_FLAGS, jsonb, timestamptz
from bench.data.dates import DateCols
from bench.data.drafts import Scene, attribution_flag, qualified, side_speaker
from bench.data.events import MINUTES, Written, status
from bench.data.exchanges import cap
from bench.data.pick import Weighted, one
from bench.data.places import CLAIMED, CLAIMED_WEIGHTS
from bench.data.tables import Batch, Ids, Words, refs
from bench.data.text import CLAIM, Article, Sentence
from bench.data.world import PREFIX, Actor, Place

KINDS = ("control_extent", "sovereignty", "non_recognition", "withdrawal_demand", "incorporation")
KIND = Weighted(KINDS, (0.35, 0.2, 0.2, 0.15, 0.1))
REGION = Weighted(CLAIMED, CLAIMED_WEIGHTS)
CONTROL = {
    "luhansk-oblast": (95, 99),
    "donetsk-oblast": (55, 80),
    "zaporizhzhia-oblast": (65, 75),
    "kherson-oblast": (65, 75),
    "crimea": (100, 100),
}
"""The share of each region Russia claims to control, low to high."""
LINKED = ("statement", "demand", "refusal", "annexation", "referendum")
"""Event types a claim may come from."""


@dataclass(slots=True)
class Claim:
    kind: str
    claimant: Actor
    stated_by: Actor
    place: Place
    sentence: Sentence
    title: str
    value: Decimal | None = None
    qualifier: str = "exact"


class ClaimWriter:
    def __init__(self, ids: Ids) -> None:
        self.ids = ids

    def write(
        self, scene: Scene, article: Article, events: list[Written], count: int, batch: Batch
    ) -> None:
        """`count` claims from this article, linked to its statements now and then."""
        rng = scene.rng
        linkable = [e for e in events if e.type in LINKED]
        written = 0
        while written < count:
            kind = KIND(rng)
            place = scene.world.place(REGION(rng))
            claim = _claim(scene, kind, place)
            event = one(rng, linkable) if linkable and rng.random() < 0.3 else None
            claim_id = self._write(scene, article, claim, event, batch)
            written += 1
            if kind in ("sovereignty", "incorporation") and written < count and rng.random() < 0.4:
                answer = _claim(scene, "non_recognition", place)
                batch.add(
                    "claim_counters", (claim_id, self._write(scene, article, answer, None, batch))
                )
                written += 1

    def _write(
        self, scene: Scene, article: Article, c: Claim, event: Written | None, batch: Batch
    ) -> int:
        rng = scene.rng
        claim_id = self.ids.next("territorial_claims")
        start = article.add(c.sentence)
        quotes = [c.sentence.text]
        article.cite(
            self.ids.next("citations"), start, start + len(quotes[0]), None, CLAIM, claim_id
        )
        if c.value is not None:
            begin, end = c.sentence.marks["value"]
            value = self.ids.next("citations")
            article.cite(value, start + begin, start + end, "value", CLAIM, claim_id)
            quotes.append(c.sentence.text[begin:end])
        as_of = _as_of(scene, event)
        flags = (
            jsonb([attribution_flag(scene.publication)])
            if c.stated_by is scene.publication
            else NO_FLAGS
        )
        state = status(rng)
        created = as_of.written + MINUTES[claim_id % len(MINUTES)]
        summary = f"{cap(c.stated_by.described)} states the claim as of {as_of.label}."
        batch.searched(
            "territorial_claims",
            (
                claim_id,
                f"{PREFIX}claim-{claim_id}",
                c.kind,
                c.title,
                summary,
                c.claimant.id,
                c.stated_by.id,
                c.place.id,
                c.value,
                "percent" if c.value is not None else None,
                c.qualifier,
                as_of.edtf,
                as_of.start,
                as_of.end,
                as_of.precision,
                as_of.label,
                event.id if event else None,
                state.status,
                state.note,
                verification_for([c.stated_by.speaker]).value,
                flags,
                state.version,
                timestamptz(created),
                timestamptz(created + state.revised),
            ),
            Words(
                c.title,
                summary,
                " ".join(quotes),
                refs({c.claimant.id, c.stated_by.id}, {c.place.id}),
            ),
        )
        return claim_id


def _as_of(scene: Scene, event: Written | None) -> DateCols:
    if event is not None:
        return event.date
    if scene.rng.random() < 0.15:
        return scene.book.fuzzy(scene.day, scene.rng)
    return scene.book.day(scene.day)


def _claim(scene: Scene, kind: str, place: Place) -> Claim:
    rng, world = scene.rng, scene.world
    side = "UA" if kind == "non_recognition" else "RU"
    narrated = rng.random() < 0.2
    speaker = scene.publication if narrated else side_speaker(scene, side)
    said = f"{cap(speaker.ref)} said "
    according = f", according to {speaker.ref}"
    sentence = Sentence()
    claim = Claim(kind, world.state(side), speaker, place, sentence, "")
    where = place.name
    if kind == "control_extent":
        low, high = CONTROL[place.slug]
        share = rng.randint(low, high)
        claim.qualifier, words, _, _ = qualified(rng, share)
        claim.value = Decimal(share)
        sentence.say("Russia says it controls " if narrated else f"{said}Russia controlled ")
        sentence.mark("value", f"{words}{share}% of {where}").say(".")
        claim.title = f"Russia controls {words}{share}% of {where}{according}"
    elif kind == "sovereignty":
        sentence.say(f"{'Russia holds that ' if narrated else said}{where} is part of Russia.")
        claim.title = f"{where} is part of Russia{according}"
    elif kind == "incorporation":
        lead = "Russia holds that " if narrated else said
        sentence.say(f"{lead}{where} was incorporated into Russia.")
        claim.title = f"{where} was incorporated into Russia{according}"
    elif kind == "withdrawal_demand":
        lead = (
            "Russia demands that Ukraine withdraw" if narrated else f"{said}Ukraine must withdraw"
        )
        sentence.say(f"{lead} from {where}.")
        claim.title = f"Russia demands that Ukraine withdraw from {where}{according}"
    else:
        lead = "Ukraine refuses to" if narrated else f"{said}Ukraine will never"
        sentence.say(f"{lead} recognise Russian sovereignty over {where}.")
        claim.title = f"Ukraine refuses to recognise Russian sovereignty over {where}{according}"
    return claim
