"""What an event says before it is numbered: its prose, sentences, actors, places and figures."""

import random
from dataclasses import dataclass, field
from typing import Any

from bench.data.actors import MEDIATOR_WEIGHTS
from bench.data.dates import DateBook, DateCols
from bench.data.pick import Weighted, one
from bench.data.text import Sentence
from bench.data.world import Actor, Place, World


@dataclass(frozen=True, slots=True)
class Track:
    """A track of talks, as its rounds and exchanges need it."""

    id: int
    venue: Place
    mediator: Actor | None
    host: Actor
    heads: tuple[Actor, Actor]


@dataclass(slots=True)
class Figure:
    """An attributed figure, quoted by the mark `mark` of the draft's sentence `sentence`."""

    category: str
    recipient: Actor
    value: int
    stated_by: Actor
    mark: str
    sentence: int = 0
    qualifier: str = "exact"
    low: int | None = None
    high: int | None = None
    basis: str = "stated"
    is_best: bool = True
    total_of: tuple[str, ...] = ()
    flags: list[dict[str, Any]] = field(default_factory=list)
    note: str | None = None


@dataclass(slots=True)
class Draft:
    type: str
    title: str
    summary: str
    stated_by: Actor
    sentences: list[Sentence]
    participants: list[tuple[Actor, str]]
    places: list[tuple[Place, str]] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)
    cites: list[tuple[int, str, str]] = field(default_factory=list)
    """Citations of single fields: (sentence, mark, field)."""
    expected: tuple[DateCols, Actor] | None = None
    negotiation: Track | None = None
    date: DateCols | None = None
    """A date the event type fixes (a referendum's), else one is drawn."""


@dataclass(slots=True)
class Scene:
    """What a draft is written from: the world, the article's publication, the day."""

    world: World
    rng: random.Random
    book: DateBook
    publication: Actor
    day: int
    negotiation: Track | None = None
    """A track of talks going on that day, if any."""


QUALIFIERS = [("exact", ""), ("more_than", "more than "), ("at_least", "at least ")]
QUALIFIERS += [("approx", "about ")]
QUALIFIER = Weighted(QUALIFIERS, [0.86, 0.05, 0.03, 0.06])


MEDIATOR = Weighted(range(len(MEDIATOR_WEIGHTS)), MEDIATOR_WEIGHTS)


def qualified(rng: random.Random, value: int) -> tuple[str, str, int | None, int | None]:
    """A qualifier for a figure, the words that say it, and the bounds an approximation has."""
    qualifier, words = QUALIFIER(rng)
    if qualifier == "approx":
        return qualifier, words, value * 9 // 10, value * 11 // 10
    return qualifier, words, None, None


def attribution_flag(publication: Actor) -> dict[str, Any]:
    return {
        "kind": "attribution",
        "field": "stated_by",
        "detail": "The article reports the position in its own voice, without quoting anyone; "
        "Parley attributes the report to the article.",
        "chosen": "bench-" + publication.slug,
    }


def inference_flag(value: int, reading: str) -> dict[str, Any]:
    return {
        "kind": "inference",
        "field": "value",
        "detail": f"The text does not state {value}: {reading}",
        "chosen": value,
    }


def side_speaker(scene: Scene, side: str) -> Actor:
    return side_speaker_of(scene.world, scene.rng, side)


def side_speaker_of(world: World, rng: random.Random, side: str) -> Actor:
    """Who speaks for a side: most often its spokesbody, else one of its people."""
    speakers = world.speakers[side]
    if rng.random() < 0.55:
        return speakers[min(int(rng.expovariate(1.5)), 2)]
    return one(rng, speakers[3:])


def mediator(scene: Scene) -> Actor | None:
    """The state mediating an exchange, if any."""
    if scene.rng.random() < 0.4:
        return None
    return scene.world.mediators[MEDIATOR(scene.rng)]


def mediated(state: Actor | None) -> str:
    return f" with the mediation of {state.ref}" if state else ""


def voice(scene: Scene, side: str) -> Actor:
    """Who a report of a side's words is stated by: mostly its speaker, else the article."""
    return scene.publication if scene.rng.random() < 0.15 else side_speaker(scene, side)
