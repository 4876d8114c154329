"""Cross-checks: numbers and dates held against their quotes, contradictions flagged."""

from app.dates import edtf_bounds
from app.editorial.datephrases import resolve_all
from app.seed.checks import (
    Neighbour,
    date_flags,
    framing_outside_quotes,
    order_problems,
)
from tests.editorial.test_datephrases import context


def test_weekday_and_order_contradictions_are_flagged() -> None:
    resolved = resolve_all("On Friday, March 23", context())
    talks = Neighbour("after", "'the talks'", edtf_bounds("2025-05-16"))
    flags = date_flags(
        field="date",
        chosen=edtf_bounds("2025-05-23"),
        resolved=resolved,
        neighbours=[talks],
        reason="March is a slip for May.",
    )
    kinds = [(f["kind"], f["chosen"]) for f in flags]
    assert kinds == [("discrepancy", "2025-05-23")] * 3 + [("inference", "2025-05-23")]
    weekday, disagreement, order, _ = (f["detail"] for f in flags)
    assert "23 March 2025 was a Sunday" in weekday and "23 May 2025 was a Friday" in weekday
    assert disagreement.endswith("March is a slip for May.")
    assert "before 'the talks' (16 May 2025)" in order


def test_a_date_that_holds_is_not_flagged() -> None:
    resolved = resolve_all("on April 19, 2025, on the eve of Easter", context())
    flags = date_flags(
        field="date",
        chosen=edtf_bounds("2025-04-19"),
        resolved=resolved,
        neighbours=[],
        reason=None,
    )
    assert flags == []


def test_a_wrong_weekday_is_flagged_even_when_the_date_holds() -> None:
    resolved = resolve_all("on Monday, May 16", context())
    weekday, year = date_flags(
        field="date",
        chosen=edtf_bounds("2025-05-16"),
        resolved=resolved,
        neighbours=[],
        reason=None,
    )
    assert weekday["kind"] == "discrepancy"
    assert "16 May 2025 was a Friday" in weekday["detail"]
    assert year["kind"] == "inference"
    assert "read as 2025" in year["detail"]


def test_chosen_date_against_declared_order() -> None:
    later = Neighbour("before", "'the plan'", edtf_bounds("2025-05-19"))
    assert order_problems(edtf_bounds("2025-05-20"), [later]) == [
        "20 May 2025 is not before 'the plan' (19 May 2025)"
    ]
    assert order_problems(edtf_bounds("2025-05-16/2025-05-19"), [later]) == []


def test_framing_words_only_inside_quotes() -> None:
    terms = ["incorporated", "military operation", "DNR"]
    assert framing_outside_quotes('regions "incorporated into Russia"', terms) == []
    assert framing_outside_quotes("the “military operation” began", terms) == []
    assert framing_outside_quotes("four regions incorporated in 2022", terms) == ["incorporated"]
    assert framing_outside_quotes("withdraw from the DNR", terms) == ["DNR"]
    assert framing_outside_quotes("the DNRs", terms) == []
