"""What a track of talks agreed, refused or left open; an agreed exchange says how far it has
been delivered, as of when and according to whom."""

import random
from dataclasses import dataclass, field

from bench.data.binary import NO_FLAGS, jsonb
from bench.data.dates import DAYS, DateBook
from bench.data.drafts import Track, side_speaker_of
from bench.data.exchanges import cap
from bench.data.pick import Weighted, one
from bench.data.tables import Batch, Ids, Words, refs
from bench.data.text import OUTCOME, Article, Sentence
from bench.data.world import PREFIX, Actor, World

DELIVERY = {
    "delivered": "the agreed exchange had been carried out in full",
    "partly_delivered": "part of the agreed exchange had been carried out",
    "in_progress": "the agreed exchange was under way",
    "pending": "the agreed exchange had not yet begun",
    "failed": "the agreed exchange had not taken place",
    "unknown": "",
}
DELIVERY_STATE = Weighted(list(DELIVERY), (0.35, 0.2, 0.15, 0.1, 0.05, 0.15))
DELIVERED = ("delivered", "partly_delivered", "in_progress")
"""Delivery states whose exchanges are linked as the outcome's stages."""
OTHERS = ("not_agreed", "proposed", "demanded", "refused")
UNKNOWN_FLAG = jsonb(
    [
        {
            "kind": "note",
            "field": "stages",
            "detail": "The article does not say whether the exchange took place.",
        }
    ]
)


@dataclass
class Said:
    """What a track's outcomes add to its own search vector and verification."""

    quotes: list[str] = field(default_factory=list)
    named: set[int] = field(default_factory=set)
    """Who states each outcome (the track's vector names them)."""
    speakers: list[Actor] = field(default_factory=list)
    """Who states each outcome or its delivery (the track's verification follows them)."""


@dataclass
class Meeting:
    """A track, as its outcomes are written from it."""

    track: Track
    title: str
    first: int
    last: int
    article: Article
    publication: Actor
    parties: set[int]


class OutcomeWriter:
    def __init__(self, world: World, book: DateBook, ids: Ids, rng: random.Random) -> None:
        self.world, self.book, self.ids, self.rng = world, book, ids, rng
        self.exchanges: dict[int, int] = {}
        """The outcome agreeing an exchange, by track, when the exchanges are its stages."""

    def write(self, meeting: Meeting, batch: Batch) -> Said:
        said = Said()
        kinds = ["agreed", *self.rng.sample(OTHERS, self.rng.randint(1, 3))]
        for position, kind in enumerate(kinds):
            self._outcome(meeting, kind, position, batch, said)
        return said

    def _outcome(self, m: Meeting, kind: str, position: int, batch: Batch, said: Said) -> None:
        rng, book = self.rng, self.book
        outcome_id = self.ids.next("outcomes")
        speaker, sentence, description = self._statement(m, kind)
        quotes = [self._cite(m.article, sentence, None, outcome_id)]
        delivery: tuple[object, ...] = (None,) * 7
        flags = NO_FLAGS
        delivered_by = None
        if kind == "agreed":
            state = DELIVERY_STATE(rng)
            as_of = book.day(min(m.last + rng.randint(0, 30), DAYS - 1))
            delivered_by = self._speaker(m, one(rng, ("UA", "RU")))
            if state == "unknown":
                flags = UNKNOWN_FLAG
            else:
                told = Sentence().say(f"By {as_of.label}, {DELIVERY[state]}")
                told.say("." if delivered_by is m.publication else f", {delivered_by.ref} said.")
                quotes.append(self._cite(m.article, told, "delivery", outcome_id))
            delivery = (state, as_of.edtf, as_of.start, as_of.end, as_of.precision, as_of.label)
            delivery += (delivered_by.id,)
            if state in DELIVERED:
                self.exchanges[m.track.id] = outcome_id
        date = book.day(m.first)
        batch.searched(
            "outcomes",
            (
                outcome_id,
                m.track.id,
                f"{PREFIX}outcome-{outcome_id}",
                kind,
                description,
                speaker.id,
                position,
                date.edtf,
                date.start,
                date.end,
                date.precision,
                date.label,
                *delivery,
                flags,
            ),
            Words(
                description,
                m.title,
                " ".join(quotes),
                refs(
                    {speaker.id, *([delivered_by.id] if delivered_by else []), *m.parties},
                    {m.track.venue.id},
                ),
            ),
        )
        said.quotes += quotes
        said.named.add(speaker.id)
        said.speakers += [speaker, *([delivered_by] if delivered_by else [])]

    def _statement(self, m: Meeting, kind: str) -> tuple[Actor, Sentence, str]:
        """Who states the outcome, the sentence saying it, and its description."""
        rng = self.rng
        if kind == "agreed":
            count = one(rng, (50, 75, 84, 90, 103, 150, 200, 300, 390, 500, 1000))
            speaker = self._speaker(m, one(rng, ("UA", "RU")))
            text = f"The sides agreed to exchange {count} prisoners for {count}"
            return (
                speaker,
                _said(text, speaker, m),
                f"An exchange of {count} prisoners for {count}.",
            )
        if kind == "not_agreed":
            text = "No agreement was reached on a ceasefire"
            return m.publication, _said(text, m.publication, m), "A ceasefire, not agreed."
        if kind == "proposed":
            state = m.track.mediator
            envoys = self.world.envoys.get(state.country or "", []) if state else []
            speaker = one(rng, envoys) if envoys else m.publication
            who = state.ref if state else "the mediators"
            text = f"{cap(who)} proposed a meeting of the two presidents"
            return (
                speaker,
                _said(text, speaker, m),
                f"A meeting of the presidents, proposed by {who}.",
            )
        if kind == "demanded":
            speaker = self._speaker(m, "RU")
            text = "Russia demanded the withdrawal of Ukrainian troops from four regions"
            return (
                speaker,
                _said(text, speaker, m),
                "The withdrawal of Ukrainian troops from four regions.",
            )
        speaker = self._speaker(m, "UA")
        text = "Ukraine refused to discuss territorial concessions"
        return speaker, _said(text, speaker, m), "Territorial concessions, refused by Ukraine."

    def _speaker(self, m: Meeting, side: str) -> Actor:
        if self.rng.random() < 0.2:
            return m.publication
        return side_speaker_of(self.world, self.rng, side)

    def _cite(
        self, article: Article, sentence: Sentence, field: str | None, outcome_id: int
    ) -> str:
        start = article.add(sentence)
        quote_id = self.ids.next("citations")
        article.cite(quote_id, start, start + len(sentence.text), field, OUTCOME, outcome_id)
        return sentence.text


def _said(text: str, speaker: Actor, m: Meeting) -> Sentence:
    return Sentence().say(text + ("." if speaker is m.publication else f", {speaker.ref} said."))
