"""A candidate as the body of the draft event an editor accepts: the same body a client would
POST to /v1/events, citing the candidate's sentence and each figure's words."""

import re
from typing import Any

from app.ingest.names import slugify

MAX_SLUG = 80


def draft_body(
    candidate: dict[str, Any], *, source: str, source_title: str, publisher: str | None, number: int
) -> dict[str, Any]:
    """The event `candidate` (the `number`th of `source`) proposes, in `/v1/events` form.

    Only names the gazetteers hold are referenced; new ones are for the editor to add first.
    Without a credited speaker the gazetteer holds, the event is stated by the publication
    (`publisher`, its actor slug), as the seed does for an article's own narration."""
    quote = candidate["quote"]
    date = candidate.get("date")
    known = [a for a in candidate.get("actors", []) if not a.get("new")]
    speaker = candidate.get("speaker")
    stated_by = speaker if speaker in {a["slug"] for a in known} else publisher
    label = candidate["type"].replace("_", " ")
    day = date["edtf"] if date else "undated"
    slug = slugify(f"{day} {label} {source}")[: MAX_SLUG - 12].strip("-") + f"-c{number}"
    body: dict[str, Any] = {
        "slug": re.sub(r"-+", "-", slug),
        "type": candidate["type"],
        "title": f"{label.capitalize()}, as {source_title} reports it"[:300],
        "summary": "",
        "stated_by": stated_by,
        "participants": [
            {"actor": a["slug"], "role": a["role"]}
            for a in known
            if a["role"] in ("party", "recipient", "speaker")
        ],
        "places": [{"place": p["slug"]} for p in candidate.get("places", []) if not p.get("new")],
        "quantities": [
            {
                "category": f["category"],
                "recipient": f["recipient"],
                "value": f["value"],
                "qualifier": f["qualifier"],
                "stated_by": stated_by,
                "total_of": [],
                "citations": [
                    {
                        "source": source,
                        "quote": f["quote"]["text"],
                        "start": f["quote"]["start"],
                        "end": f["quote"]["end"],
                        "field": "value",
                    }
                ],
            }
            for f in candidate.get("figures", [])
        ],
        "citations": [
            {"source": source, "quote": quote["text"], "start": quote["start"], "end": quote["end"]}
        ],
        "flags": [
            {k: v for k, v in flag.items() if k in ("kind", "field", "detail", "chosen")}
            for flag in candidate.get("flags", [])
        ],
    }
    if stated_by == publisher and not any(f["kind"] == "attribution" for f in body["flags"]):
        credited = next(
            (a["name"] for a in candidate.get("actors", []) if a["slug"] == speaker), None
        )
        body["flags"].append(
            {
                "kind": "attribution",
                "field": "stated_by",
                "detail": f"The article credits {credited or 'no one'}; it is recorded as the "
                "article's own report until the gazetteer holds the speaker.",
            }
        )
    if date:
        body["date"] = date["edtf"]
    return body
