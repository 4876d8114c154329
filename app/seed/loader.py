"""`run_seed`: plan the seed, then upsert every record by slug inside the caller's transaction."""

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.editorial import write
from app.editorial.review import Invalid
from app.editorial.store import SLUGGED, Record, Refs
from app.models import Revision
from app.seed.build import build_plan
from app.seed.errors import SeedError
from app.seed.files import read_seed
from app.seed.plan import Plan
from app.seed.report import SeedReport

__all__ = ["SeedError", "SeedReport", "default_seed_dir", "plan_seed", "run_seed"]

AUTHOR = "seed"
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
    """Every record through the one write path: new ones reserved first, so that records of
    the seed may refer to each other in any order, then each reviewed and written."""
    refs = Refs(session)
    records = sorted(plan.records, key=lambda r: KIND_ORDER.index(r.kind))
    for kind in KIND_ORDER:
        await refs.preload(kind, [r.slug for r in records if r.kind == kind])
    reserved: dict[tuple[str, str], int] = {}
    reason = f"seed from {', '.join(plan.sources)}"
    for record in records:
        try:
            if await refs.find(record.kind, record.slug) is None:
                reserved[record.kind, record.slug] = await write.reserve(session, record, refs)
        except (Invalid, write.Conflict) as exc:
            raise SeedError(f"{record.kind} {record.slug!r}", str(exc)) from None
    for record in records:
        try:
            action = await _upsert(session, refs, record, reserved, reason=reason)
        except (Invalid, write.Conflict) as exc:
            raise SeedError(f"{record.kind} {record.slug!r}", str(exc)) from None
        report.record(record.kind, record.slug, action)


async def _upsert(
    session: AsyncSession,
    refs: Refs,
    record: Record,
    reserved: dict[tuple[str, str], int],
    *,
    reason: str,
) -> str:
    """Create or update one record. A record an editor changed since the seed last wrote it
    is left as the editor made it ("kept")."""
    key = (record.kind, record.slug)
    if key in reserved:
        await write.create(
            session, record, author=AUTHOR, reason=reason, refs=refs, reserved=reserved[key]
        )
        return "created"
    row_id = await refs.id(record.kind, record.slug)
    edited = await _edited_since_seeded(session, record.kind, row_id)
    savepoint = await session.begin_nested()
    written = await write.update(session, record, row_id, author=AUTHOR, reason=reason, refs=refs)
    if not edited:
        await savepoint.commit()
        return written.action
    await savepoint.rollback()
    return "unchanged" if written.action == "unchanged" else "kept"


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
