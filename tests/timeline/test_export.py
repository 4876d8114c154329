"""Timeline exports, read back with real parsers: `csv`, `icalendar`, JSON and JSON Lines."""

import csv
import datetime as dt
import io
from typing import Any

import httpx
import icalendar
import orjson
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.seed.loader import SeedReport
from app.timeline import service
from tests import factories as f


async def listed(client: httpx.AsyncClient, **params: Any) -> list[dict[str, Any]]:
    page = (await client.get("/v1/timeline", params={"limit": 200, "sort": "asc", **params})).json()
    assert page["next_cursor"] is None
    return list(page["items"])


async def exported(client: httpx.AsyncClient, format: str, **params: Any) -> httpx.Response:
    response = await client.get("/v1/timeline", params={"format": format, "sort": "asc", **params})
    assert response.status_code == 200, response.text
    return response


def csv_rows(response: httpx.Response) -> list[dict[str, str]]:
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in response.content
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def calendar_events(response: httpx.Response) -> list[icalendar.Event]:
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    return [e for e in calendar.walk("VEVENT") if isinstance(e, icalendar.Event)]


def attributed(entry: dict[str, Any], headline: str) -> bool:
    return entry["record"] != "claim" or headline.startswith(entry["attribution"] + ": ")


async def test_csv_carries_every_entry_once_in_order(
    client: httpx.AsyncClient, seeded: SeedReport
) -> None:
    entries = await listed(client)
    rows = csv_rows(await exported(client, "csv"))

    assert [(r["record"], int(r["id"])) for r in rows] == [(e["record"], e["id"]) for e in entries]
    for row, entry in zip(rows, entries, strict=True):
        assert row["date"] == entry["date"] and row["date_label"] == entry["date_label"]
        assert row["url"] == "http://parley.test" + entry["href"]
        assert attributed(entry, row["headline"])
        if entry["citation"]:
            assert row["quote"] == entry["citation"]["quote"]
    claims = [r for r in rows if r["record"] == "claim"]
    assert all(r["grouped_claims"].count(";") == r["places"].count(";") for r in claims)
    assert sum(r["grouped_claims"].count(";") + 1 for r in claims) == 21


async def test_icalendar_has_an_all_day_event_per_entry_with_its_bounds(
    client: httpx.AsyncClient, seeded: SeedReport
) -> None:
    entries = await listed(client)
    events = calendar_events(await exported(client, "ics"))

    assert [str(e["UID"]) for e in events] == [f"{e['record']}-{e['id']}@parley" for e in entries]
    for event, entry in zip(events, entries, strict=True):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and type(end) is dt.date
        assert start == f.day(entry["date_start"])
        assert end == f.day(entry["date_end"]) + dt.timedelta(days=1)  # DTEND is exclusive
        assert attributed(entry, str(event["SUMMARY"]))
        assert str(event["STATUS"]) == "CONFIRMED"
        assert entry["date_label"] in str(event["DESCRIPTION"])
        assert isinstance(event.decoded("DTSTAMP"), dt.datetime)


async def test_timelinejs_dates_say_what_the_source_allows(
    client: httpx.AsyncClient, seeded: SeedReport
) -> None:
    entries = await listed(client)
    response = await exported(client, "timelinejs")
    assert response.headers["content-type"] == "application/vnd.parley.timelinejs+json"
    slides = response.json()["events"]

    assert [s["unique_id"] for s in slides] == [f"{e['record']}-{e['slug']}" for e in entries]
    assert {s["group"] for s in slides} == {"Events", "Claims", "Negotiation outcomes"}
    for slide, entry in zip(slides, entries, strict=True):
        start = f.day(entry["date_start"])
        assert slide["display_date"] == slide["start_date"]["display_date"] == entry["date_label"]
        assert slide["start_date"]["year"] == start.year
        if entry["date_precision"] == "day":
            assert slide["start_date"] | {"display_date": ""} == {
                "year": start.year,
                "month": start.month,
                "day": start.day,
                "display_date": "",
            }
            assert "end_date" not in slide
        if entry["date_precision"] in ("season", "range"):
            end = f.day(entry["date_end"])
            assert (slide["end_date"]["year"], slide["end_date"]["month"]) == (end.year, end.month)
        if entry["citation"]:
            assert "<blockquote>" in slide["text"]["text"]
        assert attributed(entry, slide["text"]["headline"].replace("&amp;", "&"))


async def test_json_lines_hold_the_entries_with_absolute_links(
    client: httpx.AsyncClient, seeded: SeedReport
) -> None:
    entries = await listed(client)
    response = await exported(client, "jsonl")
    assert response.headers["content-type"] == "application/x-ndjson"
    lines = response.content.split(b"\n")

    assert lines[-1] == b""
    loaded = [orjson.loads(line) for line in lines[:-1]]
    assert [{k: v for k, v in line.items() if k != "url"} for line in loaded] == entries
    assert all(line["url"] == "http://parley.test" + line["href"] for line in loaded)


async def test_exports_are_read_in_batches_and_keep_the_order(
    client: httpx.AsyncClient, seeded: SeedReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "EXPORT_BATCH", 3)
    for sort in ("asc", "desc"):
        entries = await listed(client, sort=sort)
        rows = csv_rows(await exported(client, "csv", sort=sort))
        assert [int(r["id"]) for r in rows] == [e["id"] for e in entries]
        assert len(rows) > 3 * 5


async def test_an_export_starts_after_a_cursor_and_stops_at_a_limit(
    client: httpx.AsyncClient, seeded: SeedReport
) -> None:
    entries = await listed(client)
    first = (await client.get("/v1/timeline", params={"sort": "asc", "limit": 5})).json()

    rest = csv_rows(await exported(client, "csv", cursor=first["next_cursor"]))
    some = csv_rows(await exported(client, "csv", limit=4))

    assert [int(r["id"]) for r in rest] == [e["id"] for e in entries[5:]]
    assert [int(r["id"]) for r in some] == [e["id"] for e in entries[:4]]


async def test_exports_take_the_timeline_filters(
    client: httpx.AsyncClient, seeded: SeedReport
) -> None:
    params = {"record": "event", "from": "2025-05", "q": "exchange"}
    entries = await listed(client, **params)
    rows = csv_rows(await exported(client, "csv", **params))
    events = calendar_events(await exported(client, "ics", **params))

    assert 0 < len(entries) < 19
    assert [int(r["id"]) for r in rows] == [e["id"] for e in entries]
    assert len(events) == len(entries)


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        ("text/csv", "text/csv; charset=utf-8"),
        ("text/calendar", "text/calendar; charset=utf-8"),
        ("application/x-ndjson", "application/x-ndjson"),
        ("application/jsonl", "application/jsonl"),
        ("application/vnd.parley.timelinejs+json", "application/vnd.parley.timelinejs+json"),
        ("text/csv;q=0.5, text/calendar", "text/calendar; charset=utf-8"),
        ("text/*", "text/csv; charset=utf-8"),
        ("*/*", "application/json"),
        ("application/json, text/csv;q=0.9", "application/json"),
        ("text/html, */*;q=0.1", "application/json"),
        ("", "application/json"),
        ("not a media type", "application/json"),
    ],
)
async def test_accept_chooses_the_format(
    client: httpx.AsyncClient, accept: str, content_type: str
) -> None:
    response = await client.get("/v1/timeline", headers={"Accept": accept})

    assert response.status_code == 200
    assert response.headers["content-type"] == content_type
    assert "Accept" in response.headers["vary"]


async def test_format_wins_over_accept(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/v1/timeline", params={"format": "csv"}, headers={"Accept": "application/json"}
    )
    assert response.headers["content-type"] == "text/csv; charset=utf-8"


@pytest.mark.parametrize("accept", ["text/html", "application/xml", "image/*", "text/csv;q=0"])
async def test_a_type_it_cannot_serve_gets_406(client: httpx.AsyncClient, accept: str) -> None:
    response = await client.get("/v1/timeline", headers={"Accept": accept})

    assert response.status_code == 406
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["name"] == "Accept"


@pytest.mark.parametrize(
    ("params", "status", "name"),
    [
        ({"format": "xlsx"}, 422, "format"),
        ({"format": "csv", "cursor": "not-a-cursor"}, 400, "cursor"),
        ({"format": "ics", "actor": "nobody-at-all"}, 422, "actor"),
        ({"format": "timelinejs", "limit": "0"}, 422, "limit"),
        ({"format": "jsonl", "from": "last week"}, 422, "from"),
    ],
)
async def test_bad_export_requests_get_a_problem_before_any_data(
    client: httpx.AsyncClient, params: dict[str, str], status: int, name: str
) -> None:
    response = await client.get("/v1/timeline", params=params)

    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert name in {e["name"] for e in response.json()["errors"]}


async def test_csv_cells_cannot_start_a_formula(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await f.event(session, title='=HYPERLINK("http://x.test")', summary="+1 exchange")
    await f.event(session, title="@SUM(A1)", summary="-2 bodies", slug="tab-event")
    await f.event(session, title="\tTabbed", summary="\rReturned")
    await session.commit()

    rows = csv_rows(await exported(client, "csv"))

    cells = [row[column] for row in rows for column in ("headline", "summary")]
    assert sorted(cells) == sorted(
        [
            '\'=HYPERLINK("http://x.test")',
            "'+1 exchange",
            "'@SUM(A1)",
            "'-2 bodies",
            "'\tTabbed",
            "'\rReturned",
        ]
    )


async def test_retracted_and_draft_entries_say_so(
    client: httpx.AsyncClient, session: AsyncSession, editor: dict[str, str]
) -> None:
    await f.event(session, title="Withdrawn", status="retracted", status_note="Misread figure")
    await f.event(session, title="Unchecked", status="draft")
    await session.commit()

    public = calendar_events(await exported(client, "ics"))
    desk = await client.get(
        "/v1/timeline", params={"format": "ics", "status": ["draft", "retracted"]}, headers=editor
    )
    editors = calendar_events(desk)

    assert [(str(e["SUMMARY"]), str(e["STATUS"])) for e in public] == [
        ("[Retracted] Withdrawn", "CANCELLED")
    ]
    assert "Misread figure" in str(public[0]["DESCRIPTION"])
    assert sorted(str(e["STATUS"]) for e in editors) == ["CANCELLED", "TENTATIVE"]
    assert desk.headers["cache-control"] == "private, no-cache"
