"""Fill the benchmark database with N events and all that goes with them, realistic and
deterministic for a given N, loaded with COPY: `make bench-data SCALE=N`.

Usage: python -m bench.generate N   (DATABASE_URL, or the embedded server under PARLEY_DATA_DIR)

Generated data replaces generated data only: every record the generator writes has a slug
starting with `bench-` (its other rows hang off those records), and it refuses, exiting with
status 2, to run on a database holding any other record, revision or change (e.g. the seed's),
unless the database is empty. See bench/data/ for how the data is made and loaded.
"""

import asyncio
import sys

from app.cli import database_url
from app.config import get_settings
from bench.data.clock import Clock
from bench.data.load import generate
from bench.data.ownership import NotGenerated

DEFAULT = 100_000


async def fill(count: int, url: str | None = None, *, progress: bool = True) -> Clock:
    """Replace the benchmark data with `count` events: at `url`, else the configured database."""
    if url is None:
        url = database_url(get_settings())
    return await generate(count, url, progress=progress)


def main(argv: list[str]) -> int:
    count = int(argv[1]) if len(argv) > 1 else DEFAULT
    if count < 1:
        print("usage: python -m bench.generate N  (N >= 1 events)", file=sys.stderr)
        return 2
    print(f"generating {count} events")
    try:
        asyncio.run(fill(count))
    except NotGenerated as exc:
        print(f"bench.generate: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
