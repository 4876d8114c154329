"""Every date expression of the article resolves to the EDTF and bounds expected."""

import datetime as dt

import pytest

from app.dates import edtf_bounds
from app.editorial.datephrases import (
    Context,
    easter,
    resolve_all,
    resolve_running,
    weekday_mismatch,
)
from app.seed.files import read_seed
from app.seed.loader import default_seed_dir

ARTICLE = dt.date(2025, 5, 23)


def context(anchor: str | None = None) -> Context:
    anchor = anchor or ARTICLE.isoformat()
    return Context(ARTICLE, edtf_bounds(anchor), f"anchor {anchor}")


D = dt.date

# (quote in the article, anchor row's date, expression found, EDTF, start, end, inferred)
ARTICLE_EXPRESSIONS = [
    ("in Istanbul on May 16", None, "May 16", "2025-05-16", D(2025, 5, 16), D(2025, 5, 16), True),
    ("Zelensky on May 19", None, "May 19", "2025-05-19", D(2025, 5, 19), D(2025, 5, 19), True),
    (
        "in the fall of 2022",
        None,
        "the fall of 2022",
        "2022-23",
        D(2022, 9, 1),
        D(2022, 11, 30),
        False,
    ),
    ("As of March 2025", None, "March 2025", "2025-03", D(2025, 3, 1), D(2025, 3, 31), False),
    ("A year earlier", "2025-03", "A year earlier", "2024~", D(2024, 1, 1), D(2024, 12, 31), True),
    (
        "on April 19, 2025",
        None,
        "April 19, 2025",
        "2025-04-19",
        D(2025, 4, 19),
        D(2025, 4, 19),
        False,
    ),
    (
        "on the eve of Easter",
        "2025-04-19",
        "the eve of Easter",
        "2025-04-19",
        D(2025, 4, 19),
        D(2025, 4, 19),
        True,
    ),
    (
        "The day before",
        "2025-04-19",
        "The day before",
        "2025-04-18",
        D(2025, 4, 18),
        D(2025, 4, 18),
        True,
    ),
    (
        "Immediately after the talks",
        "2025-05-16",
        "Immediately after",
        "2025-05-16~",
        D(2025, 5, 16),
        D(2025, 5, 16),
        True,
    ),
    (
        "On Friday, March 23",
        None,
        "Friday, March 23",
        "2025-03-23",
        D(2025, 3, 23),
        D(2025, 3, 23),
        True,
    ),
    ("Currently", None, "Currently", "2025-05-23", D(2025, 5, 23), D(2025, 5, 23), True),
    (
        'in the "coming days',
        None,
        'in the "coming days',
        "2025-05-24/2025-05-30~",
        D(2025, 5, 24),
        D(2025, 5, 30),
        True,
    ),
]


@pytest.mark.parametrize(
    ("quote", "anchor", "expression", "edtf", "start", "end", "inferred"), ARTICLE_EXPRESSIONS
)
def test_article_expression_resolves(
    quote: str,
    anchor: str | None,
    expression: str,
    edtf: str,
    start: dt.date,
    end: dt.date,
    inferred: bool,
) -> None:
    [resolved] = resolve_all(quote, context(anchor))
    assert resolved.expression == expression
    assert (resolved.edtf, resolved.bounds.start, resolved.bounds.end) == (edtf, start, end)
    assert resolved.explicit is not inferred
    assert resolved.bounds == edtf_bounds(edtf)


def test_the_article_holds_no_other_date_expression() -> None:
    text = read_seed(default_seed_dir()).texts["pravda-ru-2025-05-23-prisoner-exchange"]
    found = [r.expression for r in resolve_all(text, context())]
    assert found == [
        "May 16",
        "Immediately after",
        "May 19",
        "the fall of 2022",
        "March 2025",
        "A year earlier",
        "April 19, 2025",
        "the eve of Easter",
        "The day before",
        'in the "coming days',
        "Friday, March 23",
        "Currently",
    ]


def test_weekday_is_kept_for_checking() -> None:
    [resolved] = resolve_all("On Friday, March 23", context())
    assert resolved.weekday == "Friday"
    assert resolved.bounds.start.strftime("%A") == "Sunday"


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("on 16 May 2025", "2025-05-16"),
        ("on Monday, May 19, 2025", "2025-05-19"),
        ("in spring 2024", "2024-21"),
        ("in the summer of 2023", "2023-22"),
        ("in the winter of 2022", "2022-24"),
        ("in autumn 2021", "2021-23"),
        ("in 2014", "2014"),
        ("the next day", "2025-05-24"),
        ("three days later", "2025-05-26"),
        ("a year ago", "2024~"),
        ("today", "2025-05-23"),
    ],
)
def test_other_forms(text: str, edtf: str) -> None:
    [resolved] = resolve_all(text, context())
    assert resolved.edtf == edtf


def test_eve_of_easter_is_a_set_when_the_churches_differ() -> None:
    [resolved] = resolve_all("on the eve of Easter", context("2024-05-01"))
    assert resolved.edtf == "[2024-03-30, 2024-05-04]"
    assert (resolved.bounds.start, resolved.bounds.end) == (D(2024, 3, 30), D(2024, 5, 4))
    [orthodox] = resolve_all("on the eve of Orthodox Easter", context("2024-05-01"))
    assert orthodox.edtf == "2024-05-04"


@pytest.mark.parametrize(
    ("year", "western", "orthodox"),
    [
        (2022, D(2022, 4, 17), D(2022, 4, 24)),
        (2023, D(2023, 4, 9), D(2023, 4, 16)),
        (2024, D(2024, 3, 31), D(2024, 5, 5)),
        (2025, D(2025, 4, 20), D(2025, 4, 20)),
    ],
)
def test_easter(year: int, western: dt.date, orthodox: dt.date) -> None:
    assert easter(year) == western
    assert easter(year, orthodox=True) == orthodox


def test_counting_days_needs_a_day() -> None:
    with pytest.raises(ValueError, match="anchor dated to the day"):
        resolve_all("The day before", context("2025-03"))


def test_impossible_calendar_date() -> None:
    with pytest.raises(ValueError, match="not a calendar date"):
        resolve_all("on February 30", context())


PUBLISHED = dt.date(2025, 6, 14)  # a Saturday

# (sentence, expression found, EDTF) for an article published on PUBLISHED
PHRASES = [
    ("On Friday, the sides exchanged prisoners.", "On Friday", "2025-06-13"),
    ("On Tuesday, the talks resumed.", "On Tuesday", "2025-06-10"),
    ("On Friday, 270 servicemen came home.", "On Friday", "2025-06-13"),
    ("The next stage will take place on Tuesday.", "on Tuesday", "2025-06-17"),
    ("They met last Saturday.", "last Saturday", "2025-06-07"),
    ("Talks are expected next Monday.", "next Monday", "2025-06-16"),
    ("The lists were compiled last week.", "last week", "2025-06-02/2025-06-08"),
    ("All will be home by the end of June.", "by the end of June", "2025-06-14/2025-06-30"),
    ("It is due by the end of the month.", "by the end of the month", "2025-06-14/2025-06-30"),
    ("The talks in June stalled.", "June", "2025-06"),
    ("The talks in early June stalled.", "early June", "2025-06"),
    ("Bodies were returned earlier this month.", "earlier this month", "2025-06"),
    ("Talks failed last month.", "last month", "2025-05"),
    ("Exchanges began last year.", "last year", "2024"),
    ("They met in the spring.", "in the spring", "2025-21"),
    ("They met last autumn.", "last autumn", "2024-23"),
    ("The ministry said so yesterday.", "yesterday", "2025-06-13"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "expression", "edtf"), PHRASES)
def test_phrases_counted_from_the_articles_date(sentence: str, expression: str, edtf: str) -> None:
    anchor = edtf_bounds(PUBLISHED.isoformat())
    [found] = resolve_all(sentence, Context(PUBLISHED, anchor, "the article's date"))
    assert (found.expression, found.edtf) == (expression, edtf)
    assert found.bounds == edtf_bounds(edtf)


def test_each_relative_phrase_counts_from_the_date_before_it() -> None:
    text = (
        "The first stage took place on June 2. The day before, lists were swapped. "
        "Two weeks later the next one began, and a year earlier talks had failed."
    )
    found = resolve_running(text, PUBLISHED, None)
    assert [(r.expression, r.edtf) for r in found] == [
        ("June 2", "2025-06-02"),
        ("The day before", "2025-06-01"),
        ("Two weeks later", "2025-06-15~"),
        ("a year earlier", "2024~"),
    ]


def test_a_day_is_not_counted_from_a_month_but_from_the_last_day_stated() -> None:
    text = "On June 2 the sides met. In June, talks stalled. The next day they resumed."
    found = resolve_running(text, PUBLISHED, None)
    assert [(r.expression, r.edtf) for r in found][-1] == ("The next day", "2025-06-03")


def test_a_weekday_that_is_not_the_dates_is_reported() -> None:
    [found] = resolve_all("On Sunday, June 10", Context(PUBLISHED, edtf_bounds("2025"), "x"))
    assert weekday_mismatch(found) == (
        "The text says 'Sunday, June 10', but 10 June 2025 was a Tuesday."
    )
    [right] = resolve_all("On Tuesday, June 10", Context(PUBLISHED, edtf_bounds("2025"), "x"))
    assert weekday_mismatch(right) is None
