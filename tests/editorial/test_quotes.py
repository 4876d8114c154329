"""Quotes found by exact match; offsets in code points; prefix and suffix kept."""

import pytest

from app.editorial.quotes import CONTEXT, QuoteError, locate, occurrences
from app.seed.files import read_seed
from app.seed.loader import default_seed_dir

TEXT = read_seed(default_seed_dir()).texts["pravda-ru-2025-05-23-prisoner-exchange"]


def test_offsets_count_code_points_not_bytes() -> None:
    span = locate(TEXT, "Ukraine received 909 bodies")
    assert TEXT[span.start : span.end] == span.quote
    # An em dash and curly quotes come earlier: byte offsets would be larger.
    assert len(TEXT[: span.start].encode("utf-8")) > span.start
    assert span.end - span.start == len(span.quote)


def test_prefix_and_suffix_surround_the_quote() -> None:
    span = locate(TEXT, "246 servicemen each")
    assert span.prefix == TEXT[span.start - CONTEXT : span.start]
    assert span.suffix == TEXT[span.end : span.end + CONTEXT]
    assert (span.prefix + span.quote + span.suffix) in TEXT


def test_context_is_cut_at_the_text_edges() -> None:
    first = locate(TEXT, "As part of the prisoner exchange")
    assert (first.start, first.prefix) == (0, "")
    last = locate(TEXT, "RSS!")
    assert (last.end, last.suffix) == (len(TEXT), "")


def test_curly_quote_must_match_exactly() -> None:
    assert locate(TEXT, 'put it down "in detail.”').quote.endswith("”")
    with pytest.raises(QuoteError, match="not found"):
        locate(TEXT, 'put it down "in detail."')


def test_missing_quote() -> None:
    with pytest.raises(QuoteError, match="not found in the text: '271 military personnel'"):
        locate(TEXT, "271 military personnel")


def test_repeated_quote_needs_an_occurrence() -> None:
    assert len(occurrences(TEXT, "according to the Russian Ministry of Defense")) == 2
    with pytest.raises(QuoteError, match="occurs 2 times"):
        locate(TEXT, "according to the Russian Ministry of Defense")
    first = locate(TEXT, "according to the Russian Ministry of Defense", 1)
    second = locate(TEXT, "according to the Russian Ministry of Defense", 2)
    assert first.start < second.start
    with pytest.raises(QuoteError, match="not 3"):
        locate(TEXT, "according to the Russian Ministry of Defense", 3)
