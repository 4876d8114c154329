"""What a seed run did, or would do: counts, flags, coverage."""

from collections import Counter
from dataclasses import dataclass, field

from app.seed.coverage import Coverage
from app.seed.plan import RowFlag

ACTIONS = ("created", "updated", "unchanged", "kept")
"""`kept`: an editor changed the record since the seed wrote it; the seed leaves it be."""


@dataclass
class SeedReport:
    dry_run: bool
    sources: list[str]
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    kept: list[tuple[str, str]] = field(default_factory=list)
    flags: list[RowFlag] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)

    def record(self, kind: str, slug: str, action: str) -> None:
        self.counts.setdefault(kind, Counter())[action] += 1
        if action in {"created", "updated"}:
            self.changes.append((kind, slug, action))
        elif action == "kept":
            self.kept.append((kind, slug))

    @property
    def created(self) -> int:
        return sum(c["created"] for c in self.counts.values())

    @property
    def updated(self) -> int:
        return sum(c["updated"] for c in self.counts.values())

    @property
    def changed(self) -> int:
        return self.created + self.updated

    @property
    def complete(self) -> bool:
        return all(c.complete for c in self.coverage)

    def render(self) -> str:
        return "\n".join(
            [
                *self._header(),
                *self._counts(),
                *self._flags(),
                *self._coverage(),
            ]
        )

    def _header(self) -> list[str]:
        mode = "dry run: nothing written" if self.dry_run else "written"
        return [f"Seed from {', '.join(self.sources)} ({mode})", ""]

    def _counts(self) -> list[str]:
        lines = [f"{'records':<14}" + "".join(f"{a:>11}" for a in ACTIONS)]
        for kind, counts in self.counts.items():
            lines.append(f"  {kind:<12}" + "".join(f"{counts[a]:>11}" for a in ACTIONS))
        total = Counter[str]()
        for counts in self.counts.values():
            total.update(counts)
        lines.append(f"  {'total':<12}" + "".join(f"{total[a]:>11}" for a in ACTIONS))
        if not self.changed:
            lines.append(
                "No changes written."
                if self.kept
                else "No changes: every record already matches the seed."
            )
        else:
            verb = "would be" if self.dry_run else ""
            lines.append(f"Changes{' (' + verb + ')' if verb else ''}:")
            lines += [f"  {action:<9} {kind} {slug}" for kind, slug, action in self.changes]
        if self.kept:
            lines.append("Kept as edited since the last seed (not overwritten):")
            lines += [f"  {kind} {slug}" for kind, slug in self.kept]
        if self.totals:
            rows = ", ".join(f"{name} {n}" for name, n in self.totals.items())
            lines.append(f"Child rows in the seed: {rows}")
        return lines

    def _flags(self) -> list[str]:
        by_kind = Counter(str(f.flag["kind"]) for f in self.flags)
        summary = ", ".join(f"{kind} {n}" for kind, n in sorted(by_kind.items())) or "none"
        lines = ["", f"Flags ({len(self.flags)}: {summary}):"]
        last: tuple[str, str] | None = None
        for f in self.flags:
            if (f.kind, f.slug) != last:
                lines.append(f"  {f.kind} {f.slug}")
                last = (f.kind, f.slug)
            where = f" {f.flag['field']}" if f.flag.get("field") else ""
            chosen = f" (chosen: {f.flag['chosen']})" if f.flag.get("chosen") is not None else ""
            lines.append(f"    [{f.flag['kind']}]{where}: {f.flag['detail']}{chosen}")
        return lines

    def _coverage(self) -> list[str]:
        lines = ["", "Coverage:"]
        for c in self.coverage:
            lines.append(
                f"  {c.source}: {c.cited} of {c.sentences - len(c.excluded)} sentences cited"
                f" ({len(c.excluded)} excluded), {c.char_share:.1%} of their characters quoted"
            )
            lines += [f"    excluded {e.sentence.text!r}: {e.reason}" for e in c.excluded]
            if c.uncited:
                lines += [f"    UNCITED {s.start}-{s.end}: {s.text!r}" for s in c.uncited]
            else:
                lines.append("    every sentence is cited")
        return lines
