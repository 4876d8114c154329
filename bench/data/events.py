"""Events written into an article: a draft of a skewed type becomes the event's rows, its
figures, participants, places and citations, and the words of its search vector."""

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from app.editorial.attribution import SPEAKING_ROLES, verification_for
from bench.data import exchanges, talk
from bench.data.binary import DAY, MINUTE, NO_FLAGS, jsonb, timestamptz
from bench.data.dates import DateCols
from bench.data.drafts import Draft, Figure, Scene
from bench.data.pick import Weighted, one
from bench.data.tables import Batch, Ids, Row, Words, refs
from bench.data.text import EVENT, QUANTITY, Article
from bench.data.world import PREFIX

TYPES: dict[str, tuple[Callable[[Scene], Draft], float]] = {
    "prisoner_exchange": (exchanges.exchange, 0.30),
    "statement": (talk.statement, 0.15),
    "body_repatriation": (exchanges.repatriation, 0.12),
    "announcement": (talk.announcement, 0.09),
    "negotiation_round": (talk.talks, 0.06),
    "other": (talk.other, 0.055),
    "proposal": (talk.proposal, 0.05),
    "demand": (talk.demand, 0.05),
    "refusal": (talk.refusal, 0.05),
    "humanitarian_aid": (exchanges.aid, 0.05),
    "plan_submission": (talk.plan, 0.02),
    "referendum": (talk.referendum, 0.0025),
    "annexation": (talk.annexation, 0.0025),
}
DRAFTER = Weighted([d for d, _ in TYPES.values()], [w for _, w in TYPES.values()])
FUZZY = 0.12
"""The share of events whose date is less precise than a day."""

STATUSES = ("published", "corrected", "retracted")
STATUS = Weighted(STATUSES, (0.91, 0.06, 0.03))
NOTES = {
    "corrected": (
        "Corrected: a figure was updated after its source revised it.",
        "Corrected: the date was narrowed once a second source gave it.",
        "Corrected: the speaker was misnamed.",
    ),
    "retracted": (
        "Retracted: no second source confirmed the report.",
        "Retracted: the report described an exchange already recorded.",
    ),
}
MINUTES = [m * MINUTE for m in range(0, 600, 7)]
"""When in its day a record was written, by id."""


@dataclass(frozen=True, slots=True)
class Status:
    status: str
    note: str | None
    version: int
    revised: int
    """Microseconds from creation to the last correction."""


def status(rng: random.Random) -> Status:
    """Published, or corrected or retracted later, with the note readers see."""
    chosen = STATUS(rng)
    if chosen == "published":
        return PUBLISHED
    return Status(chosen, one(rng, NOTES[chosen]), 2, rng.randint(1, 30) * DAY)


PUBLISHED = Status("published", None, 1, 0)


@dataclass(frozen=True, slots=True)
class Written:
    """What the article and the claims need of an event once written."""

    id: int
    type: str
    title: str
    date: DateCols


class EventWriter:
    def __init__(self, ids: Ids) -> None:
        self.ids = ids
        self.stages: dict[int, list[tuple[dt.date, int]]] = {}
        """Exchanges linked to each track of talks, which deliver its agreed exchange."""
        self._verified: dict[tuple[int, ...], str] = {}

    def write(self, scene: Scene, article: Article, batch: Batch) -> Written:
        rng = scene.rng
        draft = DRAFTER(rng)(scene)
        date = draft.date or (
            scene.book.fuzzy(scene.day, rng) if rng.random() < FUZZY else scene.book.day(scene.day)
        )
        event_id = self.ids.next("events")
        quotes = self._cite(draft, event_id, article, batch, date.written)
        actors, places = self._links(draft, event_id, batch)
        said = self._said(draft)
        state = status(rng)
        created = date.written + MINUTES[event_id % len(MINUTES)]
        expected, expected_by = draft.expected or (None, None)
        negotiation = draft.negotiation.id if draft.negotiation else None
        batch.searched(
            "events",
            (
                event_id,
                f"{PREFIX}event-{event_id}",
                draft.type,
                draft.title,
                draft.summary,
                date.edtf,
                date.start,
                date.end,
                date.precision,
                date.label,
                draft.stated_by.id,
                *_expected(expected, expected_by.id if expected_by else None),
                negotiation,
                state.status,
                state.note,
                said,
                _flags(draft.flags),
                state.version,
                timestamptz(created),
                timestamptz(created + state.revised),
            ),
            Words(draft.title, draft.summary, " ".join(quotes), refs(actors, places)),
        )
        if negotiation is not None and draft.type == "prisoner_exchange":
            self.stages.setdefault(negotiation, []).append((date.start, event_id))
        batch.events += 1
        return Written(event_id, draft.type, draft.title, date)

    def _cite(
        self, draft: Draft, event_id: int, article: Article, batch: Batch, written: int
    ) -> list[str]:
        """Put the draft's sentences in the article and cite them; the quotes, in id order."""
        starts = [article.add(sentence) for sentence in draft.sentences]
        quotes = [draft.sentences[0].text]
        lead = self.ids.next("citations")
        article.cite(lead, starts[0], starts[0] + len(quotes[0]), None, EVENT, event_id)
        for index, mark, field in draft.cites:
            quotes.append(self._quote(draft, starts, index, mark, field, EVENT, event_id, article))
        for figure in draft.figures:
            quantity_id = self.ids.next("quantities")
            _quantity(batch, quantity_id, event_id, figure, timestamptz(written))
            quotes.append(
                self._quote(
                    draft,
                    starts,
                    figure.sentence,
                    figure.mark,
                    "value",
                    QUANTITY,
                    quantity_id,
                    article,
                )
            )
        return quotes

    def _quote(
        self,
        draft: Draft,
        starts: list[int],
        index: int,
        mark: str,
        field: str,
        target: int,
        record_id: int,
        article: Article,
    ) -> str:
        begin, end = draft.sentences[index].marks[mark]
        start = starts[index] + begin
        quote_id = self.ids.next("citations")
        article.cite(quote_id, start, start + end - begin, field, target, record_id)
        return draft.sentences[index].text[begin:end]

    def _links(self, draft: Draft, event_id: int, batch: Batch) -> tuple[set[int], set[int]]:
        """Participants and places as rows; the actors and places the event names."""
        actors = {draft.stated_by.id}
        if draft.expected:
            actors.add(draft.expected[1].id)
        participants = batch.rows["event_participants"]
        seen = set()
        for actor, role in draft.participants:
            if (actor.id, role) not in seen:
                seen.add((actor.id, role))
                participants.append((event_id, actor.id, role))
                actors.add(actor.id)
        for figure in draft.figures:
            actors.add(figure.recipient.id)
            actors.add(figure.stated_by.id)
        places = set()
        for place, role in draft.places:
            if place.id not in places:
                places.add(place.id)
                batch.add("event_places", (event_id, place.id, role))
        return actors, places

    def _said(self, draft: Draft) -> str:
        """Verification, from who says so (app/editorial/attribution.py)."""
        speakers = [draft.stated_by]
        if draft.expected:
            speakers.append(draft.expected[1])
        speakers += [a for a, role in draft.participants if role in SPEAKING_ROLES]
        key = tuple(a.id for a in speakers)
        said = self._verified.get(key)
        if said is None:
            said = verification_for(a.speaker for a in speakers).value
            self._verified[key] = said
        return said


def _expected(expected: DateCols | None, stated_by: int | None) -> tuple[object, ...]:
    if expected is None:
        return (None, None, None, None, None, None)
    return (
        expected.edtf,
        expected.start,
        expected.end,
        expected.precision,
        expected.label,
        stated_by,
    )


def _quantity(batch: Batch, quantity_id: int, event_id: int, f: Figure, written: bytes) -> None:
    """A figure's row; a total with its parts goes apart, being the one row with `total_of`."""
    row: Row = (quantity_id, event_id, f.category, f.recipient.id, f.value, f.qualifier, f.low)
    row += (f.high, f.stated_by.id, f.basis, f.is_best, _flags(f.flags), f.note, written, written)
    if f.total_of:
        batch.add("quantity_totals", (*row, list(f.total_of)))
    else:
        batch.add("quantities", row)


def _flags(flags: list[dict[str, object]]) -> bytes:
    return jsonb(flags) if flags else NO_FLAGS
