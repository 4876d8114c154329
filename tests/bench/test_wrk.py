import pytest

from bench import wrk

OUTPUT = (
    "Running 3s test @ http://127.0.0.1:8765/v1/events?limit=50\n"
    "  2 threads and 32 connections\n"
    "  1534 requests in 3.00s, 180.02MB read\n"
    "Requests/sec:    511.04\n"
    'WRK_JSON {"requests":1534,"duration_us":3001722,"bytes":188769290,'
    '"errors":{"connect":0,"read":0,"write":0,"status":3,"timeout":2},'
    '"latency_us":{"p50":58213,"p90":81234,"p99":120444,"p999":160111,"max":170001,'
    '"mean":61234.5}}\n'
)


def test_the_report_line_gives_rate_percentiles_and_every_kind_of_error() -> None:
    round_ = wrk.parse(OUTPUT)
    assert round_.requests == 1534
    assert round_.rate == pytest.approx(511.04, abs=0.01)
    assert round_.p50_ms == pytest.approx(58.213)
    assert round_.p99_ms == pytest.approx(120.444)
    assert round_.mean_ms == pytest.approx(61.2345)
    assert round_.errors == 5
    assert round_.bytes == 188769290


def test_output_without_the_report_line_is_refused() -> None:
    with pytest.raises(ValueError, match="WRK_JSON"):
        wrk.parse("Running 3s test @ http://127.0.0.1:1/\nunable to connect\n")


def test_the_command_sends_headers_and_reports_through_the_script() -> None:
    argv = wrk.command(
        "http://127.0.0.1:1/v1/events",
        seconds=3,
        connections=32,
        threads=2,
        headers=[("If-None-Match", '"abc"')],
    )
    assert argv[:4] == ["wrk", "-t2", "-c32", "-d3s"]
    assert argv[argv.index("-H") + 1] == 'If-None-Match: "abc"'
    assert argv[argv.index("-s") + 1] == str(wrk.SCRIPT)
    assert argv[-1] == "http://127.0.0.1:1/v1/events"


def test_a_round_without_replies_has_no_latency() -> None:
    round_ = wrk.parse(OUTPUT.replace('"requests":1534', '"requests":0'))
    assert (round_.rate, round_.p50_ms, round_.p99_ms, round_.mean_ms) == (0, None, None, None)
