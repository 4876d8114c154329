"""Numbers in quotes, and a recorded value held against them."""

from decimal import Decimal

import pytest

from app.editorial.numbers import check_value, inference_flag, numbers_in
from app.models.enums import Qualifier


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
        ("at least six thousand bodies", [(6000, "at_least")]),
        ("two hundred and twelve servicemen", [(212, "exact")]),
        ("one thousand two hundred civilians", [(1200, "exact")]),
        ("about 6 thousand", [(6000, "approx")]),
    ],
)
def test_numbers_in(text: str, expected: list[tuple[int | Decimal, str]]) -> None:
    assert [(n.value, n.qualifier.value) for n in numbers_in(text)] == expected


def test_value_stated_passes() -> None:
    quotes = ["270 military personnel"]
    assert (
        check_value(
            field="v", value=270, qualifier=Qualifier.exact, quotes=quotes, worked_out=False
        )
        == []
    )


def test_a_stated_value_missing_from_its_quotes_is_refused() -> None:
    with pytest.raises(ValueError, match=r"do not state 271 \(they give '270'\)"):
        check_value(
            field="v",
            value=271,
            qualifier=Qualifier.exact,
            quotes=["270 soldiers"],
            worked_out=False,
        )


def test_a_worked_out_value_the_quotes_state_is_refused() -> None:
    with pytest.raises(ValueError, match="state 270: its basis is `stated`"):
        check_value(
            field="v",
            value=270,
            qualifier=Qualifier.exact,
            quotes=["270 soldiers"],
            worked_out=True,
        )


def test_qualifier_must_match() -> None:
    [flag] = check_value(
        field="value",
        value=Decimal(70),
        qualifier=Qualifier.exact,
        quotes=["over 70% of the DNR"],
        worked_out=False,
    )
    assert flag["kind"] == "discrepancy"
    assert "more than" in flag["detail"]
    assert flag["by"] == "parley"


def test_a_worked_out_value_is_explained_by_an_inference_flag() -> None:
    flag = inference_flag("value", 270, "'An equal number' is the 270 returned to Russia.")
    assert (flag["kind"], flag["chosen"]) == ("inference", 270)
    assert flag["detail"].startswith("The text does not state 270")
    assert (
        check_value(
            field="v",
            value=270,
            qualifier=Qualifier.exact,
            quotes=["An equal number of military personnel"],
            worked_out=True,
        )
        == []
    )
