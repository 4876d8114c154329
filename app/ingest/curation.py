"""Candidates written as a curation file of seed_data/ (`parley ingest --yaml OUT`), so the
seed's workflow can take them too: new events only (a candidate restating a known record is
left out, with a comment naming it), each a draft, dated by its quote or by what the ingester
resolved, citing its sentence and its figures' words."""

from typing import Any

import yaml

from app.ingest.drafts import draft_body


def _quote(text: str, quote: str, start: int) -> dict[str, Any]:
    """A quote as curation files give it: the words, and which occurrence when they repeat."""
    occurrence = text.count(quote, 0, start) + 1
    return (
        {"quote": quote} if text.count(quote) == 1 else {"quote": quote, "occurrence": occurrence}
    )


def curation(
    candidates: list[dict[str, Any]],
    text: str,
    *,
    source: str,
    title: str,
    publisher: str | None,
) -> dict[str, Any]:
    events = []
    for number, c in enumerate(candidates, start=1):
        if c["match"] is not None or c["kind"] != "event" or c["date"] is None:
            continue
        body = draft_body(c, source=source, source_title=title, publisher=publisher, number=number)
        if not body["stated_by"]:
            continue
        date = c["date"]
        events.append(
            {
                "slug": body["slug"],
                "type": body["type"],
                "title": body["title"],
                "date": {"edtf": date["edtf"], "reason": f"Read by the ingester: {date['how']}."},
                "stated_by": body["stated_by"],
                "places": body["places"],
                "participants": body["participants"],
                "quantities": [
                    {
                        "category": q["category"],
                        "recipient": q["recipient"],
                        "value": q["value"],
                        "qualifier": q["qualifier"],
                        "stated_by": q["stated_by"],
                        "quotes": [
                            _quote(text, q["citations"][0]["quote"], q["citations"][0]["start"])
                        ],
                    }
                    for q in body["quantities"]
                ],
                "citations": [_quote(text, c["quote"]["text"], c["quote"]["start"])],
                "flags": body["flags"],
                "status": "draft",
            }
        )
    return {"source": source, "events": events}


def render(
    candidates: list[dict[str, Any]],
    text: str,
    *,
    source: str,
    title: str,
    publisher: str | None,
    entry: dict[str, Any],
) -> str:
    """The curation file, headed by the sources.yaml entry the article needs."""
    matched = [c for c in candidates if c["match"] is not None]
    head = [
        f"# Candidates read from {entry['file']} by `parley ingest`; every event is a draft.",
        "# Add the article to seed_data/ and this entry to seed_data/sources.yaml:",
        *("#   " + line for line in yaml.safe_dump([entry], sort_keys=False).splitlines()),
        *(
            f"# Restates {c['match']['kind']} {c['match']['slug']}: {c['quote']['text'][:80]!r}"
            for c in matched
        ),
    ]
    body = curation(candidates, text, source=source, title=title, publisher=publisher)
    dumped = yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)
    return "\n".join(head) + "\n" + dumped
