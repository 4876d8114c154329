"""The change log: every committed write, numbered in commit order, announced on commit.

The number comes from the one-row clock, taken as the write's last step: its row lock is held
until commit, so numbers are handed out and committed in the same order, with no gaps, and a
client reading `seq > n` never misses a change committed later with a smaller number.
"""

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Change, ChangeClock

CHANNEL = "parley_changes"
"""The LISTEN/NOTIFY channel on which committed changes are announced (payload: seq)."""


async def record_change(
    session: AsyncSession,
    *,
    kind: str,
    record_id: int,
    slug: str,
    operation: str,
    version: int,
    public: bool,
    revision_id: int | None,
) -> int:
    tick = update(ChangeClock).where(ChangeClock.id == 1).values(value=ChangeClock.value + 1)
    seq: int = (await session.execute(tick.returning(ChangeClock.value))).scalar_one()
    await session.execute(
        insert(Change).values(
            seq=seq,
            kind=kind,
            record_id=record_id,
            slug=slug,
            operation=operation,
            version=version,
            public=public,
            revision_id=revision_id,
        )
    )
    await session.execute(select(func.pg_notify(CHANNEL, str(seq))))
    return seq
