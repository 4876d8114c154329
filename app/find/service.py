"""Search across kinds: each kind's matching rows as hits of one shape, ranked together."""

from functools import lru_cache
from typing import Any

from sqlalchemy import Integer, cast, func, literal, null, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Actor, Event, Negotiation, Place, TerritorialClaim
from app.pagination import Keyset, run_page
from app.search import bound_tsquery, matches_bound, parse
from app.sqljson import AnySelect, as_text, obj, shown

KINDS = ("event", "claim", "negotiation", "actor", "place")
HEADLINE = "MaxFragments=2, MinWords=6, MaxWords=24, StartSel=<mark>, StopSel=</mark>"


def _hits(kind: str, model: Any, *, editor: bool) -> AnySelect:
    editorial = kind in ("event", "claim", "negotiation")
    title = model.title if editorial else model.name
    words = (
        func.concat(model.title, ". ", model.summary)
        if editorial
        else func.concat(model.name, ". ", func.array_to_string(model.aliases, ", "))
    )
    tsquery = bound_tsquery()
    score = cast(func.ts_rank_cd(model.search, tsquery) * 1_000_000, Integer)
    date = model.as_of_label if kind == "claim" else model.date_label if editorial else null()
    plural = {"claim": "claims"}.get(kind, f"{kind}s")
    item = obj(
        kind=literal(kind),
        id=model.id,
        slug=model.slug,
        title=title,
        snippet=func.ts_headline("english", words, tsquery, HEADLINE),
        score=score,
        date_label=date,
        status=model.status if editorial else null(),
        href=func.concat(f"/v1/{plural}/", model.slug),
    )
    rows = select(
        score.label("score"),
        literal(KINDS.index(kind)).label("rank"),
        model.id.label("id"),
        as_text(item).label("item"),
    ).where(matches_bound(model.search))
    if editorial:
        rows = rows.where(shown(model.status, editor))
    return rows


MODELS = {
    "event": Event,
    "claim": TerritorialClaim,
    "negotiation": Negotiation,
    "actor": Actor,
    "place": Place,
}


async def search(
    session: AsyncSession,
    q: str,
    *,
    kinds: list[str],
    editor: bool,
    limit: int,
    cursor: str | None,
) -> bytes:
    query = await parse(session, q)
    wanted = tuple(k for k in KINDS if not kinds or k in kinds)
    if query is None or not wanted:
        return b'{"items":[],"next_cursor":null}'
    keyset, statement = _page(wanted, editor=editor, after=cursor is not None)
    values = {"tsquery": query.tsquery}
    return await run_page(session, statement, keyset, values, limit=limit, cursor=cursor)


@lru_cache(maxsize=64)
def _page(kinds: tuple[str, ...], *, editor: bool, after: bool) -> tuple[Keyset, AnySelect]:
    """Hits of these kinds, ranked, for the query bound as `:tsquery`."""
    rows = union_all(*(_hits(k, MODELS[k], editor=editor) for k in kinds)).subquery()
    keyset = Keyset(
        "search", (rows.c.score, rows.c.rank, rows.c.id), (int, int, int), descending=True
    )
    page = select(rows.c.score, rows.c.rank, rows.c.id, rows.c.item)
    return keyset, keyset.paged(page, after=after)
