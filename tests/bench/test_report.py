from pathlib import Path

from bench import report
from bench.results import (
    FLOOR,
    LEAN,
    PARLEY,
    PGBENCH,
    UNCACHED,
    WARM,
    Endpoint,
    Measurement,
    PeakRss,
    Round,
    Run,
    from_json,
    load_all,
    save,
    to_json,
)


def _rounds(*rates: float, p50: float | None = 10.0, errors: int = 0) -> list[Round]:
    return [Round(int(rate), 1.0, p50, None if p50 is None else p50 * 3, errors) for rate in rates]


def _run(events: int, started_at: str, parley_rate: float = 100.0) -> Run:
    first = Endpoint("events page 1", "/v1/events?limit=50", "events", body_bytes=120_000)
    detail = Endpoint("event detail", "/v1/events/7", "events", body_bytes=3_000)
    return Run(
        started_at=started_at,
        command="make bench",
        machine={"cpus": 2, "cpu_model": "Test CPU"},
        versions={"python": "3.11"},
        database={"kind": "server", "version": "15.20", "label": "server PostgreSQL 15"},
        scale={"events": events},
        settings={
            "seconds": 1,
            "rounds": 3,
            "warmup": 1,
            "connections": 32,
            "threads": 2,
            "workers": [1],
            "cache_mb": 64,
            "pgbench_clients": 8,
            "pgbench_threads": 2,
        },
        endpoints=[first, detail],
        measurements=[
            Measurement(
                first.name,
                PARLEY,
                UNCACHED,
                1,
                _rounds(parley_rate - 10, parley_rate, parley_rate + 10),
            ),
            Measurement(first.name, PARLEY, WARM, 1, _rounds(400, 400, 400)),
            Measurement(first.name, LEAN, LEAN, 1, _rounds(200, 200, 200)),
            Measurement(first.name, FLOOR, FLOOR, 1, _rounds(1000, 1000, 1000)),
            Measurement(first.name, PGBENCH, PGBENCH, None, _rounds(500, 500, 500, p50=None)),
            Measurement(detail.name, PARLEY, UNCACHED, 1, _rounds(50, 50, 50, errors=2)),
        ],
        peak_rss=[PeakRss(PARLEY, UNCACHED, 1, [204_800])],
    )


def test_parley_rows_carry_their_ratios_to_the_references_of_their_family() -> None:
    rows = {
        (row[0], row[1]): dict(zip(report.COLUMNS, row, strict=True))
        for row in report.rows(_run(20_000, "2026-01-01T00:00:00Z"))
    }
    uncached = rows[("events page 1", UNCACHED)]
    assert uncached["req/s"] == "100"
    assert uncached["min-max"] == "90-110"
    assert uncached["vs lean"] == "0.50"
    assert uncached["vs floor"] == "0.10"
    assert uncached["pgbench tps"] == "500"
    assert rows[("events page 1", LEAN)]["vs floor"] == "0.20"
    assert rows[("events page 1", PGBENCH)]["p50 ms"] == "—"
    detail = rows[("event detail", UNCACHED)]
    assert (detail["vs lean"], detail["errors"], detail["body KB"]) == ("0.25", "6", "3.0")


def test_the_markdown_has_a_table_per_scale_and_a_curve_across_scales(tmp_path: Path) -> None:
    save(_run(10_000, "2026-01-01T00:00:00Z"), tmp_path)
    save(_run(100_000, "2026-01-01T01:00:00Z", parley_rate=60), tmp_path)
    save(_run(100_000, "2026-01-01T02:00:00Z", parley_rate=70), tmp_path)
    runs = load_all(tmp_path)
    assert len(runs) == 3
    text = report.markdown(runs)
    assert "## server PostgreSQL 15, 10,000 events" in text
    assert text.count("## server PostgreSQL 15, 100,000 events") == 1
    assert "| events page 1 | uncached | 1 | 100 | 90-110 |" in text
    assert "| events page 1 | uncached | 1 | 70 | 60-80 |" in text
    assert (
        "| event detail | uncached | 1 | 50 | 50-50 | 10.0 | 30.0 | 0.25 | 0.05 | 500 | **6** |"
        in text
    )
    assert "## Curve: server PostgreSQL 15" in text
    assert "| endpoint | mode | workers | 10,000 events | 100,000 events |" in text
    assert "| event detail | uncached | 1 | 10.0 / 30.0 · 50/s | 10.0 / 30.0 · 50/s |" in text


def test_a_run_survives_json() -> None:
    run = _run(20_000, "2026-01-01T00:00:00Z")
    run.endpoints.append(
        Endpoint("events 304", "/v1/events", "events", (("If-None-Match", '"x"'),), 304)
    )
    assert from_json(to_json(run)) == run


def test_first_pages_measured_in_turn_are_compared_round_by_round() -> None:
    run = _run(10_000, "2026-11-27T12:00:00+00:00", parley_rate=200.0)
    assert report.in_turn(run) == []  # not measured in turn: no pairs to compare

    run.settings["first_pages_in_turn"] = True
    [line] = report.in_turn(run)

    # Parley 190, 200, 210 against the lean handler's 200, 200, 200.
    assert line.endswith("round by round: 0.95, 1.00, 1.05 (median 1.00)")
    assert line in report.run_text(run) and f"- {line}" in report.markdown([run])
