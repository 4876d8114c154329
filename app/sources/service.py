"""Queries over sources and citations."""

from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Text, case, func, literal, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from app.common import by_id_or_slug
from app.models import (
    Citation,
    Event,
    Negotiation,
    Outcome,
    Quantity,
    Source,
    TerritorialClaim,
)
from app.pagination import Keyset, json_page
from app.sqljson import array, as_text, dated, fetch_item, obj, one, shown, timestamps


def citation_item() -> ColumnElement[Any]:
    """One citation with its TextQuote/TextPosition selectors and a link to the span."""
    return obj(
        id=Citation.id,
        field=Citation.field,
        quote=Citation.quote,
        start=Citation.start_offset,
        end=Citation.end_offset,
        prefix=Citation.prefix,
        suffix=Citation.suffix,
        note=Citation.note,
        source=obj(
            id=Source.id,
            slug=Source.slug,
            title=Source.title,
            href=func.concat(
                literal("/v1/sources/"),
                Source.slug,
                literal("#char="),
                Citation.start_offset,
                literal(","),
                Citation.end_offset,
            ),
        ),
    )


def lead_citation(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    """The first whole-record citation matching `condition` (JSON null if none): the words a
    reader sees first, with where to read them."""
    query = (
        select(Citation.id)
        .join(Source, Source.id == Citation.source_id)
        .where(condition, Citation.field.is_(None))
        .order_by(Citation.source_id, Citation.start_offset, Citation.id)
    )
    quoted = obj(
        quote=Citation.quote,
        source=obj(
            slug=Source.slug,
            title=Source.title,
            publisher=Source.publisher,
            url=Source.url,
            href=func.concat(
                literal("/v1/sources/"),
                Source.slug,
                literal("#char="),
                Citation.start_offset,
                literal(","),
                Citation.end_offset,
            ),
        ),
    )
    return one(query, quoted)


def citations_of(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    """The citations matching `condition`, as a JSON array in text order."""
    query = select(Citation.id).join(Source, Source.id == Citation.source_id).where(condition)
    return array(query, citation_item(), Citation.source_id, Citation.start_offset, Citation.id)


def _source_fields() -> dict[str, Any]:
    return {
        "id": Source.id,
        "slug": Source.slug,
        "title": Source.title,
        "publisher": Source.publisher,
        "url": Source.url,
        "archive_url": Source.archive_url,
        "language": Source.language,
        **dated(Source, "published"),
        "published_note": Source.published_note,
        "sha256": Source.sha256,
        "length": func.char_length(Source.text),
        "text_version": Source.text_version,
        "version": Source.version,
        **timestamps(Source),
    }


KEYSET = Keyset("sources", (Source.id,), (int,), descending=False)


@cache
def source_item() -> ColumnElement[Any]:
    return obj(**_source_fields())


@cache
def source_detail_item(editor: bool) -> ColumnElement[Any]:
    """A source and every span cited in it, with its context; the full text for editors only,
    since a third party's article is quoted, not republished."""
    spans = array(
        select(Citation.id).where(Citation.source_id == Source.id, _cites_shown_record(editor)),
        obj(
            id=Citation.id,
            start=Citation.start_offset,
            end=Citation.end_offset,
            quote=Citation.quote,
            prefix=Citation.prefix,
            suffix=Citation.suffix,
            field=Citation.field,
            record=_cited_record(),
        ),
        Citation.start_offset,
        Citation.end_offset,
        Citation.id,
    )
    text = Source.text if editor else literal(None, Text)
    return obj(**_source_fields(), text=text, citations=spans)


async def list_sources(session: AsyncSession, *, limit: int, cursor: str | None) -> bytes:
    query = select(Source.id, as_text(source_item()))
    return await json_page(session, query, KEYSET, limit=limit, cursor=cursor)


async def get_source(session: AsyncSession, key: str, *, editor: bool) -> bytes | None:
    item = source_detail_item(editor)
    return await fetch_item(session, item, by_id_or_slug(Source.id, Source.slug, key))


def _cites_shown_record(editor: bool) -> ColumnElement[bool]:
    """The citation backs a record the reader may see (for the public: not a draft, nor part
    of one)."""
    if editor:
        return true()
    quantity_event = select(Quantity.event_id).where(Quantity.id == Citation.quantity_id)
    outcome_talks = select(Outcome.negotiation_id).where(Outcome.id == Citation.outcome_id)
    return or_(
        select(Event.id).where(Event.id == Citation.event_id, shown(Event.status, editor)).exists(),
        select(Event.id)
        .where(Event.id.in_(quantity_event.scalar_subquery()), shown(Event.status, editor))
        .exists(),
        select(Negotiation.id)
        .where(Negotiation.id == Citation.negotiation_id, shown(Negotiation.status, editor))
        .exists(),
        select(Negotiation.id)
        .where(Negotiation.id == outcome_talks.scalar_subquery(), shown(Negotiation.status, editor))
        .exists(),
        select(TerritorialClaim.id)
        .where(TerritorialClaim.id == Citation.claim_id, shown(TerritorialClaim.status, editor))
        .exists(),
    )


def _cited_record() -> ColumnElement[Any]:
    """Which record a citation backs, as `{"type": ..., "id": ...}`."""
    return case(
        (Citation.event_id.is_not(None), obj(type=literal("event"), id=Citation.event_id)),
        (
            Citation.quantity_id.is_not(None),
            obj(type=literal("quantity"), id=Citation.quantity_id),
        ),
        (
            Citation.negotiation_id.is_not(None),
            obj(type=literal("negotiation"), id=Citation.negotiation_id),
        ),
        (Citation.outcome_id.is_not(None), obj(type=literal("outcome"), id=Citation.outcome_id)),
        else_=obj(type=literal("claim"), id=Citation.claim_id),
    )
