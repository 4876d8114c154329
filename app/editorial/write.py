"""The one write path: every create, change, publication, retraction and deletion, from the API
or the seed, is reviewed, stored with its child rows, versioned, kept as a revision (who, when,
why, before and after, and what the public then saw) and logged as a change in commit order.
"""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy import update as sql_update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.editorial import indexing, sources
from app.editorial.attribution import Speaker
from app.editorial.changes import record_change
from app.editorial.render import EDITORIAL, representation
from app.editorial.review import Context, Invalid, SourceText, actor_slugs, review, source_slugs
from app.editorial.store import (
    ENTITIES,
    SLUGGED,
    Record,
    Refs,
    Row,
    TableDef,
    insert_record,
    snapshot,
    write_record,
)
from app.models import Actor, ClaimCounter, Revision, Source, TerritorialClaim
from app.models.enums import PUBLIC_STATUSES, RecordStatus, RevisionAction


class Conflict(Exception):
    """A write that clashes with what is stored: a slug taken, a record still referenced."""


@dataclass(frozen=True)
class Written:
    id: int
    slug: str
    version: int
    action: str
    """`created`, `updated`, `unchanged` (nothing differed), or the revision action."""


async def review_context(session: AsyncSession, record: Record) -> Context:
    """The actors and sources a record names, read from the database for its review."""
    speakers: dict[str, Speaker] = {}
    if slugs := actor_slugs(record):
        actors = select(Actor.slug, Actor.kind, Actor.country_code, Actor.name)
        for slug, kind, country, name in await session.execute(actors.where(Actor.slug.in_(slugs))):
            speakers[slug] = Speaker(slug, kind, country, name)
    sources: dict[str, SourceText] = {}
    if slugs := source_slugs(record):
        # FOR SHARE: a source's text cannot be corrected between reading it here and
        # anchoring this record's citations in it.
        texts = select(Source.slug, Source.text, Source.publisher).with_for_update(read=True)
        for slug, text, publisher in await session.execute(texts.where(Source.slug.in_(slugs))):
            sources[slug] = SourceText(text, publisher)
    return Context(speakers, sources)


async def resolve_references(refs: Refs, record: Record) -> Record:
    """The record with references given by id turned into slugs (an unknown one is Invalid)."""
    problems: list[tuple[str, str]] = []

    async def walk(d: TableDef, row: Row, path: str) -> Row:
        out = dict(row)
        for column, kind in d.refs.items():
            value = row.get(column)
            if isinstance(value, int) and not isinstance(value, bool):
                try:
                    out[column] = await refs.slug(kind, value)
                except LookupError:
                    problems.append((f"{path}{column.removesuffix('_id')}", f"no {kind} {value}"))
        for child in d.children:
            if child.name in row:
                out[child.name] = [
                    await walk(child, item, f"{path}{child.name}[{i}].")
                    for i, item in enumerate(row[child.name])
                ]
        return out

    d = ENTITIES[record.kind]
    values = await walk(d, {**record.values, **record.children}, "")
    if problems:
        raise Invalid(problems)
    children = {c.name: values.pop(c.name) for c in d.children if c.name in values}
    return Record(record.kind, record.slug, values, children)


async def _held_links(session: AsyncSession, record: Record, row_id: int | None) -> Record:
    """A claim's counter positions show its links both ways, but each link is kept by the
    claim that names it: of those given, this claim keeps the links it holds itself, once."""
    if record.kind != "claim":
        return record
    answered: set[str] = set()
    if row_id is not None:
        query = (
            select(TerritorialClaim.slug)
            .join(ClaimCounter, ClaimCounter.claim_id == TerritorialClaim.id)
            .where(ClaimCounter.counter_id == row_id)
        )
        answered = set((await session.execute(query)).scalars())
    held = []
    for link in record.children.get("counters", []):
        if link["counter_id"] not in answered and link not in held:
            held.append(link)
    return Record(record.kind, record.slug, record.values, {**record.children, "counters": held})


def _is_public(kind: str, row: Row | None) -> bool:
    if row is None:
        return False
    return kind not in EDITORIAL or row.get("status") in PUBLIC_STATUSES


async def _stored(
    session: AsyncSession, refs: Refs, record: Record, row_id: int, before: Row | None = None
) -> None:
    """Write the record's rows (child rows only where they differ from `before`); a constraint
    the database holds becomes Invalid or Conflict."""
    savepoint = await session.begin_nested()
    try:
        await write_record(
            session, refs, record.kind, row_id, record.values, record.children, before
        )
    except LookupError as exc:
        await savepoint.rollback()
        raise Invalid([("", str(exc))]) from None
    except IntegrityError as exc:
        await savepoint.rollback()
        raise _constraint_problem(exc) from None
    await savepoint.commit()


def _constraint_problem(exc: IntegrityError) -> Exception:
    code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    detail = str(getattr(exc.orig, "args", [exc])[0]).split("\n")[0]
    if code == "23505":
        return Conflict(f"already taken: {detail}")
    return Invalid([("", f"the database refuses it: {detail}")])


async def _bump(session: AsyncSession, kind: str, row_id: int, **values: Any) -> int:
    table = SLUGGED[kind]
    query = (
        sql_update(table)
        .where(table.c.id == row_id)
        .values(version=table.c.version + 1, updated_at=func.now(), **values)
        .returning(table.c.version)
    )
    version: int = (await session.execute(query)).scalar_one()
    return version


async def _log(
    session: AsyncSession,
    *,
    kind: str,
    row_id: int,
    slug: str,
    version: int,
    action: RevisionAction,
    author: str,
    reason: str,
    public_note: str | None,
    before: Row | None,
    after: Row | None,
) -> None:
    """The revision and the change of one write."""
    public = None
    if after is not None and _is_public(kind, after):
        body = await representation(session, kind, row_id, editor=False)
        public = body.decode() if body is not None else None
    revision_id = (
        await session.execute(
            insert(Revision)
            .values(
                entity_type=kind,
                entity_id=row_id,
                entity_version=version,
                action=action.value,
                author=author,
                reason=reason,
                public_note=public_note,
                before=before,
                after=after,
                public=public,
            )
            .returning(Revision.id)
        )
    ).scalar_one()
    await record_change(
        session,
        kind=kind,
        record_id=row_id,
        slug=slug,
        operation=action.value,
        version=version,
        public=_is_public(kind, after) or _is_public(kind, before),
        revision_id=revision_id,
    )


async def reserve(session: AsyncSession, record: Record, refs: Refs) -> int:
    """Insert a new record's own row ahead of its children, so that records written together
    may refer to each other; `create` with `reserved` then completes it."""
    savepoint = await session.begin_nested()
    try:
        row_id = await insert_record(session, refs, record.kind, record.values)
    except LookupError as exc:
        await savepoint.rollback()
        raise Invalid([("", str(exc))]) from None
    except IntegrityError as exc:
        await savepoint.rollback()
        raise _constraint_problem(exc) from None
    await savepoint.commit()
    return row_id


async def create(
    session: AsyncSession,
    record: Record,
    *,
    author: str,
    reason: str,
    refs: Refs | None = None,
    reserved: int | None = None,
) -> Written:
    """A new record, reviewed and written with its first revision."""
    refs = refs or Refs(session)
    record = await _held_links(session, await resolve_references(refs, record), None)
    reviewed = review(record, await review_context(session, record))
    row_id = reserved
    if row_id is None:
        if await refs.find(record.kind, reviewed.slug) is not None:
            raise Conflict(f"a {record.kind} with the slug {reviewed.slug!r} exists already")
        row_id = await reserve(session, reviewed, refs)
    await _stored(session, refs, reviewed, row_id)
    await indexing.index(session, record.kind, row_id)
    after = await snapshot(session, refs, record.kind, row_id)
    await _log(
        session,
        kind=record.kind,
        row_id=row_id,
        slug=reviewed.slug,
        version=1,
        action=RevisionAction.create,
        author=author,
        reason=reason,
        public_note=None,
        before=None,
        after=after,
    )
    return Written(row_id, reviewed.slug, 1, "created")


async def update(
    session: AsyncSession,
    record: Record,
    row_id: int,
    *,
    author: str,
    reason: str,
    public_note: str | None = None,
    action: RevisionAction = RevisionAction.update,
    refs: Refs | None = None,
) -> Written:
    """The record rewritten as given; a revision only when something changed.

    A change to a record the public can read is a correction: it needs a public note, and the
    record says so (`corrected`, with the note) unless the action sets another status.
    """
    refs = refs or Refs(session)
    record = await _held_links(session, await resolve_references(refs, record), row_id)
    reviewed = review(record, await review_context(session, record))
    before = await snapshot(session, refs, record.kind, row_id)
    old_text = None
    if record.kind == "source" and reviewed.values.get("text") is not None:
        old_text = await sources.current_text(session, row_id)
        if old_text == reviewed.values["text"]:
            old_text = None
    savepoint = await session.begin_nested()
    await _stored(session, refs, reviewed, row_id, before)
    after = await snapshot(session, refs, record.kind, row_id)
    if after == before and old_text is None:
        await savepoint.rollback()
        return Written(
            row_id, reviewed.slug, await _version(session, record.kind, row_id), "unchanged"
        )
    await savepoint.commit()
    await indexing.index(session, record.kind, row_id)
    extra: dict[str, Any] = {}
    corrects = before.get("status") in (RecordStatus.published, RecordStatus.corrected)
    if public_note is not None and record.kind in EDITORIAL and corrects:
        extra["status_note"] = public_note
        extra["status"] = RecordStatus.corrected.value
    version = await _bump(session, record.kind, row_id, **extra)
    if old_text is not None:
        await _new_text_version(session, refs, row_id, old_text, reviewed.slug, author)
    if extra:
        after = await snapshot(session, refs, record.kind, row_id)
    await _log(
        session,
        kind=record.kind,
        row_id=row_id,
        slug=reviewed.slug,
        version=version,
        action=action,
        author=author,
        reason=reason,
        public_note=public_note,
        before=before,
        after=after,
    )
    return Written(row_id, reviewed.slug, version, "updated")


async def _new_text_version(
    session: AsyncSession, refs: Refs, source_id: int, old_text: str, slug: str, author: str
) -> None:
    """Number the source's new text and re-anchor its citations; every record that changes
    with them (offsets, or a flag where a quote is gone) gets its own revision and change."""
    owners = await sources.citing_records(session, source_id)
    befores = {owner: await snapshot(session, refs, *owner) for owner in owners}
    await sources.new_text_version(session, source_id, old_text)
    for (kind, row_id), before in befores.items():
        after = await snapshot(session, refs, kind, row_id)
        if after == before:
            continue
        version = await _bump(session, kind, row_id)
        await _log(
            session,
            kind=kind,
            row_id=row_id,
            slug=after["slug"],
            version=version,
            action=RevisionAction.update,
            author=author,
            reason=f"its citations re-anchored in the corrected text of the source {slug!r}",
            public_note=None,
            before=before,
            after=after,
        )


async def set_status(
    session: AsyncSession,
    kind: str,
    row_id: int,
    status: RecordStatus,
    *,
    author: str,
    reason: str,
    public_note: str | None,
    action: RevisionAction,
) -> Written:
    """Publish or retract: the record stays as it is, its status changes, with a revision."""
    refs = Refs(session)
    before = await snapshot(session, refs, kind, row_id)
    version = await _bump(session, kind, row_id, status=status.value, status_note=public_note)
    after = await snapshot(session, refs, kind, row_id)
    slug = after["slug"]
    await _log(
        session,
        kind=kind,
        row_id=row_id,
        slug=slug,
        version=version,
        action=action,
        author=author,
        reason=reason,
        public_note=public_note,
        before=before,
        after=after,
    )
    return Written(row_id, slug, version, action.value)


async def remove(
    session: AsyncSession, kind: str, row_id: int, *, author: str, reason: str
) -> None:
    """Delete a record for good, keeping its last state in a revision; Conflict if other
    records still point at it."""
    refs = Refs(session)
    before = await snapshot(session, refs, kind, row_id)
    version = await _version(session, kind, row_id)
    table = SLUGGED[kind]
    if referrers := await _referred_by(session, kind, row_id):
        raise Conflict(
            f"other records still refer to this {kind} ({', '.join(referrers)}); change them first"
        )
    await session.execute(delete(table).where(table.c.id == row_id))
    await _log(
        session,
        kind=kind,
        row_id=row_id,
        slug=before["slug"],
        version=version,
        action=RevisionAction.delete,
        author=author,
        reason=reason,
        public_note=None,
        before=before,
        after=None,
    )


def _owned(d: TableDef) -> set[tuple[str, str]]:
    """The (table, column) pairs by which a record's own child rows point at it."""
    found = set()
    for child in d.children:
        assert child.parent_fk is not None
        found.add((child.table.name, child.parent_fk))
        found |= _owned(child)
    return found


async def _referred_by(session: AsyncSession, kind: str, row_id: int) -> list[str]:
    """What else points at the record: a deletion would silently change or delete it."""
    target = SLUGGED[kind]
    own = _owned(ENTITIES[kind]) | {("source_versions", "source_id")}
    found = []
    for table in target.metadata.tables.values():
        for fk in table.foreign_keys:
            column = fk.parent
            if fk.column.table is not target or (table.name, column.name) in own:
                continue
            query = select(column).where(column == row_id)
            if table is target:
                query = query.where(table.c.id != row_id)
            if (await session.execute(query.limit(1))).first() is not None:
                found.append(f"{table.name}.{column.name}")
    return sorted(found)


async def _version(session: AsyncSession, kind: str, row_id: int) -> int:
    table = SLUGGED[kind]
    version: int = (
        await session.execute(select(table.c.version).where(table.c.id == row_id))
    ).scalar_one()
    return version
