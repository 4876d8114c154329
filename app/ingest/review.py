"""Candidates kept for review: proposed for a stored source, then accepted (as a draft event,
or as a citation of the record they restate) or rejected, each through the one write path.
Nothing here publishes."""

import datetime as dt
from typing import Any

import orjson
from sqlalchemy import any_, delete, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.editorial import write
from app.editorial.patch import merge_patch, writable
from app.editorial.render import representation
from app.errors import Problem
from app.events.schemas import EventIn
from app.ingest.drafts import draft_body
from app.ingest.service import Proposal, propose
from app.models import Actor, Candidate, Event, Source
from app.models.enums import PUBLIC_STATUSES, RecordStatus

PROPOSED, ACCEPTED, REJECTED = "proposed", "accepted", "rejected"


async def source_row(session: AsyncSession, key: str) -> Source:
    column = Source.id if key.isdigit() else Source.slug
    source = (
        await session.execute(select(Source).where(column == (int(key) if key.isdigit() else key)))
    ).scalar_one_or_none()
    if source is None:
        raise Problem(404, "not-found", f"No source with id or slug {key!r}.")
    return source


def _out(c: Candidate, slugs: dict[tuple[str, int], str]) -> dict[str, Any]:
    record = None
    if c.record_kind is not None and c.record_id is not None:
        record = {
            "kind": c.record_kind,
            "id": c.record_id,
            "slug": slugs.get((c.record_kind, c.record_id)),
        }
    return {
        "id": c.id,
        "status": c.status,
        "candidate": c.body,
        "record": record,
        "decided_by": c.decided_by,
        "decided_at": c.decided_at,
        "note": c.note,
    }


async def _record_slugs(session: AsyncSession, rows: list[Candidate]) -> dict[tuple[str, int], str]:
    ids = [c.record_id for c in rows if c.record_kind == "event" and c.record_id is not None]
    if not ids:
        return {}
    found = await session.execute(select(Event.id, Event.slug).where(Event.id.in_(ids)))
    return {("event", row_id): slug for row_id, slug in found}


async def listed(session: AsyncSession, source: Source) -> list[dict[str, Any]]:
    rows = list(
        (
            await session.execute(
                select(Candidate).where(Candidate.source_id == source.id).order_by(Candidate.id)
            )
        ).scalars()
    )
    slugs = await _record_slugs(session, rows)
    return [_out(c, slugs) for c in rows]


async def propose_for(
    session: AsyncSession, source: Source
) -> tuple[Proposal, list[dict[str, Any]]]:
    """Candidates for `source`'s text, stored for review in place of any still undecided."""
    proposal = await propose(session, source.text, source.published_start)
    await session.execute(
        delete(Candidate).where(Candidate.source_id == source.id, Candidate.status == PROPOSED)
    )
    rows = [Candidate(source_id=source.id, body=body) for body in proposal.candidates]
    session.add_all(rows)
    await session.flush()
    return proposal, await listed(session, source)


async def _undecided(session: AsyncSession, source: Source, candidate_id: int) -> Candidate:
    row = (
        await session.execute(
            select(Candidate)
            .where(Candidate.id == candidate_id, Candidate.source_id == source.id)
            .with_for_update()
        )
    ).scalar_one_or_none()
    if row is None:
        raise Problem(404, "not-found", f"No candidate {candidate_id} of source {source.slug!r}.")
    if row.status != PROPOSED:
        raise Problem(
            409,
            "already-decided",
            f"Candidate {candidate_id} was {row.status} by {row.decided_by}; propose again to "
            "get new candidates.",
        )
    return row


async def publisher_actor(session: AsyncSession, name: str) -> str | None:
    """The actor that is a source's publisher (by name or alias), if the gazetteer holds it."""
    query = select(Actor.slug).where(
        (func.lower(Actor.name) == name.lower()) | (literal(name) == any_(Actor.aliases))
    )
    return (await session.execute(query.limit(1))).scalar_one_or_none()


def _event(body: dict[str, Any]) -> Any:
    """The event record `body` describes; pydantic's ValidationError when it needs edits."""
    return EventIn.model_validate(body).record()


async def accept(
    session: AsyncSession, source: Source, candidate_id: int, edits: dict[str, Any], author: str
) -> tuple[str, int]:
    """Accept a candidate: a new draft event (`origin: extracted`), or, when it restates a known
    event, the event cites it too. Returns the record's kind and id. The write path's refusals
    (Invalid, Conflict) and a draft that is not a valid event (ValidationError) propagate."""
    row = await _undecided(session, source, candidate_id)
    match = row.body.get("match")
    reason = f"accepted from candidate {row.id} of source {source.slug}"
    if match is not None and not edits:
        if match.get("kind") != "event":
            raise Problem(
                422,
                "not-an-event",
                f"This candidate restates the {match.get('kind')} {match.get('slug')!r}: cite it "
                "there with a PATCH, or accept it with edits as a new event.",
            )
        row_id = await _cite(session, source, row, match["slug"], author, reason)
    else:
        body = draft_body(
            row.body,
            source=source.slug,
            source_title=source.title,
            publisher=await publisher_actor(session, source.publisher),
            number=row.id,
        )
        record = _event(merge_patch(body, edits))
        record.values["status"] = RecordStatus.draft.value
        record.values["origin"] = "extracted"
        row_id = (await write.create(session, record, author=author, reason=reason)).id
    row.status, row.record_kind, row.record_id = ACCEPTED, "event", row_id
    row.decided_by, row.decided_at = author, dt.datetime.now(dt.UTC)
    await session.flush()
    return "event", row_id


async def _cite(
    session: AsyncSession, source: Source, row: Candidate, slug: str, author: str, reason: str
) -> int:
    event = (
        await session.execute(
            select(Event.id, Event.status).where(Event.slug == slug).with_for_update(key_share=True)
        )
    ).one_or_none()
    if event is None:
        raise Problem(409, "conflict", f"The event {slug!r} this candidate restates is gone.")
    current = await representation(session, "event", event.id, editor=True)
    assert current is not None
    body = writable(orjson.loads(current))
    quote = row.body["quote"]
    citation = {
        "source": source.slug,
        "quote": quote["text"],
        "start": quote["start"],
        "end": quote["end"],
    }
    body["citations"] = [*body.get("citations", []), citation]
    record = _event(body)
    record.values["status"] = event.status
    public = event.status in PUBLIC_STATUSES
    note = f"Also reported by {source.title}." if public else None
    await write.update(session, record, event.id, author=author, reason=reason, public_note=note)
    return int(event.id)


async def reject(
    session: AsyncSession, source: Source, candidate_id: int, note: str | None, author: str
) -> None:
    row = await _undecided(session, source, candidate_id)
    row.status, row.note = REJECTED, note
    row.decided_by, row.decided_at = author, dt.datetime.now(dt.UTC)
    await session.flush()


async def one(session: AsyncSession, source: Source, candidate_id: int) -> dict[str, Any]:
    rows = [c for c in await listed(session, source) if c["id"] == candidate_id]
    return rows[0]
