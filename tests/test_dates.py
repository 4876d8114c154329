"""EDTF bounds and the date filters."""

import datetime as dt

import pytest

from app.dates import edtf_bounds, filter_bounds
from app.errors import Problem


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2025-05-16", "2025-05-16", "2025-05-16", "day"),
        ("2025-05", "2025-05-01", "2025-05-31", "month"),
        ("2025", "2025-01-01", "2025-12-31", "year"),
        ("2022-23", "2022-09-01", "2022-11-30", "season"),
        ("2024~", "2024-01-01", "2024-12-31", "year"),
        ("2025-05-24/2025-05-30", "2025-05-24", "2025-05-30", "range"),
        ("2025-05-24/2025-05-30~", "2025-05-24", "2025-05-30", "range"),
        ("2025-05-XX", "2025-05-01", "2025-05-31", "month"),
        ("2025-25", "2025-03-01", "2025-05-31", "season"),
        ("202X", "2020-01-01", "2029-12-31", "range"),
        ("[2025-04-19, 2025-04-20]", "2025-04-19", "2025-04-20", "range"),
    ],
)
def test_bounds(text: str, start: str, end: str, precision: str) -> None:
    bounds = edtf_bounds(text)

    assert (bounds.start, bounds.end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    assert bounds.precision == precision


@pytest.mark.parametrize(
    "text",
    ["/2025-05-23", "../2025-05-23", "2025-05-23/", "2025-05-23/..", "May 2025", "2025-13-45"],
)
def test_open_or_invalid_dates_have_no_bounds(text: str) -> None:
    with pytest.raises(ValueError, match=r"EDTF|open"):
        edtf_bounds(text)


def test_filter_bounds_widen_to_the_period() -> None:
    assert filter_bounds("from", "2025-02") == (dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    assert filter_bounds("to", None) is None
    with pytest.raises(Problem):
        filter_bounds("from", "2025-21")
