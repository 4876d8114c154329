"""Figures that add up: the rule in Python, and the database refusing what breaks it."""

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.editorial.figures import Figure, review_figures
from app.models.enums import categories_overlap, category_ancestors, category_spans
from tests import factories as f


def test_the_hierarchy() -> None:
    assert category_ancestors("military") == ["prisoners", "people"]
    assert category_ancestors("bodies") == []
    assert categories_overlap("people", "civilians")
    assert categories_overlap("prisoners", "military")
    assert not categories_overlap("military", "civilians")
    assert not categories_overlap("bodies", "people")


def test_spans_overlap_exactly_when_categories_do() -> None:
    spans = category_spans()
    for a, (a_low, a_high) in spans.items():
        for b, (b_low, b_high) in spans.items():
            assert (a_low < b_high and b_low < a_high) == categories_overlap(a, b), (a, b)


def test_parts_beside_their_total_pass() -> None:
    review = review_figures(
        [
            Figure("military", "ukraine", 270, is_best=True),
            Figure("civilians", "ukraine", 120, is_best=True),
            Figure("people", "ukraine", 390, total_of=("military", "civilians")),
            Figure("people", "russia", 390, is_best=True),
            Figure("bodies", "russia", 41, is_best=True),
        ]
    )
    assert (review.problems, review.flags) == ([], {})


def test_overlapping_best_figures_are_a_problem() -> None:
    review = review_figures(
        [
            Figure("military", "ukraine", 270, is_best=True),
            Figure("people", "ukraine", 390, is_best=True),
        ]
    )
    [problem] = review.problems
    assert "figures 1 and 2 are both best figures to ukraine" in problem
    assert "'military' and 'people' overlap" in problem


def test_a_total_that_does_not_add_up_is_flagged_not_refused() -> None:
    review = review_figures(
        [
            Figure("military", None, 270, is_best=True),
            Figure("civilians", None, 120, is_best=True),
            Figure("people", None, 400, total_of=("military", "civilians")),
        ]
    )
    assert review.problems == []
    [flag] = review.flags[2]
    assert flag["kind"] == "discrepancy"
    assert "add up to 390" in flag["detail"]


def test_approximate_totals_are_not_added_up() -> None:
    review = review_figures(
        [
            Figure("military", "ukraine", 270, qualifier="approx", is_best=True),
            Figure("people", "ukraine", 400, total_of=("military",)),
        ]
    )
    assert (review.problems, review.flags) == ([], {})


@pytest.mark.parametrize(
    ("figures", "message"),
    [
        ([Figure("bodies", None, 9, total_of=("military",))], "'bodies' does not contain them"),
        ([Figure("people", None, 9, total_of=("military",))], "no best military figure"),
    ],
)
def test_a_total_needs_parts_it_contains(figures: list[Figure], message: str) -> None:
    [problem] = review_figures(figures).problems
    assert message in problem


async def _best(session: AsyncSession, **fields: object) -> None:
    async with session.begin_nested():
        ev = await f.event(session)
        russia = await f.actor(session)
        await f.quantity(session, ev, category="military", recipient_id=russia.id, is_best=True)
        await f.quantity(session, ev, **{"recipient_id": russia.id, "is_best": True, **fields})


@pytest.mark.parametrize("category", ["people", "prisoners", "military"])
async def test_the_database_refuses_overlapping_best_figures(
    session: AsyncSession, category: str
) -> None:
    with pytest.raises(IntegrityError, match="ex_quantities_best_figures_overlap"):
        await _best(session, category=category)


@pytest.mark.parametrize(
    "fields",
    [
        {"category": "civilians"},
        {"category": "bodies"},
        {"category": "people", "is_best": False},
        {"category": "people", "recipient_id": None},
    ],
)
async def test_the_database_takes_figures_that_do_not_overlap(
    session: AsyncSession, fields: dict[str, object]
) -> None:
    await _best(session, **fields)


async def test_unnamed_recipients_count_as_one(session: AsyncSession) -> None:
    ev = await f.event(session)
    await f.quantity(session, ev, category="people", is_best=True)
    with pytest.raises(IntegrityError, match="ex_quantities_best_figures_overlap"):
        async with session.begin_nested():
            await f.quantity(session, ev, category="civilians", is_best=True)


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"basis": "derived"}, "worked_out_is_flagged"),
        ({"total_of": ["people"], "category": "people"}, "total_of_categories"),
        ({"total_of": ["soldiers"], "category": "people"}, "total_of_categories"),
        ({"basis": "guessed", "flags": [{"kind": "note"}]}, "basis_allowed"),
    ],
)
async def test_the_database_checks_basis_and_totals(
    session: AsyncSession, fields: dict[str, object], constraint: str
) -> None:
    ev = await f.event(session)
    with pytest.raises(IntegrityError, match=constraint):
        async with session.begin_nested():
            await f.quantity(session, ev, **fields)
