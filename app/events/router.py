"""HTTP for events."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from app.auth import Viewer
from app.common import DateFrom, DateTo, PlaceList, Search, SlugList, not_found, record_key
from app.dates import date_range
from app.db import Session
from app.editorial.history import at_moment
from app.editorial.routes import add_write_routes
from app.events import service
from app.events.schemas import EventIn, EventOut
from app.fieldsets import fields_query, page_of, wanted
from app.models.enums import EventType, Verification
from app.pagination import DEFAULT_LIMIT, Cursor, Limit
from app.reads import At, StatusFilter, is_editor, read_json, wanted_statuses

EventFields = Annotated[str | None, fields_query(EventOut)]

router = APIRouter(prefix="/v1/events", tags=["events"])


@router.get("", response_model=page_of(EventOut), summary="List events, newest first")
async def list_events(
    request: Request,
    session: Session,
    viewer: Viewer,
    type: Annotated[list[EventType], Query(description="Event type; repeatable.")] = [],  # noqa: B006
    actor: SlugList = [],  # noqa: B006
    place: PlaceList = [],  # noqa: B006
    negotiation: SlugList = [],  # noqa: B006
    status: StatusFilter = [],  # noqa: B006
    verification: Annotated[list[Verification], Query()] = [],  # noqa: B006
    date_from: DateFrom = None,
    date_to: DateTo = None,
    q: Search = None,
    fields: EventFields = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Response:
    """Events, newest first: exchanges, repatriations, rounds of talks, statements and
    announcements, each dated as precisely as its sources allow, with its figures and
    citations. `fields` cuts each event to the members a view shows."""
    first, last = date_range(date_from, date_to)
    filters = service.EventFilters(
        type=list(type),
        actor=actor,
        place=place,
        negotiation=negotiation,
        status=wanted_statuses(status, viewer),
        verification=list(verification),
        date_from=first,
        date_to=last,
        q=q,
        editor=is_editor(viewer),
    )
    return await read_json(
        request,
        session,
        viewer,
        lambda: service.list_events(
            session, filters, limit=limit, cursor=cursor, chosen=wanted(fields)
        ),
    )


@router.get("/{key}", response_model=EventOut, summary="One event by id or slug")
async def get_event(
    request: Request,
    session: Session,
    viewer: Viewer,
    key: Annotated[str, record_key("event")],
    at: At = None,
) -> Response:
    """One event with its participants, places, figures and citations; `at` gives it as the
    public could read it then."""
    return await read_json(
        request,
        session,
        viewer,
        lambda: (
            at_moment(session, "event", key, at)
            if at
            else service.get_event(session, key, editor=is_editor(viewer))
        ),
        missing=lambda: not_found("event", key),
    )


add_write_routes(router, kind="event", plural="events", body=EventIn, out=EventOut)
