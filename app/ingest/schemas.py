"""Candidates as the review API serves them, and what an editor sends to decide them."""

import datetime as dt
from typing import Any, Literal

from pydantic import Field

from app.schemas import In, Out


class CandidateOut(Out):
    id: int
    status: Literal["proposed", "accepted", "rejected"]
    candidate: dict[str, Any] = Field(
        description="What the ingester found, as `parley ingest --json` prints one candidate: "
        "kind, type, date (EDTF with bounds), figures, actors, places, speaker, quote with "
        "offsets, flags, and `match`, the record it restates, if any."
    )
    record: dict[str, Any] | None = Field(
        description="What accepting it wrote or cited: `{kind, id, slug}`."
    )
    decided_by: str | None
    decided_at: dt.datetime | None
    note: str | None


class CandidatesOut(Out):
    items: list[CandidateOut]
    new_actors: list[dict[str, str]] = Field(
        default=[], description="Names the gazetteer lacks, proposed as new actors."
    )
    new_places: list[dict[str, str]] = Field(
        default=[], description="Names the gazetteer lacks, proposed as new places."
    )


class AcceptIn(In):
    """Edits merged (RFC 7396) into the draft event built from the candidate before it is
    written: `{"title": "…", "date": "2025-06-13"}`; `null` removes a field."""

    edits: dict[str, Any] = {}


class RejectIn(In):
    note: str | None = Field(default=None, max_length=2000, description="Why, for editors.")
