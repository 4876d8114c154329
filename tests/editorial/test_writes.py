"""Editorial writes through the API: drafts, preconditions, corrections, retractions, history."""

import datetime as dt
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.schemas import EventOut
from app.models import Change, Event, Revision
from tests.editorial.desk import (
    SOURCE,
    TEXT,
    cite,
    claim_body,
    create,
    event_body,
    newsroom,
    publish,
)


@pytest.fixture(autouse=True)
async def desk(session: AsyncSession) -> None:
    await newsroom(session)


async def test_a_new_record_is_a_draft_that_only_editors_see(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    response = await create(client, editor, "/v1/events", event_body())

    assert response.headers["location"] == "/v1/events/may-exchange"
    created = EventOut.model_validate(response.json())
    assert (created.status, created.version, created.verification) == ("draft", 1, "one_side")
    assert created.date_label == "16 May 2025"
    assert created.stated_by is not None and created.stated_by.slug == "ministry"
    [figure] = created.quantities
    [citation] = figure.citations
    assert TEXT[citation.start : citation.end] == citation.quote == "270 servicemen"
    assert TEXT[: citation.start].endswith(citation.prefix) and citation.prefix
    assert (
        response.headers["etag"]
        == (await client.get("/v1/events/may-exchange", headers=editor)).headers["etag"]
    )
    assert (await client.get("/v1/events/may-exchange")).status_code == 404
    assert (await client.get("/v1/events")).json()["items"] == []
    assert (await client.get("/v1/changes")).json()["items"] == []
    [change] = (await client.get("/v1/changes", headers=editor)).json()["items"]
    assert (change["kind"], change["slug"], change["operation"]) == (
        "event",
        "may-exchange",
        "create",
    )


async def test_writes_need_an_editors_key(
    client: httpx.AsyncClient, reader: dict[str, str]
) -> None:
    anonymous = await client.post("/v1/events", json=event_body())
    as_reader = await client.post("/v1/events", json=event_body(), headers=reader)

    assert anonymous.status_code == 401 and anonymous.headers["www-authenticate"]
    assert as_reader.status_code == 403
    assert anonymous.headers["content-type"] == "application/problem+json"


BAD: list[tuple[str, dict[str, Any], int, str]] = [
    ("quote", event_body(citations=[cite("270 soldiers came home")]), 422, "citations[0].quote"),
    ("date", event_body(date="May 16"), 422, "date"),
    ("negative", event_body(quantities=[{**event_body()["quantities"][0], "value": -1}]), 422,
     "quantities"),
    ("unknown field", event_body(colour="red"), 422, "colour"),
    ("missing actor", event_body(stated_by="nobody"), 422, "stated_by"),
    ("state speaking", event_body(stated_by="russia"), 422, "stated_by"),
    ("missing id", event_body(negotiation=987654), 422, "negotiation"),
    ("overlap", event_body(quantities=[
        event_body()["quantities"][0],
        {**event_body()["quantities"][0], "category": "people", "value": 300,
         "citations": [cite("270 servicemen", field="value")]},
    ]), 422, "quantities"),
    ("raw edtf", event_body(summary="It happened 2025-05-16~."), 422, "summary"),
    ("foreign quote", event_body(title='Russia "demanded peace"'), 422, "title"),
    ("status", event_body(status="published"), 422, "status"),
]  # fmt: skip


@pytest.mark.parametrize(("what", "body", "status", "name"), BAD, ids=[b[0] for b in BAD])
async def test_bad_input_is_a_problem_naming_the_field_and_changes_nothing(
    client: httpx.AsyncClient,
    session: AsyncSession,
    editor: dict[str, str],
    what: str,
    body: dict[str, Any],
    status: int,
    name: str,
) -> None:
    before = await _counts(session)
    response = await client.post("/v1/events", json=body, headers=editor)

    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert name in [e["name"] for e in response.json()["errors"]], response.json()
    assert await _counts(session) == before


async def _counts(session: AsyncSession) -> tuple[int, int, int]:
    return (
        (await session.execute(select(func.count()).select_from(Event))).scalar_one(),
        (await session.execute(select(func.count()).select_from(Revision))).scalar_one(),
        (await session.execute(select(func.count()).select_from(Change))).scalar_one(),
    )


@pytest.mark.parametrize(
    "field",
    [
        {"status": "published"},
        {"version": 7},
        {"id": 1},
        {"created_at": "2020-01-01T00:00:00Z"},
        {"origin": "seed", "is_admin": True},
    ],
)
async def test_server_fields_in_a_body_are_refused(
    client: httpx.AsyncClient, session: AsyncSession, editor: dict[str, str], field: dict[str, Any]
) -> None:
    before = await _counts(session)
    created = await client.post("/v1/events", json=event_body() | field, headers=editor)
    await create(client, editor, "/v1/events", event_body("patched-later"))
    current = await client.get("/v1/events/patched-later", headers=editor)
    patched = await client.patch(
        "/v1/events/patched-later",
        json=field,
        headers={**editor, "If-Match": current.headers["etag"]},
    )
    after = await client.get("/v1/events/patched-later", headers=editor)

    for refused in (created, patched):
        assert refused.status_code == 422, refused.text
        assert refused.headers["content-type"] == "application/problem+json"
    assert after.json() == current.json()
    assert after.json()["status"] == "draft"
    assert (await _counts(session))[0] == before[0] + 1


async def test_a_taken_slug_is_a_409(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    await create(client, editor, "/v1/events", event_body())
    again = await client.post("/v1/events", json=event_body(), headers=editor)
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"


async def test_a_read_body_is_a_write_body(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    await create(client, editor, "/v1/claims", claim_body())
    await create(client, editor, "/v1/events", event_body())
    for path in ("/v1/events/may-exchange", "/v1/claims/region-control"):
        read = (await client.get(path, headers=editor)).json()
        body = {
            k: v
            for k, v in read.items()
            if k not in {"id", "version", "status", "created_at", "updated_at"}
        }
        copy = await create(client, editor, path.rsplit("/", 1)[0], body | {"slug": "the-copy"})
        copied = copy.json()
        for key in ("id", "slug", "created_at", "updated_at"):
            read.pop(key)
            copied.pop(key)
        assert _without_ids(copied) == _without_ids(read)


def _without_ids(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_ids(v) for k, v in node.items() if k not in {"id", "href"}}
    if isinstance(node, list):
        return [_without_ids(v) for v in node]
    return node


async def test_a_change_needs_the_etag_of_what_the_editor_read(
    client: httpx.AsyncClient, session: AsyncSession, editor: dict[str, str]
) -> None:
    created = await create(client, editor, "/v1/events", event_body())
    etag = created.headers["etag"]
    patch = {"summary": "Both sides exchanged prisoners."}
    reason = {"X-Edit-Reason": "add a summary"}

    missing = await client.patch("/v1/events/may-exchange", json=patch, headers=editor | reason)
    no_reason = await client.patch(
        "/v1/events/may-exchange", json=patch, headers=editor | {"If-Match": etag}
    )
    done = await client.patch(
        "/v1/events/may-exchange", json=patch, headers=editor | reason | {"If-Match": etag}
    )
    stale = await client.patch(
        "/v1/events/may-exchange", json=patch, headers=editor | reason | {"If-Match": etag}
    )

    assert missing.status_code == 428
    assert no_reason.status_code == 422
    assert done.status_code == 200, done.text
    assert done.json()["summary"] == "Both sides exchanged prisoners."
    assert (done.json()["version"], done.headers["etag"] != etag) == (2, True)
    assert stale.status_code == 412 and stale.headers["etag"] == done.headers["etag"]
    history = (await client.get("/v1/events/may-exchange/revisions", headers=editor)).json()
    _, update_rev = history["items"]
    assert (update_rev["action"], update_rev["reason"], update_rev["version"]) == (
        "update",
        "add a summary",
        2,
    )
    assert update_rev["author"].startswith("test-editor")
    assert (update_rev["before"]["summary"], update_rev["after"]["summary"]) == (
        "",
        "Both sides exchanged prisoners.",
    )
    assert (await client.get("/v1/events/may-exchange/revisions")).status_code == 401


async def test_a_correction_is_public_with_its_note_and_the_past_stays_readable(
    client: httpx.AsyncClient, session: AsyncSession, editor: dict[str, str]
) -> None:
    await create(client, editor, "/v1/events", event_body())
    published = await publish(client, editor, "/v1/events/may-exchange")
    first_title = published.json()["title"]
    await session.execute(select(func.pg_sleep(0.01)))
    between = dt.datetime.now(dt.UTC)
    await session.execute(select(func.pg_sleep(0.01)))
    patch = {"title": "Exchange: 270 servicemen returned to Russia, the ministry says"}
    headers = editor | {"If-Match": published.headers["etag"], "X-Edit-Reason": "tense"}

    unnoted = await client.patch("/v1/events/may-exchange", json=patch, headers=headers)
    noted = await client.patch(
        "/v1/events/may-exchange",
        json=patch,
        headers=headers | {"X-Correction-Note": "The title now uses the past tense."},
    )

    assert unnoted.status_code == 422
    assert noted.status_code == 200, noted.text
    public = (await client.get("/v1/events/may-exchange")).json()
    assert (public["status"], public["status_note"]) == (
        "corrected",
        "The title now uses the past tense.",
    )
    [correction] = (await client.get("/v1/corrections")).json()["items"]
    assert (correction["kind"], correction["record"]["slug"], correction["note"]) == (
        "event",
        "may-exchange",
        "The title now uses the past tense.",
    )
    then = await client.get("/v1/events/may-exchange", params={"at": between.isoformat()})
    now = await client.get(
        "/v1/events/may-exchange", params={"at": dt.datetime.now(dt.UTC).isoformat()}
    )
    before = await client.get("/v1/events/may-exchange", params={"at": "2020-01-01T00:00:00Z"})
    assert then.json()["title"] == first_title and then.json()["status"] == "published"
    assert now.json()["title"] == patch["title"]
    assert before.status_code == 404


async def test_a_retracted_record_stays_readable_with_its_reason(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    await create(client, editor, "/v1/events", event_body())
    published = await publish(client, editor, "/v1/events/may-exchange")
    headers = editor | {"If-Match": published.headers["etag"]}

    retracted = await client.post(
        "/v1/events/may-exchange/retract",
        json={"note": "The ministry withdrew the figure."},
        headers=headers,
    )

    assert retracted.status_code == 200, retracted.text
    public = (await client.get("/v1/events/may-exchange")).json()
    assert (public["status"], public["status_note"]) == (
        "retracted",
        "The ministry withdrew the figure.",
    )
    [correction] = (await client.get("/v1/corrections")).json()["items"]
    assert correction["action"] == "retract"
    operations = [c["operation"] for c in (await client.get("/v1/changes")).json()["items"]]
    assert operations == ["publish", "retract"]


async def test_only_drafts_are_deleted_by_editors(
    client: httpx.AsyncClient, editor: dict[str, str], admin: dict[str, str]
) -> None:
    draft = await create(client, editor, "/v1/events", event_body("a-draft"))
    await create(client, editor, "/v1/events", event_body("kept"))
    published = await publish(client, editor, "/v1/events/kept")
    why = {"X-Edit-Reason": "duplicate"}

    gone = await client.delete(
        "/v1/events/a-draft", headers=editor | why | {"If-Match": draft.headers["etag"]}
    )
    refused = await client.delete(
        "/v1/events/kept", headers=editor | why | {"If-Match": published.headers["etag"]}
    )
    by_admin = await client.delete(
        "/v1/events/kept", headers=admin | why | {"If-Match": published.headers["etag"]}
    )

    assert (gone.status_code, refused.status_code, by_admin.status_code) == (204, 403, 204)
    assert (await client.get("/v1/events/a-draft", headers=editor)).status_code == 404
    public = [c["operation"] for c in (await client.get("/v1/changes")).json()["items"]]
    assert public == ["publish", "delete"]


async def test_a_referenced_record_cannot_be_deleted(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    await create(client, admin, "/v1/events", event_body())
    actor = await client.get("/v1/actors/ministry")
    response = await client.delete(
        "/v1/actors/ministry",
        headers=admin | {"If-Match": actor.headers["etag"], "X-Edit-Reason": "merge"},
    )
    assert response.status_code == 409


async def test_retries_with_one_idempotency_key_create_once(
    client: httpx.AsyncClient, editor: dict[str, str], admin: dict[str, str]
) -> None:
    once = {"Idempotency-Key": "create-may-exchange"}
    first = await client.post("/v1/events", json=event_body(), headers=editor | once)
    again = await client.post("/v1/events", json=event_body(), headers=editor | once)
    other_body = await client.post("/v1/events", json=event_body("other"), headers=editor | once)
    other_key_holder = await client.post(
        "/v1/events", json=event_body("theirs"), headers=admin | once
    )

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
    assert again.headers["idempotent-replayed"] == "true"
    assert other_body.status_code == 422
    assert other_key_holder.status_code == 201
    events = (await client.get("/v1/events", headers=editor)).json()["items"]
    assert sorted(e["slug"] for e in events) == ["may-exchange", "theirs"]


async def test_an_admin_restores_a_revision_as_a_new_one(
    client: httpx.AsyncClient, editor: dict[str, str], admin: dict[str, str]
) -> None:
    created = await create(client, editor, "/v1/events", event_body())
    changed = await client.patch(
        "/v1/events/may-exchange",
        json={"summary": "A wrong summary."},
        headers=editor | {"If-Match": created.headers["etag"], "X-Edit-Reason": "oops"},
    )
    first = (await client.get("/v1/events/may-exchange/revisions", headers=editor)).json()
    revision = first["items"][0]["id"]
    path = f"/v1/events/may-exchange/revisions/{revision}/restore"
    headers = {"If-Match": changed.headers["etag"], "X-Edit-Reason": "undo"}

    by_editor = await client.post(path, headers=editor | headers)
    restored = await client.post(path, headers=admin | headers)

    assert by_editor.status_code == 403
    assert restored.status_code == 200, restored.text
    assert (restored.json()["summary"], restored.json()["version"]) == ("", 3)
    history = (await client.get("/v1/events/may-exchange/revisions", headers=editor)).json()
    assert [r["action"] for r in history["items"]] == ["create", "update", "restore"]


async def test_a_rename_shows_in_every_record_that_names_the_actor(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    await create(client, editor, "/v1/events", event_body())
    actor = await client.get("/v1/actors/ministry")
    renamed = await client.patch(
        "/v1/actors/ministry",
        json={"name": "Ministry of Defence"},
        headers=editor | {"If-Match": actor.headers["etag"], "X-Edit-Reason": "full name"},
    )
    event = (await client.get("/v1/events/may-exchange", headers=editor)).json()

    assert renamed.status_code == 200, renamed.text
    assert event["stated_by"]["name"] == "Ministry of Defence"
    assert event["quantities"][0]["stated_by"]["name"] == "Ministry of Defence"


async def test_a_corrected_source_text_keeps_its_citations_anchored(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    await create(client, editor, "/v1/events", event_body())
    source = await client.get(f"/v1/sources/{SOURCE}", headers=editor)
    text = source.json()["text"]
    corrected = "Updated. " + text.replace("Moscow demanded more.", "Moscow asked for more.")

    response = await client.patch(
        f"/v1/sources/{SOURCE}",
        json={"text": corrected},
        headers=editor | {"If-Match": source.headers["etag"], "X-Edit-Reason": "publisher fix"},
    )

    assert response.status_code == 200, response.text
    assert (response.json()["text_version"], response.json()["text"]) == (2, corrected)
    event = (await client.get("/v1/events/may-exchange", headers=editor)).json()
    for citation in [*event["citations"], *event["quantities"][0]["citations"]]:
        assert corrected[citation["start"] : citation["end"]] == citation["quote"]
    assert (await client.get(f"/v1/sources/{SOURCE}")).json()["text"] is None


async def test_a_negotiation_with_its_outcome_delivered_in_stages(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    await create(client, editor, "/v1/events", event_body())
    body = {
        "slug": "istanbul-round",
        "title": "Talks in Istanbul",
        "format": "direct",
        "phase": "ongoing",
        "date": "2025-05-16",
        "venue": "istanbul",
        "parties": [{"actor": "russia", "role": "party"}, {"actor": "ukraine", "role": "party"}],
        "outcomes": [
            {
                "slug": "istanbul-round-exchange",
                "kind": "agreed",
                "description": "An exchange of servicemen.",
                "date": "2025-05-16",
                "stated_by": "ministry",
                "delivery": {
                    "state": "in_progress",
                    "as_of": "2025-05-17",
                    "stated_by": "ministry",
                },
                "stages": [{"stage": 1, "event": "may-exchange"}],
                "citations": [
                    cite("270 servicemen returned to Russia", field="delivery"),
                    cite("On May 16 the delegations met in Istanbul."),
                ],
            }
        ],
        "citations": [cite("On May 16 the delegations met in Istanbul.")],
    }
    response = await create(client, editor, "/v1/negotiations", body)
    [outcome] = response.json()["outcomes"]
    assert outcome["delivery"]["state"] == "in_progress"
    assert [(s["stage"], s["event"]["slug"]) for s in outcome["stages"]] == [(1, "may-exchange")]
    assert response.json()["verification"] == "one_side"


async def test_a_change_leaves_the_rows_it_does_not_touch(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    created = await create(client, editor, "/v1/events", event_body())
    before = created.json()
    headers = editor | {"X-Edit-Reason": "summary"}
    summary = await client.patch(
        "/v1/events/may-exchange",
        json={"summary": "One summary."},
        headers=headers | {"If-Match": created.headers["etag"]},
    )
    figures = [{**before["quantities"][0], "value": 270, "note": "Checked."}]
    noted = await client.patch(
        "/v1/events/may-exchange",
        json={"quantities": figures},
        headers=headers | {"If-Match": summary.headers["etag"]},
    )

    ids = [[q["id"] for q in r["quantities"]] for r in (before, summary.json(), noted.json())]
    citations = [[c["id"] for c in r["citations"]] for r in (before, summary.json(), noted.json())]
    assert ids[0] == ids[1] != ids[2]
    assert citations[0] == citations[1] == citations[2]
    assert noted.json()["quantities"][0]["note"] == "Checked."


async def test_the_public_sees_no_draft_and_no_full_text_anywhere(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    await create(client, editor, "/v1/events", event_body("secret-exchange"))
    await create(client, editor, "/v1/events", event_body("open-exchange"))
    await publish(client, editor, "/v1/events/open-exchange")
    await create(client, editor, "/v1/claims", claim_body("secret-claim", event="open-exchange"))
    public_paths = [
        "/v1/events",
        "/v1/events/open-exchange",
        "/v1/claims",
        "/v1/negotiations",
        "/v1/actors",
        "/v1/places",
        "/v1/sources",
        f"/v1/sources/{SOURCE}",
        "/v1/changes",
        "/v1/corrections",
    ]
    seen = ""
    for path in public_paths:
        response = await client.get(path)
        assert response.status_code == 200, (path, response.text)
        seen += response.text
    assert "secret" not in seen
    assert TEXT not in seen and TEXT[:60] not in seen
    assert (await client.get("/v1/events/secret-exchange")).status_code == 404
    assert (await client.get("/v1/claims/secret-claim")).status_code == 404

    editors_view = ""
    for path in public_paths:
        editors_view += (await client.get(path, headers=editor)).text
    assert "secret-exchange" in editors_view and "secret-claim" in editors_view
    assert TEXT in editors_view.replace("\\n", "\n")


async def _etag(client: httpx.AsyncClient, key: dict[str, str], path: str) -> str:
    return (await client.get(path, headers=key)).headers["etag"]


async def _patch(
    client: httpx.AsyncClient, key: dict[str, str], path: str, body: dict[str, Any], **headers: str
) -> httpx.Response:
    sent = key | {"If-Match": await _etag(client, key, path), "X-Edit-Reason": "test"} | headers
    return await client.patch(path, json=body, headers=sent)


async def test_a_claim_keeps_the_links_it_holds_and_shows_them_both_ways(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    await create(client, editor, "/v1/claims", claim_body("claim-a"))
    await create(client, editor, "/v1/claims", claim_body("claim-b", counter_positions=["claim-a"]))

    first = await _patch(client, editor, "/v1/claims/claim-a", {"summary": "One."})
    second = await _patch(client, editor, "/v1/claims/claim-a", {"summary": "Two."})
    unlinked = await _patch(client, editor, "/v1/claims/claim-b", {"counter_positions": []})
    a = (await client.get("/v1/claims/claim-a", headers=editor)).json()

    assert (first.status_code, second.status_code, unlinked.status_code) == (200, 200, 200)
    assert [c["slug"] for c in first.json()["counter_positions"]] == ["claim-b"]
    assert a["counter_positions"] == []


async def test_a_patch_replaces_a_reference_given_by_id(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    await create(client, editor, "/v1/events", event_body())
    wire = (await client.get("/v1/actors/wire")).json()["id"]

    response = await _patch(client, editor, "/v1/events/may-exchange", {"stated_by": {"id": wire}})

    assert response.status_code == 200, response.text
    assert (response.json()["stated_by"]["slug"], response.json()["version"]) == ("wire", 2)


async def test_a_retracted_record_stays_retracted_when_corrected(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    await create(client, editor, "/v1/events", event_body())
    await publish(client, editor, "/v1/events/may-exchange")
    path = "/v1/events/may-exchange"
    etag = await _etag(client, editor, path)
    await client.post(
        f"{path}/retract", json={"note": "Withdrawn."}, headers=editor | {"If-Match": etag}
    )

    fixed = await _patch(
        client, editor, path, {"summary": "Typo fixed."}, **{"X-Correction-Note": "A typo."}
    )

    assert fixed.status_code == 200, fixed.text
    assert (fixed.json()["status"], fixed.json()["status_note"]) == ("retracted", "Withdrawn.")


async def test_a_source_correction_and_restore_keep_every_record_accounted_for(
    client: httpx.AsyncClient, editor: dict[str, str], admin: dict[str, str]
) -> None:
    await create(client, editor, "/v1/events", event_body())
    path = f"/v1/sources/{SOURCE}"
    text = (await client.get(path, headers=editor)).json()["text"]

    corrected = await _patch(client, editor, path, {"text": "Updated. " + text})
    retitled = await _patch(client, editor, path, {"title": "A new title"})
    [first] = (await client.get(f"{path}/revisions", headers=editor)).json()["items"][:1]
    restored = await client.post(
        f"{path}/revisions/{first['id']}/restore",
        headers=admin | {"If-Match": retitled.headers["etag"], "X-Edit-Reason": "undo"},
    )

    assert (corrected.status_code, retitled.status_code) == (200, 200)
    assert restored.status_code == 200, restored.text
    assert (restored.json()["title"], restored.json()["text_version"]) == ("A test article", 2)
    assert restored.json()["text"] == "Updated. " + text
    event_history = (await client.get("/v1/events/may-exchange/revisions", headers=editor)).json()
    assert [r["action"] for r in event_history["items"]] == ["create", "update"]
    assert "re-anchored" in event_history["items"][1]["reason"]
    feed = [
        (c["kind"], c["operation"])
        for c in (await client.get("/v1/changes", headers=editor)).json()["items"]
    ]
    assert feed.count(("event", "update")) == 1


async def test_a_record_others_refer_to_is_not_deleted(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    talks = {
        "slug": "talks",
        "title": "Talks",
        "format": "direct",
        "phase": "ongoing",
        "date": "2025-05-16",
        "citations": [cite("On May 16 the delegations met in Istanbul.")],
    }
    created = await create(client, editor, "/v1/negotiations", talks)
    await create(client, editor, "/v1/events", event_body(negotiation="talks"))

    response = await client.delete(
        "/v1/negotiations/talks",
        headers=editor | {"If-Match": created.headers["etag"], "X-Edit-Reason": "tidy"},
    )

    assert response.status_code == 409
    assert "events.negotiation_id" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "name"),
    [
        (event_body(negotiation="no-such-talks"), "body"),
        (event_body(negotiation=10**20), "negotiation"),
        (event_body(quantities=[{**event_body()["quantities"][0], "high": 2**31}]), "quantities"),
    ],
)
async def test_out_of_range_references_and_figures_are_422(
    client: httpx.AsyncClient, editor: dict[str, str], body: dict[str, Any], name: str
) -> None:
    response = await client.post("/v1/events", json=body, headers=editor)
    assert response.status_code == 422, response.text
    assert name in [e["name"] for e in response.json()["errors"]]


async def test_notes_in_the_body_are_text_and_may_repeat_the_headers(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    await create(client, editor, "/v1/events", event_body())
    path = "/v1/events/may-exchange"

    number = await _patch(client, editor, path, {"summary": "x", "edit_reason": 7})
    both = await _patch(client, editor, path, {"summary": "y", "edit_reason": "in the body"})

    assert number.status_code == 422
    assert both.status_code == 200, both.text
