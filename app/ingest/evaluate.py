"""How well extraction finds what articles state: each article beside a gold list of its dates,
figures, actors, places and types (format: tests/ingest/articles/README.md), scored per field
as recall (what the gold lists, found) and precision (what was found, in the gold)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from app.ingest.extract import Extraction
from app.ingest.text import fold

FIELDS = ("dates", "figures", "actors", "places", "types")
MIN_RECALL = 0.9
MIN_PRECISION = 0.8


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    recalled: int = 0
    """Gold items found."""
    correct: int = 0
    """Items found that the gold lists."""
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.recalled / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    def add(self, other: "Score") -> None:
        self.gold += other.gold
        self.found += other.found
        self.recalled += other.recalled
        self.correct += other.correct
        self.misses += other.misses
        self.extras += other.extras

    @property
    def passes(self) -> bool:
        return self.recall >= MIN_RECALL and self.precision >= MIN_PRECISION


@dataclass(frozen=True)
class Gold:
    name: str
    text: str
    published: dt.date
    facts: dict[str, Any]


def load(directory: Path) -> list[Gold]:
    """Every `NAME.txt` of `directory` with its gold list `NAME.yaml`."""
    golds = []
    for article in sorted(directory.glob("*.txt")):
        facts = yaml.safe_load(article.with_suffix(".yaml").read_text(encoding="utf-8"))
        published = facts["published"]
        if isinstance(published, str):
            published = dt.date.fromisoformat(published)
        golds.append(Gold(article.stem, article.read_text(encoding="utf-8"), published, facts))
    return golds


def _span(text: str, quoted: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = fold(text).find(fold(quoted), start + 1)
        if start < 0:
            raise ValueError(f"{quoted!r} is not in the article")
    return start, start + len(quoted)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _spans(
    gold: list[tuple[tuple[int, int], Any]],
    found: list[tuple[tuple[int, int], Any]],
    label: Callable[[Any], str],
) -> Score:
    score = Score(gold=len(gold), found=len(found))
    used: set[int] = set()
    for span, key in gold:
        hit = next(
            (
                i
                for i, (s, k) in enumerate(found)
                if i not in used and k == key and _overlaps(s, span)
            ),
            None,
        )
        if hit is None:
            score.misses.append(label(key))
        else:
            used.add(hit)
            score.recalled += 1
    score.correct = len(used)
    score.extras = [label(k) for i, (_, k) in enumerate(found) if i not in used]
    return score


def _sets(gold: set[str], found: set[str]) -> Score:
    return Score(
        gold=len(gold),
        found=len(found),
        recalled=len(gold & found),
        correct=len(gold & found),
        misses=sorted(gold - found),
        extras=sorted(found - gold),
    )


def score(gold: Gold, x: Extraction) -> dict[str, Score]:
    """Each field's score for one article."""
    facts = gold.facts
    dates = [
        (_span(gold.text, d["text"], d.get("occurrence", 1)), str(d["edtf"]))
        for d in facts.get("dates") or []
    ]
    found_dates = [((s.start + r.start, s.start + r.end), r.edtf) for s, r in x.dates]
    figures = [
        (
            _span(gold.text, f["text"], f.get("occurrence", 1)),
            (int(f["value"]), f["category"], f.get("qualifier") or "exact", f.get("recipient")),
        )
        for f in facts.get("figures") or []
    ]
    found_figures = [
        ((f.start, f.end), (int(f.value), f.category.value, f.qualifier.value, f.recipient))
        for f in x.figures
    ]
    return {
        "dates": _spans(dates, found_dates, str),
        "figures": _spans(figures, found_figures, str),
        "actors": _sets(set(facts.get("actors") or []), {m.slug for m in x.actors}),
        "places": _sets(set(facts.get("places") or []), {m.slug for m in x.places}),
        "types": _sets(set(facts.get("types") or []), {c.type for c in x.candidates}),
    }


def report(scores: dict[str, dict[str, Score]]) -> tuple[str, bool]:
    """A table of every field's recall and precision over all articles, and whether each
    meets the bar."""
    totals = {name: Score() for name in FIELDS}
    lines = []
    for article, fields in scores.items():
        for name in FIELDS:
            totals[name].add(fields[name])
            s = fields[name]
            for miss in s.misses:
                lines.append(f"  {article}: {name} missed {miss}")
            for extra in s.extras:
                lines.append(f"  {article}: {name} extra {extra}")
    table = [f"{'field':<8} {'gold':>5} {'found':>5} {'recall':>7} {'precision':>9}"]
    for name in FIELDS:
        s = totals[name]
        mark = "" if s.passes else "  below the bar"
        table.append(
            f"{name:<8} {s.gold:>5} {s.found:>5} {s.recall:>7.1%} {s.precision:>9.1%}{mark}"
        )
    bar = f"bar: recall >= {MIN_RECALL:.0%} and precision >= {MIN_PRECISION:.0%} per field"
    return "\n".join([*table, bar, *lines]), all(s.passes for s in totals.values())
