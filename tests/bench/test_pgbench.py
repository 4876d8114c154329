import datetime as dt
from pathlib import Path

import pytest

from bench import pgbench
from bench.statements import Statement, decode_value, encode_value, from_json, to_json

PAGE = Statement(
    "SELECT events.id, events.date ~ $1::VARCHAR, '$2 stays', \"a$3\" FROM events "
    "WHERE events.status IN ($4::VARCHAR, $5::VARCHAR) AND events.date_start <= $2 "
    "AND events.negotiation_id IS NOT DISTINCT FROM $3 ORDER BY events.id LIMIT $6",
    ("[~%]", dt.date(2024, 5, 1), None, "published", "corrected", 51),
)


def test_each_parameter_becomes_a_variable_and_nulls_are_written_in_place() -> None:
    script, variables = pgbench.script([Statement("BEGIN;"), PAGE, Statement("COMMIT;")])
    lines = script.splitlines()
    assert lines[0] == "BEGIN;"
    assert lines[2] == "COMMIT;"
    assert lines[1] == (
        "SELECT events.id, events.date ~ :s2p1::VARCHAR, '$2 stays', \"a$3\" FROM events "
        "WHERE events.status IN (:s2p4::VARCHAR, :s2p5::VARCHAR) AND events.date_start <= :s2p2 "
        "AND events.negotiation_id IS NOT DISTINCT FROM NULL ORDER BY events.id LIMIT :s2p6;"
    )
    assert variables == {
        "s2p1": "[~%]",
        "s2p2": "2024-05-01",
        "s2p4": "published",
        "s2p5": "corrected",
        "s2p6": "51",
    }


def test_arrays_and_booleans_are_given_in_postgresql_text_form() -> None:
    _, variables = pgbench.script([Statement("SELECT $1, $2", (["a", 'b"c', None], True))])
    assert variables == {"s1p1": '{"a","b\\"c",NULL}', "s1p2": "true"}


def test_a_literal_pgbench_would_read_as_a_variable_is_refused() -> None:
    with pytest.raises(ValueError, match="variable"):
        pgbench.script([Statement("SELECT ':name'")])


def test_the_command_runs_prepared_statements_with_the_variables() -> None:
    argv = pgbench.command(
        "pgbench",
        Path("page.sql"),
        {"s1p1": "a b"},
        "postgresql://postgres@127.0.0.1/db",
        seconds=3,
        clients=8,
        threads=2,
    )
    assert argv == [
        "pgbench",
        "-n",
        "-M",
        "prepared",
        "-c8",
        "-j2",
        "-T3",
        "-f",
        "page.sql",
        "-D",
        "s1p1=a b",
        "postgresql://postgres@127.0.0.1/db",
    ]


def test_the_totals_pgbench_prints_are_read() -> None:
    output = """transaction type: page.sql
scaling factor: 1
query mode: prepared
number of clients: 8
number of threads: 2
maximum number of tries: 1
duration: 3 s
number of transactions actually processed: 1200
number of failed transactions: 2 (0.167%)
latency average = 19.900 ms
initial connection time = 12.345 ms
tps = 401.234567 (without initial connection time)
"""
    round_ = pgbench.parse(output)
    assert round_.requests == 1200
    assert round_.rate == pytest.approx(401.234567)
    assert round_.mean_ms == pytest.approx(19.9)
    assert round_.errors == 2
    assert round_.p50_ms is None


def test_parameters_keep_their_types_through_json() -> None:
    values = (dt.date(2024, 5, 1), dt.datetime(2024, 5, 1, 12, tzinfo=dt.UTC), [1, 2], None, "x")
    assert tuple(decode_value(encode_value(v)) for v in values) == values
    assert from_json(to_json([PAGE])) == [PAGE]
