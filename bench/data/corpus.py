"""All the generated rows, table by table and batch by batch, from one seeded random source.

Events come in articles: each source is an article reporting a few dozen events of the days
before it was published, and a claim for every ten events, each quoted from its text.
"""

import hashlib
import random
from collections.abc import Iterator

from bench.data.actors import PUBLICATION_WEIGHTS
from bench.data.binary import timestamptz
from bench.data.claims import ClaimWriter
from bench.data.dates import DAYS, FIRST, DateBook, DateCols
from bench.data.drafts import Scene
from bench.data.events import EventWriter, Written
from bench.data.negotiations import Talks, TalksWriter
from bench.data.pick import Weighted
from bench.data.tables import COLUMNS, Batch, Ids
from bench.data.text import CITATION_COLUMNS, Article, Sentence
from bench.data.world import (
    ACTOR_COLUMNS,
    PLACE_COLUMNS,
    PREFIX,
    ROLE_COLUMNS,
    Actor,
    World,
)

ARTICLE_EVENTS = (8, 40)
"""How many events one article reports, at least and at most."""
EVENTS_PER_TRACK = 500
EVENTS_PER_CLAIM = 10
GAZETTEER_COLUMNS = {"actors": ACTOR_COLUMNS, "actor_roles": ROLE_COLUMNS}
GAZETTEER_COLUMNS["places"] = PLACE_COLUMNS
GAZETTEER_COLUMNS["citations"] = CITATION_COLUMNS


class Corpus:
    """The benchmark data for `count` events; the same rows for the same count."""

    def __init__(self, count: int, book: DateBook) -> None:
        self.count = count
        self.book = book
        self.rng = random.Random(f"parley-bench-{count}")
        self.ids = Ids()
        self.world = World(book)
        self.events = EventWriter(self.ids)
        self.claims = ClaimWriter(self.ids)
        self.talks: Talks | None = None
        self.publication = Weighted(self.world.publications, PUBLICATION_WEIGHTS)

    def gazetteer(self) -> Batch:
        batch = Batch()
        batch.rows["actors"] = self.world.actor_rows
        batch.rows["actor_roles"] = self.world.role_rows
        batch.rows["places"] = self.world.place_rows
        return batch

    def negotiations(self) -> Batch:
        batch = Batch()
        writer = TalksWriter(self.world, self.book, self.ids, self.rng)
        self.talks, reports = writer.write(max(1, self.count // EVENTS_PER_TRACK), batch)
        for r in reports:
            published = self.book.day(r.last + self.rng.randint(0, 3))
            self._source(r.article, r.publication, r.title, published, batch)
        return batch

    def batches(self, size: int) -> Iterator[Batch | None]:
        """Articles, their events and claims, in batches of at least `size` events; None after
        each article that does not fill one, so that the caller can let the load move on."""
        batch = Batch()
        written = claims = 0
        while written < self.count:
            low, high = ARTICLE_EVENTS
            events = min(self.rng.randint(low, high), self.count - written)
            owed = (written + events) // EVENTS_PER_CLAIM - claims
            self._article(events, owed, batch)
            written += events
            claims += owed
            if batch.events >= size:
                yield batch
                batch = Batch()
            else:
                yield None
        if batch.events:
            yield batch

    def stages(self) -> Batch:
        """The exchanges that deliver each track's agreed exchange, as numbered stages."""
        batch = Batch()
        assert self.talks is not None
        for track_id, outcome_id in sorted(self.talks.exchanges.items()):
            delivering = sorted(self.events.stages.get(track_id, []))[:6]
            for stage, (_, event_id) in enumerate(delivering, start=1):
                batch.add("outcome_events", (outcome_id, event_id, stage))
        return batch

    def _article(self, events: int, claims: int, batch: Batch) -> None:
        rng, book = self.rng, self.book
        assert self.talks is not None
        publication = self.publication(rng)
        article = Article(self.ids.next("sources"))
        anchor = book.draw(rng)
        scene = Scene(self.world, rng, book, publication, anchor)
        written: list[Written] = []
        for _ in range(events):
            scene.day = max(0, anchor - int(rng.expovariate(0.2)))
            scene.negotiation = self.talks.on(scene.day, rng)
            written.append(self.events.write(scene, article, batch))
        scene.day = anchor
        self.claims.write(scene, article, written, claims, batch)
        last = max((w.date.end - FIRST).days for w in written) if written else anchor
        published = book.day(min(max(last, anchor) + rng.randint(0, 2), DAYS - 1))
        title = written[0].title if written else f"Claims over {publication.name}"
        self._source(article, publication, title, published, batch)

    def _source(
        self,
        article: Article,
        publication: Actor,
        title: str,
        published: DateCols,
        batch: Batch,
    ) -> None:
        article.add(
            Sentence().say(f"Reporting by {publication.name}; not for republication."),
            paragraph=True,
        )
        text = article.text()
        source_id = article.source_id
        url = f"https://{publication.slug}.example/{published.edtf}/{source_id}"
        batch.add(
            "sources",
            (
                source_id,
                f"{PREFIX}source-{source_id}",
                title,
                publication.name,
                url,
                "en",
                published.edtf,
                published.start,
                published.end,
                published.precision,
                published.label,
                text,
                hashlib.sha256(text.encode()).hexdigest(),
                timestamptz(published.written),
                timestamptz(published.written),
            ),
        )
        batch.rows["citations"] += article.citation_rows(text)


def columns(table: str) -> tuple[str, ...]:
    return GAZETTEER_COLUMNS.get(table) or COLUMNS[table]
