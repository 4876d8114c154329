"""Tracks of talks (about one per 500 events): venue, parties, delegations and outcomes, each
cited from an article of its own."""

import random
from dataclasses import dataclass

from app.editorial.attribution import verification_for
from bench.data.binary import NO_FLAGS, timestamptz
from bench.data.dates import DAYS, DateBook
from bench.data.drafts import Track, mediated
from bench.data.events import MINUTES, status
from bench.data.outcomes import Meeting, OutcomeWriter
from bench.data.pick import one
from bench.data.places import VENUES
from bench.data.tables import Batch, Ids, Words, refs
from bench.data.text import NEGOTIATION, Article, Sentence
from bench.data.world import PREFIX, Actor, World

AGENDA = (
    "prisoner exchange",
    "return of bodies",
    "ceasefire",
    "return of children",
    "humanitarian corridors",
    "Black Sea navigation",
)
LENGTHS = (0, 1, 2, 6, 20, 45, 90, 150)
"""How many days a track lasts."""


@dataclass(frozen=True)
class Report:
    """The article a track is cited from, and the last day it reports."""

    article: Article
    publication: Actor
    title: str
    last: int


@dataclass
class Talks:
    """Every track of talks, and those going on each day."""

    tracks: list[Track]
    active: list[list[Track]]
    exchanges: dict[int, int]
    """The outcome agreeing an exchange, by track, when the track's exchanges are its stages."""

    def on(self, day: int, rng: random.Random) -> Track | None:
        going = self.active[max(0, min(DAYS - 1, day))]
        return one(rng, going) if going else None


class TalksWriter:
    def __init__(self, world: World, book: DateBook, ids: Ids, rng: random.Random) -> None:
        self.world, self.book, self.ids, self.rng = world, book, ids, rng
        self.outcomes = OutcomeWriter(world, book, ids, rng)

    def write(self, count: int, batch: Batch) -> tuple[Talks, list[Report]]:
        """`count` tracks; the articles that report them, still to be published."""
        talks = Talks([], [[] for _ in range(DAYS)], self.outcomes.exchanges)
        reports = []
        for _ in range(count):
            track, report, first = self._track(batch)
            talks.tracks.append(track)
            for day in range(first, report.last + 1):
                talks.active[day].append(track)
            reports.append(report)
        return talks, reports

    def _track(self, batch: Batch) -> tuple[Track, "Report", int]:
        rng, world, book = self.rng, self.world, self.book
        track_id = self.ids.next("negotiations")
        first = book.draw(rng)
        last = min(first + one(rng, LENGTHS), DAYS - 1)
        venue_slug = one(rng, list(VENUES))
        venue, host = world.place(venue_slug), world.state(VENUES[venue_slug])
        state = None if host.country == "BY" or rng.random() < 0.25 else host
        heads = (_person(world, "UA", rng), _person(world, "RU", rng))
        track = Track(track_id, venue, state, host, heads)
        publication = one(rng, world.publications)
        article = Article(self.ids.next("sources"))
        agenda = rng.sample(AGENDA, rng.randint(2, 4))
        date = book.day(first) if last == first else book.fuzzy(first, rng)
        title = f"Russia\u2013Ukraine talks on {agenda[0]} in {venue.name} ({date.start.year})"
        quotes = self._opening(track, article, publication)
        parties, named = self._parties(track, batch)
        meeting = Meeting(track, title, first, last, article, publication, parties)
        said = self.outcomes.write(meeting, batch)
        summary = f"Talks between Russian and Ukrainian delegations in {venue.name}"
        summary += f"{mediated(state)}."
        state_of = status(rng)
        written = date.written + MINUTES[track_id % len(MINUTES)]
        form = "mediated" if state else one(rng, ("direct", "direct", "multilateral"))
        batch.searched(
            "negotiations",
            (
                track_id,
                f"{PREFIX}negotiation-{track_id}",
                title,
                summary,
                venue.id,
                form,
                _phase(rng, last),
                agenda,
                date.edtf,
                date.start,
                date.end,
                date.precision,
                date.label,
                state_of.status,
                state_of.note,
                verification_for(a.speaker for a in said.speakers).value,
                NO_FLAGS,
                state_of.version,
                timestamptz(written),
                timestamptz(written + state_of.revised),
            ),
            Words(
                title,
                summary + " " + " ".join(agenda),
                " ".join(quotes + said.quotes),
                refs(named | said.named, {venue.id}),
            ),
        )
        return track, Report(article, publication, title, last), first

    def _opening(self, track: Track, article: Article, publication: Actor) -> list[str]:
        """The sentences saying the talks were held and who led each delegation, cited."""
        ua_head, ru_head = track.heads
        held = Sentence().say(
            f"Delegations of Russia and Ukraine held talks in {track.venue.name}"
            f"{mediated(track.mediator)}, {publication.ref} has learned."
        )
        led = Sentence().say(
            f"The Ukrainian delegation was led by {ua_head.described}, and the Russian one by "
            f"{ru_head.described}."
        )
        quotes = []
        for sentence, field in ((held, None), (led, "delegations")):
            start = article.add(sentence)
            quote_id = self.ids.next("citations")
            article.cite(quote_id, start, start + len(sentence.text), field, NEGOTIATION, track.id)
            quotes.append(sentence.text)
        return quotes

    def _parties(self, track: Track, batch: Batch) -> tuple[set[int], set[int]]:
        """Parties and delegations as rows; the parties, and every actor the rows name."""
        world, rng = self.world, self.rng
        roles = [(world.state("UA"), "party"), (world.state("RU"), "party")]
        if track.mediator is not None:
            roles.append((track.mediator, "mediator"))
        if track.host is not track.mediator:
            roles.append((track.host, "host"))
        for actor, role in roles:
            batch.add("negotiation_parties", (track.id, actor.id, role))
        parties = {actor.id for actor, _ in roles}
        named = set(parties)
        for side, head in zip(("UA", "RU"), track.heads, strict=True):
            delegation_id = self.ids.next("delegations")
            state = world.state(side)
            batch.add("delegations", (delegation_id, track.id, state.id, head.id))
            named |= {state.id, head.id}
            members = {_person(world, side, rng).id for _ in range(rng.randint(1, 3))}
            for member in sorted(members - {head.id}):
                batch.add("delegation_members", (delegation_id, member, "member"))
                named.add(member)
        return parties, named


def _person(world: World, side: str, rng: random.Random) -> Actor:
    return one(rng, [a for a in world.speakers[side] if a.kind == "person"])


def _phase(rng: random.Random, last: int) -> str:
    if last < DAYS - 90:
        return one(rng, ("concluded", "concluded", "suspended"))
    return one(rng, ("ongoing", "ongoing", "deadlocked", "planned"))
