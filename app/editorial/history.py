"""What the record said before: its revisions, the public record at a past moment, and the
corrections page."""

import datetime as dt
from typing import Any

import orjson
from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.common import by_id_or_slug
from app.editorial.store import SLUGGED
from app.models import Revision
from app.pagination import Keyset, json_page
from app.sqljson import as_text, obj, rfc3339


async def revisions(session: AsyncSession, kind: str, row_id: int) -> bytes:
    """Every revision of a record, oldest first, with its snapshots before and after."""
    query = (
        select(
            Revision.id,
            Revision.entity_version,
            Revision.action,
            Revision.author,
            Revision.reason,
            Revision.public_note,
            Revision.created_at,
            Revision.before,
            Revision.after,
        )
        .where(Revision.entity_type == kind, Revision.entity_id == row_id)
        .order_by(Revision.id)
    )
    items = [
        {
            "id": r.id,
            "version": r.entity_version,
            "action": r.action,
            "author": r.author,
            "reason": r.reason,
            "public_note": r.public_note,
            "at": r.created_at,
            "before": r.before,
            "after": r.after,
        }
        for r in await session.execute(query)
    ]
    return orjson.dumps({"items": items}, option=orjson.OPT_UTC_Z)


async def at_moment(session: AsyncSession, kind: str, key: str, at: dt.datetime) -> bytes | None:
    """The record (by id or slug) as the public could read it at `at`; None if it could not
    then."""
    table = SLUGGED[kind]
    row_id = select(table.c.id).where(by_id_or_slug(table.c.id, table.c.slug, key))
    query = (
        select(Revision.public)
        .where(
            Revision.entity_type == kind,
            Revision.entity_id == row_id.scalar_subquery(),
            Revision.created_at <= at,
        )
        .order_by(Revision.id.desc())
        .limit(1)
    )
    public = (await session.execute(query)).scalar_one_or_none()
    return public.encode() if public is not None else None


async def revision_after(
    session: AsyncSession, kind: str, row_id: int, revision_id: int
) -> dict[str, Any] | None:
    """The snapshot a revision of this record left, to restore it."""
    query = select(Revision.after).where(
        Revision.id == revision_id, Revision.entity_type == kind, Revision.entity_id == row_id
    )
    return (await session.execute(query)).scalar_one_or_none()


CORRECTIONS = Keyset("corrections", (Revision.id,), (int,), descending=True)


async def corrections(session: AsyncSession, *, limit: int, cursor: str | None) -> bytes:
    """Corrections and retractions of public records, newest first, with their notes."""
    titles = [
        select(table.c.title)
        .where(and_(Revision.entity_type == kind, table.c.id == Revision.entity_id))
        .scalar_subquery()
        for kind, table in SLUGGED.items()
        if "title" in table.c
    ]
    item = obj(
        id=Revision.id,
        kind=Revision.entity_type,
        record=obj(
            id=Revision.entity_id,
            slug=Revision.after["slug"].astext,
            title=func.coalesce(*titles),
        ),
        version=Revision.entity_version,
        action=Revision.action,
        note=Revision.public_note,
        at=rfc3339(Revision.created_at),
    )
    query = select(Revision.id, as_text(item)).where(
        Revision.public_note.is_not(None), Revision.public.is_not(None)
    )
    return await json_page(session, query, CORRECTIONS, limit=limit, cursor=cursor)
