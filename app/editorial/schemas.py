"""What the change feed, a record's history and the corrections list serve."""

import datetime as dt
from typing import Any, Literal

from pydantic import Field

from app.models.enums import RevisionAction
from app.schemas import Out

RecordKind = Literal["event", "negotiation", "claim", "actor", "place", "source"]


class ChangeOut(Out):
    seq: int = Field(description="The change's place in commit order.")
    kind: RecordKind
    id: int
    slug: str
    operation: RevisionAction
    version: int = Field(description="The record's version after the change.")
    at: dt.datetime


class ChangesPage(Out):
    items: list[ChangeOut]
    next_cursor: str = Field(
        description="Pass as `since` to read what commits next (also when nothing came)."
    )


class RevisionOut(Out):
    id: int
    version: int
    action: RevisionAction
    author: str
    reason: str
    public_note: str | None = Field(description="What readers are told (corrections).")
    at: dt.datetime
    before: dict[str, Any] | None = Field(description="The record before; null when created.")
    after: dict[str, Any] | None = Field(description="The record after; null when deleted.")


class Revisions(Out):
    items: list[RevisionOut]


class CorrectedRecord(Out):
    id: int
    slug: str | None
    title: str | None = Field(description="Its title now; null for kinds without one.")


class CorrectionOut(Out):
    id: int
    kind: RecordKind
    record: CorrectedRecord
    version: int
    action: RevisionAction
    note: str
    at: dt.datetime
