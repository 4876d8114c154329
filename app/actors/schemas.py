"""Actor response shapes."""

import datetime as dt

from app.schemas import ActorRef, Out


class RoleOut(Out):
    """A role held as of a date (EDTF), e.g. a minister's post as of the article's date."""

    title: str
    organization: ActorRef | None
    as_of: str
    as_of_start: dt.date
    as_of_end: dt.date
    as_of_precision: str


class ActorOut(Out):
    id: int
    slug: str
    name: str
    kind: str
    country_code: str | None
    aliases: list[str]
    description: str | None
    parent: ActorRef | None
    roles: list[RoleOut]
    created_at: dt.datetime
    updated_at: dt.datetime
