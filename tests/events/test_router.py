"""Events: list, detail, nested records, filters."""

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.schemas import EventOut
from app.schemas import Page
from tests import factories as f


async def test_lists_published_event_with_nested_records(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    src = await f.source(session)
    russia = await f.actor(session, slug="russia", name="Russia", country_code="RU")
    mod = await f.actor(
        session, slug="russian-mod", name="Russian Ministry of Defense", kind="body"
    )
    istanbul = await f.place(session, slug="istanbul", name="Istanbul", kind="city")
    kursk = await f.place(session, slug="kursk", name="Kursk Oblast", iso_code="RU-KRS")
    ev = await f.event(
        session,
        slug="exchange-may",
        date="2025-05-23~",
        stated_by_id=mod.id,
        expected_stated_by_id=mod.id,
        **f.dated("2025-05-24/2025-05-30~", "expected"),
    )
    await f.event_place(session, ev, istanbul)
    await f.event_place(session, ev, kursk, "subject")
    await f.participant(session, ev, russia, "recipient")
    qty = await f.quantity(session, ev, recipient_id=russia.id, stated_by_id=mod.id, is_best=True)
    await f.quantity(
        session,
        ev,
        category="people",
        value=390,
        recipient_id=russia.id,
        stated_by_id=mod.id,
        basis="derived",
        total_of=["military", "civilians"],
        flags=[{"kind": "inference", "field": "value", "detail": "Added up."}],
    )
    await f.citation(session, src, "270 servicemen returned", quantity_id=qty.id, field="value")
    await f.citation(session, src, "On May 16", event_id=ev.id, field="date")
    await session.commit()

    response = await client.get("/v1/events")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    page = Page[EventOut].model_validate(response.json())
    assert page.next_cursor is None
    [item] = page.items
    assert item.slug == "exchange-may"
    assert [(p.place.slug, p.role) for p in item.places] == [
        ("istanbul", "location"),
        ("kursk", "subject"),
    ]
    assert item.stated_by is not None and item.stated_by.slug == "russian-mod"
    assert item.expected is not None
    assert (item.expected.date_label, item.expected.date_approximate) == (
        "24 May to about 30 May 2025",
        True,
    )
    assert item.expected.stated_by.slug == "russian-mod"
    assert [(p.actor.slug, p.role) for p in item.participants] == [("russia", "recipient")]
    quantity, total = item.quantities
    assert (total.basis, total.total_of, total.is_best) == (
        "derived",
        ["military", "civilians"],
        False,
    )
    assert [flag.detail for flag in total.flags] == ["Added up."]
    assert (quantity.basis, quantity.total_of, quantity.flags) == ("stated", [], [])
    assert quantity.value == 270
    assert quantity.recipient is not None and quantity.recipient.slug == "russia"
    assert quantity.stated_by is not None and quantity.stated_by.slug == "russian-mod"
    [qcite] = quantity.citations
    assert src.text[qcite.start : qcite.end] == "270 servicemen returned"
    assert qcite.source.href == f"/v1/sources/{src.slug}#char={qcite.start},{qcite.end}"
    [ecite] = item.citations
    assert (ecite.field, ecite.quote) == ("date", "On May 16")
    assert item.date == "2025-05-23~"
    assert str(item.date_start) == "2025-05-23" and item.date_precision == "day"
    assert (item.date_label, item.date_approximate, item.date_uncertain) == (
        "about 23 May 2025",
        True,
        False,
    )


async def test_detail_by_id_and_by_slug_agree(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    ev = await f.event(session)
    await session.commit()

    by_id = await client.get(f"/v1/events/{ev.id}")
    by_slug = await client.get(f"/v1/events/{ev.slug}")

    assert by_id.status_code == by_slug.status_code == 200
    assert by_id.json() == by_slug.json()
    assert EventOut.model_validate(by_id.json()).id == ev.id


async def test_draft_negotiation_is_not_shown_through_its_events(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    secret = await f.negotiation(session, slug="secret-talks", status="draft")
    await f.event(session, slug="round", negotiation_id=secret.id)
    await session.commit()

    event = (await client.get("/v1/events/round")).json()
    by_draft = await client.get("/v1/events", params={"negotiation": "secret-talks"})
    by_unknown = await client.get("/v1/events", params={"negotiation": "no-such-talks"})

    assert event["negotiation"] is None
    assert by_draft.status_code == by_unknown.status_code == 422
    assert by_draft.json()["detail"].replace("secret-talks", "X") == by_unknown.json()[
        "detail"
    ].replace("no-such-talks", "X")


async def test_drafts_are_not_public(client: httpx.AsyncClient, session: AsyncSession) -> None:
    draft = await f.event(session, status="draft")
    await f.event(session, status="retracted", slug="was-wrong")
    await session.commit()

    listed = (await client.get("/v1/events")).json()["items"]
    detail = await client.get(f"/v1/events/{draft.slug}")

    assert [e["slug"] for e in listed] == ["was-wrong"]
    assert listed[0]["status"] == "retracted"
    assert detail.status_code == 404
    assert detail.headers["content-type"] == "application/problem+json"


async def test_unknown_event_is_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/events/no-such-event")

    assert response.status_code == 404
    body = response.json()
    assert body["status"] == 404
    assert body["type"].endswith("/not-found")
    assert "no-such-event" in body["detail"]
