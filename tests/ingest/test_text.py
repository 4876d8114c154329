"""Sentences keep their offsets in the article, and names compare without accents."""

from app.ingest.text import fold, sentences
from app.seed.loader import default_seed_dir

SEED = (default_seed_dir() / "2025-05-23-pravda-ru-prisoner-exchange.txt").read_text("utf-8")


def test_every_sentence_is_the_article_at_its_offsets() -> None:
    found = sentences(SEED)
    assert len(found) > 20
    for s in found:
        assert SEED[s.start : s.end] == s.text
        assert s.text == s.text.strip()


def test_a_closing_quote_stays_with_its_sentence() -> None:
    found = sentences('They agreed to put it down "in detail.” According to Umerov, talks go on.')
    assert [s.text for s in found] == [
        'They agreed to put it down "in detail.”',
        "According to Umerov, talks go on.",
    ]


def test_folding_keeps_offsets() -> None:
    text = "Türkiye\u2019s İstanbul talks \u201cresumed\u201d"
    assert fold(text) == 'Turkiye\'s Istanbul talks "resumed"'
    assert len(fold(text)) == len(text)
