"""Search result shapes."""

from typing import Literal

from pydantic import Field

from app.models.enums import RecordStatus
from app.schemas import Out

Kind = Literal["event", "claim", "negotiation", "actor", "place"]


class SearchHit(Out):
    kind: Kind
    id: int
    slug: str
    title: str
    snippet: str = Field(
        description="Where the words were found, each match in <mark>…</mark> (HTML)."
    )
    score: int = Field(description="Relevance; higher first (ts_rank_cd, times a million).")
    date_label: str | None
    status: RecordStatus | None = Field(description="Null for actors and places.")
    href: str
