"""Actor response shapes."""

import datetime as dt

from app.models.enums import ActorKind
from app.schemas import ActorRef, AsOfDated, Out


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
    created_at: dt.datetime
    updated_at: dt.datetime
