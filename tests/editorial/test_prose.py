"""Parley's prose: dates as labels, quotation marks only around the source's words."""

import pytest

from app.editorial.prose import quotes_not_in, raw_edtf

SOURCE = 'Both agreed to exchange views on a "potential future ceasefire” and to put it down.'


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("as of 2022-23", ["2022-23"]),
        ("about 2024~ or so", ["2024~"]),
        ("on ?2025-05-16", ["?2025"]),
        ("from 2025-05-16/2025-05-23", ["2025-05-16/2025"]),
        ("one of [2025-04-19, 2025-04-20]", ["[2025-04-19, 2025-04-20]"]),
        ("in the 202X decade", ["202X"]),
        ("on 2025-05-23, in May 2025, autumn 2022", []),
        ("a key issue?", []),
    ],
)
def test_raw_edtf(text: str, found: list[str]) -> None:
    assert raw_edtf(text) == found


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ('a "potential future ceasefire"', []),
        ("a \u201cpotential future ceasefire\u201d", []),
        ('"Both agreed" to it', []),
        ('"both agreed … put it down"', []),
        ('"potential   future\nceasefire"', []),
        ('a "lasting ceasefire"', ["lasting ceasefire"]),
        ('"Ceasefire views"', ["Ceasefire views"]),
        ("no quotes at all", []),
    ],
)
def test_quotes_not_in(text: str, missing: list[str]) -> None:
    assert quotes_not_in(text, SOURCE) == missing
