"""Negotiations: parties, delegations, outcomes linked to the events that deliver them."""

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Delegation, DelegationMember, OutcomeEvent
from app.negotiations.schemas import NegotiationOut
from app.schemas import Page
from tests import factories as f


async def test_negotiation_with_everything_nested(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    src = await f.source(session)
    istanbul = await f.place(session, slug="istanbul", kind="city", iso_code="TR-34")
    russia = await f.actor(session, slug="russia")
    ukraine = await f.actor(session, slug="ukraine")
    turkey = await f.actor(session, slug="turkey")
    medinsky = await f.actor(session, slug="vladimir-medinsky", kind="person")
    umerov = await f.actor(session, slug="rustem-umerov", kind="person")
    talks = await f.negotiation(session, slug="istanbul-2025", venue_id=istanbul.id)
    for who, role in ((russia, "party"), (ukraine, "party"), (turkey, "proposer")):
        await f.negotiation_party(session, talks, who, role)
    delegation = await f.add(
        session, Delegation(negotiation_id=talks.id, side_id=russia.id, head_id=medinsky.id)
    )
    await f.add(session, DelegationMember(delegation_id=delegation.id, actor_id=medinsky.id))
    agreed = await f.outcome(
        session,
        talks,
        slug="exchange-agreed",
        stated_by_id=umerov.id,
        delivery="in_progress",
        delivery_stated_by_id=medinsky.id,
        **f.dated("2025-05-23", "delivery_as_of"),
    )
    await f.outcome(session, talks, slug="date-agreed", kind="not_agreed", date="2025-05~")
    exchange = await f.event(session, slug="exchange", negotiation_id=talks.id)
    second = await f.event(session, slug="second-exchange", date="2025-05-20")
    hidden = await f.event(session, slug="draft-exchange", status="draft")
    await f.add(session, OutcomeEvent(outcome_id=agreed.id, event_id=exchange.id, stage=2))
    await f.add(session, OutcomeEvent(outcome_id=agreed.id, event_id=second.id, stage=1))
    await f.add(session, OutcomeEvent(outcome_id=agreed.id, event_id=hidden.id, stage=3))
    talk_round = await f.event(
        session, slug="round-one", type="negotiation_round", negotiation_id=talks.id
    )
    await f.citation(session, src, "the delegations met in Istanbul", negotiation_id=talks.id)
    await f.citation(session, src, "270 servicemen returned", outcome_id=agreed.id)
    await session.commit()

    page = Page[NegotiationOut].model_validate((await client.get("/v1/negotiations")).json())
    detail = NegotiationOut.model_validate(
        (await client.get("/v1/negotiations/istanbul-2025")).json()
    )

    assert page.items == [detail]
    assert detail.venue is not None and detail.venue.iso_code == "TR-34"
    assert {(p.actor.slug, p.role) for p in detail.parties} == {
        ("russia", "party"),
        ("ukraine", "party"),
        ("turkey", "proposer"),
    }
    [delegation_out] = detail.delegations
    assert delegation_out.side.slug == "russia"
    assert delegation_out.head is not None and delegation_out.head.slug == "vladimir-medinsky"
    assert [m.actor.slug for m in delegation_out.members] == ["vladimir-medinsky"]
    outcome, other = detail.outcomes
    assert outcome.stated_by is not None and outcome.stated_by.slug == "rustem-umerov"
    assert (outcome.date, outcome.date_label) == ("2025-05-16", "16 May 2025")
    assert outcome.delivery is not None
    assert (outcome.delivery.state, outcome.delivery.as_of_label) == ("in_progress", "23 May 2025")
    assert outcome.delivery.stated_by.slug == "vladimir-medinsky"
    assert [(s.stage, s.event.slug) for s in outcome.stages] == [
        (1, "second-exchange"),
        (2, "exchange"),
    ]
    assert (other.delivery, other.stages, other.date_label) == (None, [], "about May 2025")
    assert [c.quote for c in outcome.citations] == ["270 servicemen returned"]
    assert [r.slug for r in detail.rounds] == [talk_round.slug]
    assert [c.quote for c in detail.citations] == ["the delegations met in Istanbul"]


async def test_negotiation_filters(client: httpx.AsyncClient, session: AsyncSession) -> None:
    russia = await f.actor(session, slug="russia")
    await f.negotiation(session, slug="direct-talks", date="2025-05-16")
    mediated = await f.negotiation(
        session, slug="mediated-talks", format="mediated", phase="deadlocked", date="2022-03"
    )
    await f.negotiation_party(session, mediated, russia)
    await f.indexed(session)

    async def slugs(**params: object) -> list[str]:
        body = (await client.get("/v1/negotiations", params=params)).json()  # type: ignore[arg-type]
        return [item["slug"] for item in body["items"]]

    assert await slugs() == ["direct-talks", "mediated-talks"]
    assert await slugs(format="mediated") == ["mediated-talks"]
    assert await slugs(phase="ongoing") == ["direct-talks"]
    assert await slugs(actor="russia") == ["mediated-talks"]
    assert await slugs(**{"from": "2023"}) == ["direct-talks"]
    assert await slugs(to="2022-12-31") == ["mediated-talks"]
    assert await slugs(q="Test talks") == ["direct-talks", "mediated-talks"]
