"""Figures that add up: best figures never overlap, and a total agrees with its parts."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from app.models.enums import Qualifier, categories_overlap, category_ancestors


@dataclass(frozen=True)
class Figure:
    """What the rules need of one figure of an event."""

    category: str
    recipient: str | None
    value: int
    qualifier: str = Qualifier.exact.value
    is_best: bool = False
    total_of: tuple[str, ...] = ()


@dataclass
class FigureReview:
    """Problems that refuse the write, and flags that go on single figures (by index)."""

    problems: list[str] = field(default_factory=list)
    flags: dict[int, list[dict[str, Any]]] = field(default_factory=dict)


def _to(recipient: str | None) -> str:
    return f"to {recipient}" if recipient else "to an unnamed recipient"


def review_figures(figures: Sequence[Figure]) -> FigureReview:
    """Check one event's figures: no two best figures of a recipient overlap (one category
    containing the other), and each total names parts it contains and agrees with them."""
    review = FigureReview()
    best = [(i, f) for i, f in enumerate(figures) if f.is_best]
    for (i, a), (j, b) in combinations(best, 2):
        if a.recipient == b.recipient and categories_overlap(a.category, b.category):
            review.problems.append(
                f"figures {i + 1} and {j + 1} are both best figures {_to(a.recipient)}, but "
                f"{a.category!r} and {b.category!r} overlap, so their sum would count people "
                "twice; a total the source gives beside its parts is not a best figure: mark "
                "it with `total_of` and keep the parts best"
            )
    for index, total in enumerate(figures):
        if total.total_of:
            _review_total(review, index, total, figures)
    return review


def _review_total(
    review: FigureReview, index: int, total: Figure, figures: Sequence[Figure]
) -> None:
    where = f"figure {index + 1} ({total.category} {_to(total.recipient)})"
    outside = [c for c in total.total_of if total.category not in category_ancestors(c)]
    if outside:
        review.problems.append(
            f"{where} cannot be the total of {', '.join(outside)}: "
            f"{total.category!r} does not contain them"
        )
        return
    parts = [
        f
        for f in figures
        if f.is_best and f.recipient == total.recipient and f.category in total.total_of
    ]
    missing = sorted(set(total.total_of) - {f.category for f in parts})
    if missing:
        review.problems.append(
            f"{where} is the total of {', '.join(total.total_of)}, but there is no best "
            f"{' or '.join(missing)} figure {_to(total.recipient)} to add up"
        )
        return
    exact = Qualifier.exact.value
    if total.qualifier != exact or any(f.qualifier != exact for f in parts):
        return
    added = sum(f.value for f in parts)
    if added != total.value:
        detail = (
            f"The source gives {total.value} as the total, but its parts "
            f"({' + '.join(str(f.value) for f in parts)}) add up to {added}."
        )
        review.flags.setdefault(index, []).append(
            {"kind": "discrepancy", "field": "value", "detail": detail, "chosen": total.value}
        )
