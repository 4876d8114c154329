"""Sentence coverage: which sentences no row cites."""

from app.seed.coverage import coverage, sentences


def test_sentences_end_at_stops_and_closing_quotes() -> None:
    text = 'One. Two says "in detail.” Three at Pravda.Ru is one!\nFour'
    assert [s.text for s in sentences(text)] == [
        "One.",
        'Two says "in detail.”',
        "Three at Pravda.Ru is one!",
        "Four",
    ]


def test_uncited_and_excluded_sentences_are_reported() -> None:
    text = "First fact. Second fact. Subscribe now!"
    first = (0, 5)
    boilerplate = ((25, 39), "subscription line")
    result = coverage("s", text, [first], [boilerplate])
    assert (result.sentences, result.cited) == (3, 1)
    assert [(e.sentence.text, e.reason) for e in result.excluded] == [
        ("Subscribe now!", "subscription line")
    ]
    assert [s.text for s in result.uncited] == ["Second fact."]
    assert not result.complete
    assert result.cited_chars == 5
