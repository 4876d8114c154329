"""Place response shapes."""

import datetime as dt

from app.models.enums import PlaceKind
from app.schemas import Out, PlaceRef


class PlaceOut(Out):
    id: int
    slug: str
    name: str
    kind: PlaceKind
    iso_code: str | None
    country_code: str | None
    parent: PlaceRef | None
    aliases: list[str]
    note: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
