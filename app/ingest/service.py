"""Proposals for an article: candidates extracted with the gazetteers Parley holds, each
matched against the records it holds. Reads only."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.ingest import match
from app.ingest.extract import Extraction, extract
from app.ingest.names import Entry
from app.models import Actor, Place


@dataclass
class Proposal:
    extraction: Extraction
    candidates: list[dict[str, Any]]
    new_actors: list[dict[str, str]]
    new_places: list[dict[str, str]]

    def as_json(self) -> dict[str, Any]:
        return {
            "published": self.extraction.published.isoformat(),
            "candidates": self.candidates,
            "new_actors": self.new_actors,
            "new_places": self.new_places,
        }


async def gazetteers(session: AsyncSession) -> tuple[list[Entry], list[Entry]]:
    actors = await session.execute(
        select(Actor.slug, Actor.name, Actor.kind, Actor.aliases, Actor.country_code)
    )
    places = await session.execute(select(Place.slug, Place.name, Place.kind, Place.aliases))
    return (
        [
            Entry(slug, name, kind, tuple(aliases), country)
            for slug, name, kind, aliases, country in actors
        ],
        [Entry(slug, name, kind, tuple(aliases)) for slug, name, kind, aliases in places],
    )


async def propose(session: AsyncSession, article: str, published: dt.date) -> Proposal:
    """The candidates of `article`: each either new, or a citation of the record it restates."""
    actors, places = await gazetteers(session)
    extraction = extract(article, published, actors, places)
    quotes = await match.cited(session)
    events = await match.known_events(session)
    for candidate in extraction.candidates:
        candidate.match = match.match(candidate, quotes, events)
    candidates = [candidate.as_json() for candidate in extraction.candidates]
    return Proposal(
        extraction,
        candidates,
        _new(m for m in extraction.actors if not m.known),
        _new(m for m in extraction.places if not m.known),
    )


def _new(mentions: Any) -> list[dict[str, str]]:
    return list(
        {m.slug: {"slug": m.slug, "name": m.name, "kind": m.kind} for m in mentions}.values()
    )
