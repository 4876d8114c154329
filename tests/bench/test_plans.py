"""What the plans of the hot endpoints are checked for."""

from bench.plans import findings

INDEXED = """Limit  (actual time=0.040..2.310 rows=51 loops=1)
  ->  Index Scan using ix_events_stream on events  (actual time=0.039..2.300 rows=51 loops=1)
        Filter: (status = ANY ('{published}'::text[]))
  ->  Seq Scan on actors  (actual time=0.095..0.095 rows=0 loops=1)
Planning Time: 0.300 ms
Execution Time: 2.400 ms"""

SCANNED = """Limit  (actual time=53.775..53.778 rows=51 loops=1)
  ->  Sort  (actual time=53.775..53.778 rows=51 loops=1)
        Sort Key: events.date_start DESC
        Sort Method: top-N heapsort  Memory: 29kB
        ->  Seq Scan on events  (actual time=0.030..51.893 rows=18667 loops=3)
              Filter: (search @@ '''exchang'''::tsquery)
Execution Time: 63.932 ms"""


def test_an_indexed_page_with_small_lookups_is_clean() -> None:
    assert findings(INDEXED) == []


def test_a_scan_and_a_large_sort_are_flagged() -> None:
    assert findings(SCANNED) == ["sorts 56,001 rows", "sequential scan of events"]
