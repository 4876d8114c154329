"""Search across kinds: each kind's matching rows as hits of one shape, ranked together.

A common word matches much of a table: each kind ranks at most its `CANDIDATES` newest matches
(read newest first from the index of dates, so a word in every record costs no more than a rare
one), and only the hits of the page are written out (a headline costs far more than a score).
"""

from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    bindparam,
    case,
    cast,
    func,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Actor, Event, Negotiation, Place, TerritorialClaim
from app.pagination import Keyset, run_page
from app.search import bound_tsquery, matches_bound, parse
from app.sqljson import AnySelect, as_text, obj, shown

KINDS = ("event", "claim", "negotiation", "actor", "place")
EDITORIAL = ("event", "claim", "negotiation")
CANDIDATES = 2000
"""The newest matches of each kind that are ranked; older ones are not found."""
HEADLINE = "MaxFragments=2, MinWords=6, MaxWords=24, StartSel=<mark>, StopSel=</mark>"


def _score(model: Any) -> ColumnElement[int]:
    return cast(func.ts_rank_cd(model.search, bound_tsquery()) * 1_000_000, Integer)


def _newest_first(kind: str, model: Any) -> list[ColumnElement[Any]]:
    if kind == "claim":
        return [model.as_of_start.desc(), model.as_of_end.desc(), model.id.desc()]
    if kind == "event":
        return [model.date_start.desc(), model.date_end.desc(), model.id.desc()]
    return [model.id.desc()]


def _hits(kind: str, model: Any, *, editor: bool) -> AnySelect:
    """The kind's newest matches as sort keys: (score, the kind's rank, id)."""
    newest = select(model.id).where(matches_bound(model.search))
    if kind in EDITORIAL:
        newest = newest.where(shown(model.status, editor))
    candidates = newest.order_by(*_newest_first(kind, model)).limit(bindparam("candidates"))
    return select(
        _score(model).label("score"),
        literal(KINDS.index(kind)).label("rank"),
        model.id.label("id"),
    ).where(model.id.in_(candidates.scalar_subquery()))


def _item(kind: str, model: Any, row_id: Any) -> ColumnElement[Any]:
    """The hit for the row `row_id` names, as JSON text."""
    editorial = kind in EDITORIAL
    title = model.title if editorial else model.name
    words = (
        func.concat(model.title, ". ", model.summary)
        if editorial
        else func.concat(model.name, ". ", func.array_to_string(model.aliases, ", "))
    )
    tsquery = bound_tsquery()
    date = model.as_of_label if kind == "claim" else model.date_label if editorial else null()
    plural = {"claim": "claims"}.get(kind, f"{kind}s")
    item = obj(
        kind=literal(kind),
        id=model.id,
        slug=model.slug,
        title=title,
        snippet=func.ts_headline("english", words, tsquery, HEADLINE),
        score=_score(model),
        date_label=date,
        status=model.status if editorial else null(),
        href=func.concat(f"/v1/{plural}/", model.slug),
    )
    return select(as_text(item)).where(model.id == row_id).scalar_subquery()


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
    values = {"tsquery": query.tsquery, "candidates": CANDIDATES}
    return await run_page(session, statement, keyset, values, limit=limit, cursor=cursor)


@lru_cache(maxsize=64)
def _page(kinds: tuple[str, ...], *, editor: bool, after: bool) -> tuple[Keyset, AnySelect]:
    """Hits of these kinds, ranked, for the query bound as `:tsquery`."""
    rows = union_all(*(_hits(k, MODELS[k], editor=editor) for k in kinds)).subquery()
    ranked = Keyset(
        "search", (rows.c.score, rows.c.rank, rows.c.id), (int, int, int), descending=True
    )
    keys = ranked.paged(select(rows.c.score, rows.c.rank, rows.c.id), after=after).subquery()
    item = case(*((keys.c.rank == KINDS.index(k), _item(k, MODELS[k], keys.c.id)) for k in kinds))
    keyset = Keyset("search", (keys.c.score, keys.c.rank, keys.c.id), ranked.kinds, descending=True)
    page = select(keys.c.score, keys.c.rank, keys.c.id, item.label("item"))
    return keyset, page.order_by(*keyset.order_by())
