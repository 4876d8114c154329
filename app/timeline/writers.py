"""Timeline entries written out in the formats producers publish with.

Each writer takes batches of entries (the timeline's JSON entries, parsed) and yields bytes as
it goes, so an export of any size streams. A claim is never written unattributed: its headline
says who claims it and as of when, in every format.
"""

import csv
import datetime as dt
import html
import io
from collections.abc import AsyncIterator, Callable
from typing import Any

import orjson
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from app.timeline.schemas import KIND_GROUPS

Entry = dict[str, Any]
Batches = AsyncIterator[list[Entry]]
Writer = Callable[[Batches, "Context"], AsyncIterator[bytes]]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = (
    "record",
    "id",
    "slug",
    "type",
    "date",
    "date_start",
    "date_end",
    "date_precision",
    "date_label",
    "headline",
    "attribution",
    "summary",
    "stated_by",
    "places",
    "status",
    "status_note",
    "flags",
    "quote",
    "source",
    "source_url",
    "url",
    "grouped_claims",
)


TITLE_TEXT = (
    "Prisoner exchanges, body repatriations, negotiations and territorial claims from Parley's "
    "cited record. Each entry quotes its source; claims say who makes them."
)


class Context:
    """What every writer needs besides the entries: where links point, and when it runs."""

    def __init__(self, base_url: str, *, title: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.title = title
        self.now = dt.datetime.now(dt.UTC).replace(microsecond=0)

    def link(self, href: str) -> str:
        return self.base_url + href


def headline(entry: Entry) -> str:
    """The entry's title, attributed when it is a claim, marked when it was retracted."""
    title = str(entry["title"])
    if entry["record"] == "claim":
        title = f"{entry['attribution']}: {title}"
    if entry["status"] == "retracted":
        title = f"[Retracted] {title}"
    return title


def _places(entry: Entry) -> str:
    return "; ".join(place["name"] for place in entry["places"])


def _source(entry: Entry) -> tuple[str, str, str]:
    """The lead quote, its source as a reader would name it, and where to read it."""
    citation = entry.get("citation")
    if not citation:
        return "", "", ""
    source = citation["source"]
    return citation["quote"], f"{source['title']} ({source['publisher']})", source["url"] or ""


# CSV ----------------------------------------------------------------------------------------


def neutral(value: Any) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading `'`."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_row(entry: Entry, ctx: Context) -> list[str]:
    quote, source, source_url = _source(entry)
    stated_by = entry.get("stated_by") or {}
    values = {
        **{key: entry.get(key) for key in CSV_COLUMNS},
        "headline": headline(entry),
        "stated_by": stated_by.get("name"),
        "places": _places(entry),
        "flags": " | ".join(f"{flag['kind']}: {flag['detail']}" for flag in entry["flags"]),
        "quote": quote,
        "source": source,
        "source_url": source_url,
        "url": ctx.link(entry["href"]),
        "grouped_claims": "; ".join(claim["slug"] for claim in entry["claims"]),
    }
    return [neutral(values[column]) for column in CSV_COLUMNS]


async def write_csv(batches: Batches, ctx: Context) -> AsyncIterator[bytes]:
    """RFC 4180 (CRLF line ends, quoted where needed), UTF-8 with a byte order mark."""
    buffer = io.StringIO()
    rows = csv.writer(buffer, lineterminator="\r\n")
    rows.writerow(CSV_COLUMNS)
    yield "\ufeff".encode() + _drain(buffer)
    async for batch in batches:
        rows.writerows(csv_row(entry, ctx) for entry in batch)
        yield _drain(buffer)


def _drain(buffer: io.StringIO) -> bytes:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text.encode()


# iCalendar ----------------------------------------------------------------------------------

ICS_STATUS = {"retracted": "CANCELLED", "draft": "TENTATIVE"}


def calendar_event(entry: Entry, ctx: Context) -> CalendarEvent:
    """An all-day event from the first to the last day the entry's date can mean."""
    quote, source, source_url = _source(entry)
    start = dt.date.fromisoformat(entry["date_start"])
    end = dt.date.fromisoformat(entry["date_end"])
    lines = [f"When: {entry['date_label']} (EDTF {entry['date']})"]
    if entry["attribution"]:
        lines.append(f"{entry['attribution']}.")
    if entry["summary"]:
        lines.append(entry["summary"])
    if quote:
        lines.append(f"“{quote}” — {source}" + (f" {source_url}" if source_url else ""))
    if entry["status_note"]:
        lines.append(f"Status ({entry['status']}): {entry['status_note']}")
    event = CalendarEvent()
    event.add("uid", f"{entry['record']}-{entry['id']}@parley")
    event.add("dtstamp", ctx.now)
    event.add("dtstart", start)
    event.add("dtend", end + dt.timedelta(days=1))
    event.add("summary", headline(entry))
    event.add("description", "\n\n".join(lines))
    event.add("url", ctx.link(entry["href"]))
    event.add("status", ICS_STATUS.get(entry["status"], "CONFIRMED"))
    event.add("categories", [KIND_GROUPS[entry["record"]], entry["type"]])
    event.add("transp", "TRANSPARENT")
    if entry["places"]:
        event.add("location", _places(entry).replace(";", ","))
    event.add("x-parley-edtf", entry["date"])
    return event


def _calendar_shell(ctx: Context) -> tuple[bytes, bytes]:
    calendar = Calendar()
    calendar.add("prodid", "-//Parley//Timeline export//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", ctx.title)
    text = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert text.endswith(end)
    return text[: -len(end)], end


async def write_ics(batches: Batches, ctx: Context) -> AsyncIterator[bytes]:
    """RFC 5545: one VEVENT per entry; retracted entries are CANCELLED, drafts TENTATIVE."""
    head, tail = _calendar_shell(ctx)
    yield head
    async for batch in batches:
        yield b"".join(calendar_event(entry, ctx).to_ical() for entry in batch)
    yield tail


# TimelineJS ---------------------------------------------------------------------------------


def _date_object(day: dt.date, precision: str, label: str) -> dict[str, Any]:
    parts: dict[str, Any] = {"year": day.year}
    if precision != "year":
        parts["month"] = day.month
    if precision not in ("year", "month"):
        parts["day"] = day.day
    parts["display_date"] = label
    return parts


def timelinejs_event(entry: Entry, ctx: Context) -> dict[str, Any]:
    """A TimelineJS 3 slide: the date's bounds as date objects, its label as the display date,
    the summary and the source's words as the text."""
    precision, label = entry["date_precision"], entry["date_label"]
    start = dt.date.fromisoformat(entry["date_start"])
    end = dt.date.fromisoformat(entry["date_end"])
    slide: dict[str, Any] = {
        "unique_id": f"{entry['record']}-{entry['slug']}",
        "group": KIND_GROUPS[entry["record"]],
        "display_date": label,
        "start_date": _date_object(start, precision, label),
        "text": {"headline": _html(headline(entry)), "text": _slide_text(entry, ctx)},
    }
    if precision not in ("day", "month", "year"):
        slide["end_date"] = _date_object(end, precision, label)
    return slide


def _slide_text(entry: Entry, ctx: Context) -> str:
    quote, source, source_url = _source(entry)
    parts = []
    if entry["attribution"]:
        parts.append(f"<p><strong>{_html(entry['attribution'])}.</strong></p>")
    if entry["summary"]:
        parts.append(f"<p>{_html(entry['summary'])}</p>")
    if quote:
        cited = _html(source)
        if source_url:
            cited = f'<a href="{html.escape(source_url)}">{cited}</a>'
        parts.append(f"<blockquote>{_html(quote)}</blockquote><p>— {cited}</p>")
    if entry["status_note"]:
        note = f"{entry['status'].capitalize()}: {entry['status_note']}"
        parts.append(f"<p><em>{_html(note)}</em></p>")
    parts.append(f'<p><a href="{html.escape(ctx.link(entry["href"]))}">The full record</a></p>')
    return "".join(parts)


def _html(text: str) -> str:
    """Text as HTML text (TimelineJS renders headlines and texts as HTML)."""
    return html.escape(text, quote=False)


async def write_timelinejs(batches: Batches, ctx: Context) -> AsyncIterator[bytes]:
    """A Knight Lab TimelineJS 3 document, its events grouped by kind."""
    title = {"text": {"headline": _html(ctx.title), "text": f"<p>{_html(TITLE_TEXT)}</p>"}}
    yield b'{"title":' + orjson.dumps(title) + b',"events":['
    first = True
    async for batch in batches:
        if not batch:
            continue
        events = b",".join(orjson.dumps(timelinejs_event(entry, ctx)) for entry in batch)
        yield events if first else b"," + events
        first = False
    yield b"]}"


# JSON Lines ---------------------------------------------------------------------------------


async def write_jsonl(batches: Batches, ctx: Context) -> AsyncIterator[bytes]:
    """One timeline entry per line, as the JSON list serves it, with its link made absolute."""
    async for batch in batches:
        yield b"".join(orjson.dumps(_linked(entry, ctx)) + b"\n" for entry in batch)


def _linked(entry: Entry, ctx: Context) -> Entry:
    return {**entry, "url": ctx.link(entry["href"])} if "href" in entry else entry
