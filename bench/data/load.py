"""The load: check the data is the generator's, empty the tables, drop what slows the load,
copy every row in (the tables' own triggers off), compute search vectors beside it, make the
indexes and constraints again, compute what the triggers would have kept, check a sample of the
vectors, set the id sequences and analyze; all in one transaction."""

import asyncio
from collections.abc import Callable
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url
from tqdm import tqdm

from bench.data import ownership
from bench.data.binary import AS_GIVEN, as_given
from bench.data.clock import Clock
from bench.data.corpus import Corpus, columns
from bench.data.dates import DateBook
from bench.data.schema import FILLED, Secondary, capture, drop, snapshot
from bench.data.tables import SEARCHED, TABLES, Batch
from bench.data.vectors import SETTINGS, VECTORS, Vectors

BATCH = 5_000
"""Events per batch: vectors of one batch are computed while the next is generated."""
VECTOR_CONNECTIONS = 2
SESSION = SETTINGS | {
    "maintenance_work_mem": "512MB",
    "work_mem": "256MB",
    "synchronous_commit": "off",
    "lock_timeout": "30s",
}
"""Our own connection: no statement timeout (the app's engine has 5 s), room to build indexes."""
SEQUENCED = (
    "actors",
    "actor_roles",
    "places",
    "sources",
    "source_versions",
    "negotiations",
    "delegations",
    "outcomes",
    "events",
    "quantities",
    "citations",
    "territorial_claims",
)
"""Tables whose ids come from an identity sequence."""
SEARCH_FUNCTIONS = {
    "actors": "parley_actor_search",
    "places": "parley_place_search",
    "negotiations": "parley_negotiation_search",
    "outcomes": "parley_outcome_search",
    "events": "parley_event_search",
    "territorial_claims": "parley_claim_search",
}
TRIGGERED = ("territorial_claims", "citations")
"""Tables whose triggers keep claim group keys (migration 0009): off for the copy, whose rows
would each look up rows not yet indexed, and the keys computed once after it."""
SAMPLE = 100
"""Records of each table whose vector is checked against the app's own function."""


class SchemaChanged(Exception):
    """The indexes and constraints made again differ from those the migrations made."""


async def connect(url: str, settings: dict[str, str]) -> Any:
    parsed = make_url(url)
    host = parsed.query.get("host") or parsed.host
    return await asyncpg.connect(
        user=parsed.username,
        password=parsed.password or None,
        host=host if isinstance(host, str) else None,
        port=parsed.port,
        database=parsed.database,
        server_settings=settings,
    )


async def generate(
    count: int, url: str, *, progress: bool = True, say: Callable[[str], None] = tqdm.write
) -> Clock:
    """Replace the benchmark data at `url` with `count` events and all that goes with them."""
    clock = Clock(say)
    book = DateBook()
    dates = asyncio.create_task(asyncio.to_thread(book.prepare))
    main = await connect(url, SESSION)
    computing = [await connect(url, SETTINGS) for _ in range(VECTOR_CONNECTIONS)]
    try:
        for name in AS_GIVEN:
            await main.set_type_codec(
                name, schema="pg_catalog", encoder=as_given, decoder=as_given, format="binary"
            )
        vectors = Vectors([await c.prepare(VECTORS) for c in computing])
        async with main.transaction():
            with clock.phase("check ownership"):
                await ownership.lock(main)
                await ownership.check(main)
            with clock.phase("empty, drop indexes"):
                before = await snapshot(main)
                secondary = await capture(main)
                await ownership.clear(main)
                await drop(main, secondary)
                for table in TRIGGERED:
                    await main.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            with clock.phase("parse fuzzy dates"):
                await dates
            with clock.phase("rows and search vectors"):
                await _rows(main, vectors, Corpus(count, book), progress)
            with clock.phase("indexes and constraints"):
                await _restore(main, secondary)
            with clock.phase("foreign keys"):
                for fk in secondary.foreign_keys:
                    await main.execute(fk.sql)
            with clock.phase("claim groups"):
                await main.execute(
                    "UPDATE territorial_claims t SET group_key = parley_claim_group_key(t)"
                )
                for table in TRIGGERED:
                    await main.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            with clock.phase("analyze"):
                await main.execute(f"ANALYZE {', '.join(FILLED)}")
            with clock.phase("sequences, checks"):
                await _sequences(main)
                await _check_vectors(main)
                if await snapshot(main) != before:
                    raise SchemaChanged("the schema differs from the one the load began with")
    finally:
        dates.cancel()
        for connection in (main, *computing):
            await connection.close()
    say(f"  {'total':<28}{clock.total():8.1f} s")
    return clock


async def _rows(main: Any, vectors: Vectors, corpus: Corpus, progress: bool) -> None:
    await _copy(main, corpus.gazetteer(), {})
    for table in ("actors", "places"):
        await main.execute(f"UPDATE {table} SET search = {SEARCH_FUNCTIONS[table]}(id)")
    await _copy(main, *_computing(vectors, corpus.negotiations()))
    pending: asyncio.Task[None] | None = None
    with tqdm(total=corpus.count, unit=" events", disable=not progress, leave=False) as bar:
        for batch in corpus.batches(BATCH):
            if batch is None:
                await asyncio.sleep(0)
                continue
            computed = _computing(vectors, batch)
            await asyncio.sleep(0)
            if pending is not None:
                await pending
            pending = asyncio.create_task(_copy(main, *computed))
            await asyncio.sleep(0)
            bar.update(batch.events)
        if pending is not None:
            await pending
    await _copy(main, corpus.stages(), {})


def _computing(
    vectors: Vectors, batch: Batch
) -> tuple[Batch, dict[str, asyncio.Task[list[bytes]]]]:
    """The batch, and the search vectors of its rows being computed."""
    tasks = {
        table: asyncio.create_task(vectors.compute(batch.words[table]))
        for table in SEARCHED
        if batch.words.get(table)
    }
    return batch, tasks


async def _copy(main: Any, batch: Batch, computed: dict[str, asyncio.Task[list[bytes]]]) -> None:
    for table, rows in batch.rows.items():
        if not rows:
            continue
        names = columns(table)
        if table in computed:
            searched = await computed[table]
            rows = [(*row, vector) for row, vector in zip(rows, searched, strict=True)]
            names = (*names, "search")
        await main.copy_records_to_table(TABLES.get(table, table), records=rows, columns=names)


async def _restore(main: Any, secondary: Secondary) -> None:
    for index in secondary.indexes:
        await main.execute(index.sql)


async def _sequences(main: Any) -> None:
    """Identity sequences go on after the ids the load gave."""
    for table in SEQUENCED:
        await main.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"coalesce(max(id), 0) + 1, false) FROM {table}"
        )


async def _check_vectors(main: Any) -> None:
    """A sample of each table's vectors against the app's own functions."""
    for table in SEARCHED:
        function = SEARCH_FUNCTIONS[table]
        last = await main.fetchval(f"SELECT max(id) FROM {table}") or 0
        step = max(1, last // SAMPLE)
        differing = await main.fetchval(
            f"SELECT count(*) FROM unnest($1::bigint[]) AS sample (id) JOIN {table} USING (id) "
            f"WHERE search IS DISTINCT FROM {function}(id)",
            list(range(1, last + 1, step)),
        )
        if differing:
            raise AssertionError(f"{differing} search vectors of {table} differ from {function}")
