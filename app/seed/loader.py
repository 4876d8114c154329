"""`run_seed`: plan the seed, then upsert every record by slug inside the caller's transaction."""

from pathlib import Path

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.editorial.store import SLUGGED, Record, Refs, insert_record, snapshot, write_record
from app.models import Revision
from app.seed.build import build_plan
from app.seed.errors import SeedError
from app.seed.files import read_seed
from app.seed.plan import Plan
from app.seed.report import SeedReport

__all__ = ["SeedError", "SeedReport", "default_seed_dir", "plan_seed", "run_seed"]

AUTHOR = "seed"
VERSIONED = {"event", "negotiation", "claim"}
KIND_ORDER = list(SLUGGED)


def default_seed_dir() -> Path:
    """The repository's `seed_data/`, found from this package (works in an editable install)."""
    return Path(__file__).resolve().parents[2] / "seed_data"


def plan_seed(seed_dir: Path) -> Plan:
    """Read and check the seed files; raises SeedError, touches no database."""
    return build_plan(read_seed(seed_dir))


async def run_seed(session: AsyncSession, *, seed_dir: Path, dry_run: bool) -> SeedReport:
    """Load `seed_dir` into the caller's transaction; a dry run (or a failure) writes nothing.

    The work runs in a savepoint: released when the run succeeds (the caller commits), rolled
    back on a dry run or an error, so the caller's transaction is left as it was.
    """
    plan = plan_seed(seed_dir)
    report = SeedReport(
        dry_run=dry_run,
        sources=plan.sources,
        flags=plan.flags,
        coverage=plan.coverage,
        totals=plan.totals,
    )
    savepoint = await session.begin_nested()
    try:
        await _apply(session, plan, report)
    except BaseException:
        if savepoint.is_active:
            await savepoint.rollback()
        raise
    if dry_run:
        await savepoint.rollback()
    else:
        await savepoint.commit()
    return report


async def _apply(session: AsyncSession, plan: Plan, report: SeedReport) -> None:
    refs = Refs(session)
    records = sorted(plan.records, key=lambda r: KIND_ORDER.index(r.kind))
    for kind in KIND_ORDER:
        await refs.preload(kind, [r.slug for r in records if r.kind == kind])
    created: set[tuple[str, str]] = set()
    for record in records:
        if await refs.find(record.kind, record.slug) is None:
            await insert_record(session, refs, record.kind, record.values)
            created.add((record.kind, record.slug))
    reason = f"seed from {', '.join(plan.sources)}"
    for record in records:
        is_new = (record.kind, record.slug) in created
        action = await _upsert(session, refs, record, created=is_new, reason=reason)
        report.record(record.kind, record.slug, action)


async def _upsert(
    session: AsyncSession, refs: Refs, record: Record, *, created: bool, reason: str
) -> str:
    """Write one record; keep the write only if its snapshot changed, with a revision.

    A record an editor changed since the seed last wrote it is left as the editor made it.
    """
    row_id = await refs.id(record.kind, record.slug)
    before = None if created else await snapshot(session, refs, record.kind, row_id)
    savepoint = await session.begin_nested()
    try:
        await write_record(session, refs, record.kind, row_id, record.values, record.children)
        after = await snapshot(session, refs, record.kind, row_id)
        if after == before:
            await savepoint.rollback()
            return "unchanged"
        if not created and await _edited_since_seeded(session, record.kind, row_id):
            await savepoint.rollback()
            return "kept"
        version = await _touch(session, record.kind, row_id, created=created)
        await session.execute(
            insert(Revision).values(
                entity_type=record.kind,
                entity_id=row_id,
                entity_version=version,
                action="create" if created else "update",
                author=AUTHOR,
                reason=reason,
                before=before,
                after=after,
            )
        )
        await savepoint.commit()
    except BaseException:
        if savepoint.is_active:
            await savepoint.rollback()
        raise
    return "created" if created else "updated"


async def _edited_since_seeded(session: AsyncSession, kind: str, row_id: int) -> bool:
    """Did someone other than the seed write this record last? Then its edits stand."""
    query = (
        select(Revision.author)
        .where(Revision.entity_type == kind, Revision.entity_id == row_id)
        .order_by(Revision.id.desc())
        .limit(1)
    )
    author = (await session.execute(query)).scalar_one_or_none()
    return author is not None and author != AUTHOR


async def _touch(session: AsyncSession, kind: str, row_id: int, *, created: bool) -> int:
    """Mark a changed record: a new version where the table keeps one; the version to log."""
    table = SLUGGED[kind]
    if kind in VERSIONED:
        if created:
            return 1
        query = (
            update(table)
            .where(table.c.id == row_id)
            .values(version=table.c.version + 1, updated_at=func.now())
            .returning(table.c.version)
        )
        version: int = (await session.execute(query)).scalar_one()
        return version
    if not created:
        await session.execute(
            update(table).where(table.c.id == row_id).values(updated_at=func.now())
        )
    previous = select(func.count()).where(
        Revision.entity_type == kind, Revision.entity_id == row_id
    )
    return int((await session.execute(previous)).scalar_one()) + 1
