"""Counts of people and bodies, with what is counted and who receives them."""

import pytest

from app.ingest.figures import figures_in
from app.ingest.names import find
from tests.ingest import gazetteer


def figures(sentence: str) -> list[tuple[int, str, str, str | None, bool]]:
    actors, _ = find(sentence, gazetteer.actors(), gazetteer.places())
    return [
        (int(f.value), f.category.value, f.qualifier.value, f.recipient, f.total)
        for f in figures_in(sentence, 0, actors)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "270 military personnel and 120 civilians have returned to Russia.",
            [
                (270, "military", "exact", "russia", False),
                (120, "civilians", "exact", "russia", False),
            ],
        ),
        (
            "Ukraine received 909 bodies, and Russia 41.",
            [(909, "bodies", "exact", "ukraine", False), (41, "bodies", "exact", "russia", False)],
        ),
        (
            "Moscow and Kyiv returned 246 servicemen each.",
            [
                (246, "military", "exact", "russia", False),
                (246, "military", "exact", "ukraine", False),
            ],
        ),
        (
            "Ukraine received at least six thousand bodies of fallen soldiers.",
            [(6000, "bodies", "at_least", "ukraine", False)],
        ),
        (
            "Kyiv handed over 390 people, including 270 servicemen and 120 civilians, to Russia.",
            [
                (390, "people", "exact", "russia", True),
                (270, "military", "exact", "russia", False),
                (120, "civilians", "exact", "russia", False),
            ],
        ),
        (
            "The bodies of 49 soldiers were handed over to Kyiv.",
            [(49, "bodies", "exact", "ukraine", False)],
        ),
        ("Moscow controlled 99% of the LNR since 2022.", []),
    ],
)
def test_figures(sentence: str, expected: list[tuple[int, str, str, str | None, bool]]) -> None:
    assert figures(sentence) == expected
