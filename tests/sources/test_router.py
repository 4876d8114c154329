"""Sources: metadata in lists, full text and every cited span in detail."""

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.schemas import Page
from app.sources.schemas import SourceDetailOut, SourceOut
from tests import factories as f


async def test_source_detail_has_text_for_editors_and_spans_for_all(
    client: httpx.AsyncClient, session: AsyncSession, editor: dict[str, str]
) -> None:
    src = await f.source(session, slug="article", text="Ünïcode first. 270 returned. Then more.")
    ev = await f.event(session)
    await f.citation(session, src, "270 returned", event_id=ev.id)
    await session.commit()

    listed = Page[SourceOut].model_validate((await client.get("/v1/sources")).json())
    public = SourceDetailOut.model_validate((await client.get("/v1/sources/article")).json())
    response = await client.get("/v1/sources/article", headers=editor)
    assert response.status_code == 200, response.text
    detail = SourceDetailOut.model_validate(response.json())

    assert [s.slug for s in listed.items] == ["article"]
    assert "text" not in (await client.get("/v1/sources")).json()["items"][0]
    assert public.text is None
    assert public.citations == detail.citations
    assert (public.citations[0].prefix, public.citations[0].suffix) == (
        "Ünïcode first. ",
        ". Then more.",
    )
    assert detail.text == src.text
    assert detail.length == len(src.text)
    [span] = detail.citations
    assert detail.text[span.start : span.end] == "270 returned"
    assert span.start == 15  # code points, not UTF-8 bytes
    assert (span.record.type, span.record.id) == ("event", ev.id)


async def test_source_detail_leaves_out_spans_of_drafts_for_the_public(
    client: httpx.AsyncClient, session: AsyncSession, editor: dict[str, str]
) -> None:
    src = await f.source(session, slug="article")
    public = await f.event(session)
    draft = await f.event(session, status="draft")
    draft_talks = await f.negotiation(session, status="draft")
    outcome = await f.outcome(session, draft_talks)
    await f.citation(session, src, "270 servicemen returned", event_id=public.id)
    await f.citation(session, src, "On May 16", event_id=draft.id)
    await f.citation(session, src, "the delegations met", negotiation_id=draft_talks.id)
    await f.citation(session, src, "controlled 99%", outcome_id=outcome.id)
    draft_figure = await f.quantity(session, draft)
    await f.citation(session, src, "Moscow said", quantity_id=draft_figure.id)
    await session.commit()

    detail = SourceDetailOut.model_validate((await client.get("/v1/sources/article")).json())
    edited = await client.get("/v1/sources/article", headers=editor)

    assert [span.quote for span in detail.citations] == ["270 servicemen returned"]
    assert edited.status_code == 200, edited.text
    assert len(edited.json()["citations"]) == 5
