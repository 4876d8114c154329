"""Query plans of the hot endpoints: the statement that reads each one's body, as Parley sends
it, run under `EXPLAIN (ANALYZE, BUFFERS)`, with what a reader should look for flagged: a
sequential scan of a large table, or a sort of more rows than a page."""

import re
from collections.abc import Sequence

from bench import capture
from bench.data.load import connect
from bench.results import Endpoint, Plan

LARGE = (
    "events",
    "territorial_claims",
    "citations",
    "quantities",
    "event_places",
    "event_participants",
    "outcomes",
    "revisions",
    "changes",
)
"""Tables that grow with the events."""
SORTED_AT_MOST = 10_000
"""Rows a sort may take in without being flagged (a page merges at most a few per kind)."""
_SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")
_ROWS = re.compile(r"actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)")
_NODE = re.compile(r"^(\s*)(?:->\s+)?(\w[\w ]*?)\s\s")


def findings(text: str) -> list[str]:
    """What in a plan scans or sorts in proportion to a table rather than to a page."""
    found: list[str] = []
    lines = text.splitlines()
    for number, line in enumerate(lines):
        scan = _SEQ_SCAN.search(line)
        if scan and scan.group(1) in LARGE:
            found.append(f"sequential scan of {scan.group(1)}")
        node = _NODE.match(line)
        if node and node.group(2).endswith("Sort"):
            taken = _sorted_rows(lines, number, len(node.group(1)))
            if taken > SORTED_AT_MOST:
                found.append(f"sorts {taken:,} rows")
    return found


def _sorted_rows(lines: Sequence[str], at: int, indent: int) -> int:
    """The rows the sort node at line `at` takes in: its first child's output."""
    for line in lines[at + 1 :]:
        node = _NODE.match(line)
        if node is None:
            continue
        if len(node.group(1)) <= indent:
            return 0
        rows = _ROWS.search(line)
        return int(rows.group(1)) * int(rows.group(2)) if rows else 0
    return 0


async def explain(url: str, endpoints: Sequence[Endpoint]) -> list[Plan]:
    """The plan of each endpoint's body statement (the largest it sends), run once to warm the
    cache, then explained."""
    captured, options = await capture.capture(url, [e.path for e in endpoints])
    connection = await connect(url, options)
    plans = []
    try:
        for endpoint in endpoints:
            statement = captured[endpoint.path].page_statement
            await connection.fetch(statement.sql, *statement.args)
            rows = await connection.fetch(
                "EXPLAIN (ANALYZE, BUFFERS) " + statement.sql, *statement.args
            )
            text = "\n".join(row[0] for row in rows)
            plans.append(Plan(endpoint.name, endpoint.path, text, findings(text)))
    finally:
        await connection.close()
    return plans
