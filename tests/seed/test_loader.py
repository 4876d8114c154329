"""The upsert: one transaction, idempotent, revisions for every change, nothing on failure."""

import json
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Base, Change, Event, Place, Revision, TerritorialClaim
from app.seed.errors import SeedError
from app.seed.loader import SeedReport, default_seed_dir, run_seed
from tests.seed.conftest import SOURCE, edit

RECORDS = {"source": 1, "place": 11, "actor": 13, "negotiation": 1, "event": 19, "claim": 21}


async def fingerprint(session: AsyncSession) -> dict[str, str]:
    """Every table's rows, hashed: equal fingerprints mean an unchanged database."""
    found: dict[str, str] = {}
    for table in Base.metadata.sorted_tables:
        query = text(
            "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')"
            f" FROM {table.name} AS t"
        )
        found[table.name] = (await session.execute(query)).scalar_one()
    return found


def test_default_seed_dir_is_the_repositorys() -> None:
    seed_dir = default_seed_dir()
    assert seed_dir.name == "seed_data"
    assert (seed_dir / "curation.yaml").is_file()


async def test_first_run_creates_every_record_with_a_revision(
    session: AsyncSession, seeded: SeedReport
) -> None:
    assert {kind: counts["created"] for kind, counts in seeded.counts.items()} == RECORDS
    assert seeded.updated == 0
    revisions = (await session.execute(select(Revision))).scalars().all()
    assert len(revisions) == sum(RECORDS.values())
    assert {(r.action, r.author, r.reason, r.entity_version) for r in revisions} == {
        ("create", "seed", f"seed from {SOURCE}", 1)
    }
    assert all(r.before is None and r.after for r in revisions)
    statuses = (await session.execute(select(Event.status).distinct())).scalars().all()
    assert statuses == ["published"]


async def test_second_run_changes_nothing(session: AsyncSession, seeded: SeedReport) -> None:
    before = await fingerprint(session)
    again = await run_seed(session, seed_dir=default_seed_dir(), dry_run=False)
    assert again.changed == 0
    assert {kind: counts["unchanged"] for kind, counts in again.counts.items()} == RECORDS
    assert "No changes: every record already matches the seed." in again.render()
    assert await fingerprint(session) == before


async def test_dry_run_writes_nothing_and_reports_everything(session: AsyncSession) -> None:
    before = await fingerprint(session)
    report = await run_seed(session, seed_dir=default_seed_dir(), dry_run=True)
    assert await fingerprint(session) == before
    assert report.created == sum(RECORDS.values())
    rendered = report.render()
    assert "dry run: nothing written" in rendered
    assert "  event                19          0          0          0" in rendered
    assert "[discrepancy] date: The text says 'Friday, March 23'" in rendered
    assert "26 of 26 sentences cited (1 excluded)" in rendered
    assert "every sentence is cited" in rendered


async def test_a_change_is_one_update_with_its_revision(
    session: AsyncSession, seeded: SeedReport, seed_copy: Path
) -> None:
    slug = "peskov-who-would-guarantee-the-agreement"
    old_title = (
        "Peskov says a key issue for Moscow is who on the Ukrainian side would guarantee the "
        "agreement"
    )
    new_title = "Peskov says who in Ukraine would guarantee the deal is a key issue for Moscow"
    edit(seed_copy / "curation.yaml", f"title: {old_title}", f"title: {new_title}")
    report = await run_seed(session, seed_dir=seed_copy, dry_run=False)
    assert report.changes == [("event", slug, "updated")]
    event = (await session.execute(select(Event).where(Event.slug == slug))).scalar_one()
    assert event.version == 2
    revision = (
        await session.execute(
            select(Revision).where(Revision.entity_id == event.id, Revision.action == "update")
        )
    ).scalar_one()
    assert revision.entity_type == "event"
    assert revision.entity_version == 2
    assert revision.before is not None and revision.after is not None
    assert (revision.before["title"], revision.after["title"]) == (old_title, new_title)
    assert revision.before["citations"] == revision.after["citations"]


async def test_a_title_other_rows_mention_changes_their_flags_too(
    session: AsyncSession, seeded: SeedReport, seed_copy: Path
) -> None:
    edit(
        seed_copy / "curation.yaml",
        "title: Umerov submits the plan to Zelensky",
        "title: Umerov submits the exchange plan to Zelensky",
    )
    report = await run_seed(session, seed_dir=seed_copy, dry_run=False)
    assert sorted(report.changes) == [
        ("event", "2025-05-19-exchange-plan-submitted", "updated"),
        ("event", "2025-05-23-prisoner-exchange", "updated"),
    ]


async def test_a_changed_citation_updates_the_record(
    session: AsyncSession, seeded: SeedReport, seed_copy: Path
) -> None:
    edit(seed_copy / "curation.yaml", "quote: and Russia 41", 'quote: "Russia 41"')
    report = await run_seed(session, seed_dir=seed_copy, dry_run=False)
    assert report.changes == [("event", "2025-04-18-exchange-of-bodies", "updated")]


async def test_an_editors_change_is_not_overwritten(
    session: AsyncSession, seeded: SeedReport
) -> None:
    slug = "kremlin-says-zelensky-putin-meeting-possible"
    event = (await session.execute(select(Event).where(Event.slug == slug))).scalar_one()
    event.title = "The Kremlin says a Zelensky-Putin meeting is possible"
    event.version += 1
    session.add(
        Revision(
            entity_type="event",
            entity_id=event.id,
            entity_version=event.version,
            action="update",
            author="editor:desk",
            reason="house style",
            before={},
            after={},
        )
    )
    await session.commit()
    report = await run_seed(session, seed_dir=default_seed_dir(), dry_run=False)
    assert report.changed == 0
    assert report.kept == [("event", slug)]
    assert "Kept as edited since the last seed" in report.render()
    await session.refresh(event)
    assert event.title == "The Kremlin says a Zelensky-Putin meeting is possible"


async def test_a_broken_curation_leaves_the_database_unchanged(
    session: AsyncSession, seeded: SeedReport, seed_copy: Path
) -> None:
    edit(seed_copy / "curation.yaml", "title: Umerov submits", "title: Umerov sends")
    edit(
        seed_copy / "curation.yaml", "quote: Ukraine received 909 bodies", "quote: Ukraine got 909"
    )
    before = await fingerprint(session)
    with pytest.raises(SeedError, match="'Ukraine got 909'"):
        await run_seed(session, seed_dir=seed_copy, dry_run=False)
    assert await fingerprint(session) == before


async def test_a_failure_while_writing_leaves_the_database_unchanged(
    session: AsyncSession,
) -> None:
    session.add(Place(slug="donetsk-elsewhere", name="Donetsk", kind="region", iso_code="UA-14"))
    await session.flush()
    before = await fingerprint(session)
    with pytest.raises(SeedError, match=r"place 'donetsk-oblast'.*uq_places_iso_code"):
        await run_seed(session, seed_dir=default_seed_dir(), dry_run=False)
    assert await fingerprint(session) == before
    count = await session.execute(select(func.count()).select_from(TerritorialClaim))
    assert count.scalar_one() == 0


async def test_seeded_rows_meet_the_database_constraints(
    session: AsyncSession, seeded: SeedReport
) -> None:
    """Spans fit their quotes in the stored text (the CHECK holds; offsets are code points)."""
    mismatched = await session.execute(
        text(
            "SELECT count(*) FROM citations c JOIN sources s ON s.id = c.source_id"
            " WHERE substr(s.text, c.start_offset + 1, c.end_offset - c.start_offset) <> c.quote"
        )
    )
    assert mismatched.scalar_one() == 0


async def test_the_seed_logs_each_write_in_order_with_what_the_public_saw(
    session: AsyncSession, seeded: SeedReport
) -> None:
    changes = (await session.execute(select(Change).order_by(Change.seq))).scalars().all()
    assert len(changes) == sum(RECORDS.values())
    assert [c.seq for c in changes] == list(range(changes[0].seq, changes[0].seq + len(changes)))
    assert {c.operation for c in changes} == {"create"} and all(c.public for c in changes)
    exchange = (
        await session.execute(
            select(Revision)
            .join(Event, Event.id == Revision.entity_id)
            .where(Revision.entity_type == "event", Event.slug == "2025-05-23-prisoner-exchange")
        )
    ).scalar_one()
    assert exchange.public is not None
    assert json.loads(exchange.public)["verification"] == "one_side"
    again = await run_seed(session, seed_dir=default_seed_dir(), dry_run=False)
    assert again.changed == 0
    count = await session.execute(select(func.count()).select_from(Change))
    assert count.scalar_one() == len(changes)


async def test_the_seed_keeps_what_an_editor_changed_through_the_api(
    client: httpx.AsyncClient, session: AsyncSession, editor: dict[str, str]
) -> None:
    await run_seed(session, seed_dir=default_seed_dir(), dry_run=False)
    await session.commit()
    path = "/v1/events/kremlin-says-zelensky-putin-meeting-possible"
    current = await client.get(path, headers=editor)
    changed = await client.patch(
        path,
        json={"summary": "The Kremlin spoke of a possible meeting."},
        headers=editor
        | {
            "If-Match": current.headers["etag"],
            "X-Edit-Reason": "shorter",
            "X-Correction-Note": "The summary is shorter.",
        },
    )
    assert changed.status_code == 200, changed.text

    report = await run_seed(session, seed_dir=default_seed_dir(), dry_run=False)

    assert report.kept == [("event", "kremlin-says-zelensky-putin-meeting-possible")]
    assert report.changed == 0
    after = (await client.get(path)).json()
    assert (after["summary"], after["status"]) == (
        "The Kremlin spoke of a possible meeting.",
        "corrected",
    )
