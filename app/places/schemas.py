"""Place response shapes."""

import datetime as dt

from pydantic import ConfigDict, Field

from app.editorial.store import Record
from app.examples import BODIES
from app.models.enums import PlaceKind
from app.schemas import In, Out, PlaceRef, Ref, Slug, ref


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
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime


class PlaceIn(In):
    """A place to write: its GET shape, without `id`, `version` and timestamps."""

    model_config = ConfigDict(json_schema_extra={"examples": [BODIES["place"]]})

    slug: Slug
    name: str = Field(min_length=1)
    kind: PlaceKind
    iso_code: str | None = Field(default=None, pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
    country_code: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    parent: Ref | None = None
    aliases: list[str] = []
    note: str | None = None

    def record(self) -> Record:
        values = {
            "slug": self.slug,
            "name": self.name,
            "kind": self.kind.value,
            "iso_code": self.iso_code,
            "country_code": self.country_code,
            "parent_id": ref(self.parent),
            "aliases": list(self.aliases),
            "note": self.note,
        }
        return Record("place", self.slug, values)
