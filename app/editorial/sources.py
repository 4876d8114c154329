"""A source's text, once cited, is only ever replaced by a new version: the old text is kept,
and every citation is re-anchored in the new one by its quote and context, or its record is
flagged where the quote is gone."""

import hashlib

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.editorial.numbers import RAISED, flag
from app.editorial.quotes import QuoteError, Span, anchor, occurrences, span_at
from app.models import Citation, Event, Negotiation, Outcome, Quantity, Source, SourceVersion
from app.models import TerritorialClaim as Claim


async def citing_records(session: AsyncSession, source_id: int) -> list[tuple[str, int]]:
    """The records whose citations quote this source, locked for the correction that will
    re-anchor them (in one order, kind by kind and by id, so writers do not deadlock)."""
    quoted = select(Citation.event_id, Citation.quantity_id, Citation.negotiation_id)
    quoted = quoted.add_columns(Citation.outcome_id, Citation.claim_id).where(
        Citation.source_id == source_id
    )
    rows = (await session.execute(quoted)).all()
    quantities = [r.quantity_id for r in rows if r.quantity_id is not None]
    outcomes = [r.outcome_id for r in rows if r.outcome_id is not None]
    events = {r.event_id for r in rows if r.event_id is not None}
    if quantities:
        found = select(Quantity.event_id).where(Quantity.id.in_(quantities))
        events |= set((await session.execute(found)).scalars())
    negotiations = {r.negotiation_id for r in rows if r.negotiation_id is not None}
    if outcomes:
        found = select(Outcome.negotiation_id).where(Outcome.id.in_(outcomes))
        negotiations |= set((await session.execute(found)).scalars())
    claims = {r.claim_id for r in rows if r.claim_id is not None}
    owners: list[tuple[str, int]] = []
    for kind, model, ids in (
        ("event", Event, events),
        ("negotiation", Negotiation, negotiations),
        ("claim", Claim, claims),
    ):
        if ids:
            lock = select(model.id).where(model.id.in_(ids)).order_by(model.id)
            locked = await session.execute(lock.with_for_update(key_share=True))
            owners += [(kind, row_id) for row_id in locked.scalars()]
    return owners


async def current_text(session: AsyncSession, source_id: int) -> str:
    text: str = (
        await session.execute(select(Source.text).where(Source.id == source_id))
    ).scalar_one()
    return text


async def new_text_version(session: AsyncSession, source_id: int, old_text: str) -> int:
    """Keep the text the source had, number the new one, and re-anchor its citations.

    Returns how many citations could not be re-anchored (their records are flagged).
    """
    version: int = (
        await session.execute(
            update(Source)
            .where(Source.id == source_id)
            .values(text_version=Source.text_version + 1)
            .returning(Source.text_version)
        )
    ).scalar_one()
    await session.execute(
        insert(SourceVersion).values(
            source_id=source_id,
            text_version=version - 1,
            text=old_text,
            sha256=hashlib.sha256(old_text.encode()).hexdigest(),
        )
    )
    new_text = await current_text(session, source_id)
    lost = 0
    rows = await session.execute(
        select(Citation.id, Citation.quote, Citation.prefix, Citation.suffix).where(
            Citation.source_id == source_id
        )
    )
    for citation_id, quote, prefix, suffix in rows.all():
        try:
            span = _reanchor(new_text, quote, prefix, suffix)
        except QuoteError:
            lost += 1
            await _flag_owner(session, citation_id, quote, version)
            continue
        await session.execute(
            update(Citation)
            .where(Citation.id == citation_id)
            .values(
                start_offset=span.start, end_offset=span.end, prefix=span.prefix, suffix=span.suffix
            )
        )
    return lost


def _reanchor(text: str, quote: str, prefix: str, suffix: str) -> Span:
    """The quote's place in a new text: where it occurs once, else where its context fits
    best (the longest run of its prefix before it and its suffix after it)."""
    starts = occurrences(text, quote)
    if len(starts) == 1:
        return span_at(text, starts[0], starts[0] + len(quote))
    if not starts:
        raise QuoteError(f"quote not found in the text: {quote!r}")
    try:
        return anchor(text, quote, prefix=prefix, suffix=suffix)
    except QuoteError:

        def fit(start: int) -> int:
            before = text[:start]
            after = text[start + len(quote) :]
            left = next((n for n in range(len(prefix), 0, -1) if before.endswith(prefix[-n:])), 0)
            right = next((n for n in range(len(suffix), 0, -1) if after.startswith(suffix[:n])), 0)
            return left + right

        best = max(starts, key=fit)
        return span_at(text, best, best + len(quote))


async def _flag_owner(session: AsyncSession, citation_id: int, quote: str, version: int) -> None:
    """Flag the record a citation backs: its quote is gone from the source's new text."""
    c = (await session.execute(select(Citation).where(Citation.id == citation_id))).scalar_one()
    note = (
        flag(
            "discrepancy",
            "citations",
            f"The quote {quote!r} is no longer in the corrected text (version {version}) of its "
            "source; an editor must cite the new text.",
            quote,
        )
        | RAISED
    )
    target: type[Event] | type[Negotiation] | type[Claim]
    row_id: int | None
    if c.event_id is not None or c.quantity_id is not None:
        event_id = (
            c.event_id
            or (
                await session.execute(select(Quantity.event_id).where(Quantity.id == c.quantity_id))
            ).scalar_one()
        )
        target, row_id = Event, event_id
    elif c.negotiation_id is not None or c.outcome_id is not None:
        negotiation_id = (
            c.negotiation_id
            or (
                await session.execute(
                    select(Outcome.negotiation_id).where(Outcome.id == c.outcome_id)
                )
            ).scalar_one()
        )
        target, row_id = Negotiation, negotiation_id
    else:
        target, row_id = Claim, c.claim_id
    flags = (await session.execute(select(target.flags).where(target.id == row_id))).scalar_one()
    await session.execute(update(target).where(target.id == row_id).values(flags=[*flags, note]))
