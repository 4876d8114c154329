"""Actor response shapes."""

import datetime as dt

from pydantic import ConfigDict, Field

from app.editorial.store import Record
from app.examples import BODIES
from app.models.enums import ActorKind
from app.schemas import TITLE_MAX, ActorRef, AsOfDated, AsOfDatedIn, In, Out, Ref, Slug, ref


class RoleOut(AsOfDated):
    """A role held as of a date (EDTF), e.g. a minister's post as of the article's date."""

    title: str
    organization: ActorRef | None


class ActorOut(Out):
    id: int
    slug: str
    name: str
    kind: ActorKind
    country_code: str | None
    aliases: list[str]
    description: str | None
    parent: ActorRef | None
    roles: list[RoleOut]
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime


class RoleIn(AsOfDatedIn):
    title: str = Field(min_length=1, max_length=TITLE_MAX)
    organization: Ref | None = None


class ActorIn(In):
    """An actor to write: its GET shape, without `id`, `version` and timestamps."""

    model_config = ConfigDict(json_schema_extra={"examples": [BODIES["actor"]]})

    slug: Slug
    name: str = Field(min_length=1)
    kind: ActorKind
    country_code: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    aliases: list[str] = []
    description: str | None = None
    parent: Ref | None = None
    roles: list[RoleIn] = []

    def record(self) -> Record:
        values = {
            "slug": self.slug,
            "name": self.name,
            "kind": self.kind.value,
            "country_code": self.country_code,
            "aliases": list(self.aliases),
            "description": self.description,
            "parent_id": ref(self.parent),
        }
        roles = [
            {"title": r.title, "organization_id": ref(r.organization), "as_of": r.as_of}
            for r in self.roles
        ]
        return Record("actor", self.slug, values, {"roles": roles})
