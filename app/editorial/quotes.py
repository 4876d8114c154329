"""Quotes located in a source text: W3C TextQuote (exact, prefix, suffix) + TextPosition."""

from dataclasses import dataclass

CONTEXT = 32
"""Characters of prefix and suffix kept around a quote, enough to re-anchor it."""


@dataclass(frozen=True)
class Span:
    """A quote at `start`..`end` (Unicode code points, end exclusive) of a text."""

    quote: str
    start: int
    end: int
    prefix: str
    suffix: str


class QuoteError(ValueError):
    """A quote that is not in the text, or is there more than once without saying which."""


def occurrences(text: str, quote: str) -> list[int]:
    """Start offsets of every occurrence of `quote` in `text`, overlapping ones included."""
    found: list[int] = []
    start = text.find(quote)
    while start != -1:
        found.append(start)
        start = text.find(quote, start + 1)
    return found


def span_at(text: str, start: int, end: int) -> Span:
    return Span(
        quote=text[start:end],
        start=start,
        end=end,
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
    )


def anchor(
    text: str,
    quote: str,
    *,
    start: int | None = None,
    end: int | None = None,
    prefix: str | None = None,
    suffix: str | None = None,
) -> Span:
    """The span of `quote` in `text`: at the offsets given, else where it occurs, its context
    (the prefix before it, the suffix after it) choosing among repeats."""
    if not quote:
        raise QuoteError("empty quote")
    if start is not None or end is not None:
        if start is None or end is None or text[start:end] != quote:
            raise QuoteError(f"the text at {start}..{end} is not the quote {quote!r}")
        return span_at(text, start, end)
    starts = occurrences(text, quote)
    if not starts:
        raise QuoteError(f"quote not found in the text: {quote!r}")
    if len(starts) > 1:
        starts = [s for s in starts if _fits(text, s, s + len(quote), prefix, suffix)]
    if len(starts) != 1:
        raise QuoteError(
            f"quote occurs more than once; give its offsets, or a prefix or suffix that "
            f"tells which: {quote!r}"
        )
    return span_at(text, starts[0], starts[0] + len(quote))


def _fits(text: str, start: int, end: int, prefix: str | None, suffix: str | None) -> bool:
    if not prefix and not suffix:
        return False
    return (not prefix or text[:start].endswith(prefix)) and (
        not suffix or text[end:].startswith(suffix)
    )


def locate(text: str, quote: str, occurrence: int | None = None) -> Span:
    """The span of `quote` in `text` (exact match); `occurrence` (1-based) picks among repeats."""
    if not quote:
        raise QuoteError("empty quote")
    starts = occurrences(text, quote)
    if not starts:
        raise QuoteError(f"quote not found in the text: {quote!r}")
    if occurrence is None:
        if len(starts) > 1:
            raise QuoteError(
                f"quote occurs {len(starts)} times; say which with `occurrence`: {quote!r}"
            )
        occurrence = 1
    if occurrence > len(starts):
        raise QuoteError(f"quote occurs {len(starts)} times, not {occurrence}: {quote!r}")
    start = starts[occurrence - 1]
    return span_at(text, start, start + len(quote))
