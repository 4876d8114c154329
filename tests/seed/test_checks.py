"""Cross-checks: numbers and dates held against their quotes, contradictions flagged."""

from decimal import Decimal

import pytest

from app.dates import edtf_bounds
from app.models.enums import Qualifier
from app.seed.checks import (
    Neighbour,
    check_value,
    date_flags,
    framing_outside_quotes,
    numbers_in,
    order_problems,
)
from app.seed.dates import resolve_all
from tests.seed.test_dates import context


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("over 70% of the DNR", [(70, "more_than")]),
        ("Ukraine received 909 bodies, and Russia 41", [(909, "exact"), (41, "exact")]),
        ("more than 1,200 people", [(1200, "more_than")]),
        ("forty-one bodies and about twelve", [(41, "exact"), (12, "approx")]),
        ("99% of the LNR", [(99, "exact")]),
        ("2.5 percent", [(Decimal("2.5"), "exact")]),
        ("An equal number of military personnel", []),
    ],
)
def test_numbers_in(text: str, expected: list[tuple[int | Decimal, str]]) -> None:
    assert [(n.value, n.qualifier.value) for n in numbers_in(text)] == expected


def test_value_stated_passes() -> None:
    quotes = ["270 military personnel"]
    assert (
        check_value(field="v", value=270, qualifier=Qualifier.exact, quotes=quotes, reason=None)
        == []
    )


def test_a_stated_value_missing_from_its_quotes_is_refused() -> None:
    with pytest.raises(ValueError, match=r"do not state 271 \(they give '270'\)"):
        check_value(
            field="v", value=271, qualifier=Qualifier.exact, quotes=["270 soldiers"], reason=None
        )


def test_a_worked_out_value_the_quotes_state_is_refused() -> None:
    with pytest.raises(ValueError, match="state 270: its basis is `stated`"):
        check_value(
            field="v",
            value=270,
            qualifier=Qualifier.exact,
            quotes=["270 soldiers"],
            reason="Added up.",
        )


def test_qualifier_must_match() -> None:
    [flag] = check_value(
        field="value",
        value=Decimal(70),
        qualifier=Qualifier.exact,
        quotes=["over 70% of the DNR"],
        reason=None,
    )
    assert flag["kind"] == "discrepancy"
    assert "more than" in flag["detail"]


def test_derived_value_is_an_inference() -> None:
    [flag] = check_value(
        field="v",
        value=270,
        qualifier=Qualifier.exact,
        quotes=["An equal number of military personnel"],
        reason="'An equal number' is the 270 returned to Russia.",
    )
    assert flag["kind"] == "inference"
    assert flag["detail"].startswith("The text does not state 270")


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
