"""HTTP for the timeline."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from app.auth import Viewer
from app.common import DateFrom, DateTo, PlaceList, Search, SlugList
from app.contract import problems
from app.dates import date_range
from app.db import Session
from app.fieldsets import fields_query, page_of, wanted
from app.models.enums import EventType
from app.pagination import DEFAULT_LIMIT, MAX_LIMIT, Cursor
from app.reads import StatusFilter, is_editor, read_json, wanted_statuses
from app.timeline import export, facets, service
from app.timeline.export import EXPORT_CONTENT, FormatName
from app.timeline.schemas import Record, TimelineEntry, TimelineFacets

ALWAYS = frozenset({"id", "record"})
EntryFields = Annotated[
    str | None,
    fields_query(TimelineEntry, note="Cuts JSON pages and JSON Lines; other exports are whole."),
]

router = APIRouter(prefix="/v1/timeline", tags=["timeline"])

Sort = Annotated[
    Literal["asc", "desc"], Query(description="Oldest first (`asc`) or newest first (`desc`).")
]
Match = Annotated[
    Literal["overlap", "within"],
    Query(
        description="`overlap`: entries whose dates overlap `from`..`to` (autumn 2022 overlaps "
        "October 2022); `within`: only entries whose dates lie inside it."
    ),
]


def timeline_filters(
    viewer: Viewer,
    record: Annotated[list[Record], Query(description="Which kinds of entry; repeatable.")],
    type: Annotated[list[EventType], Query(description="Event type; lists events only.")],
    actor: SlugList,
    place: PlaceList,
    status: StatusFilter,
    date_from: DateFrom,
    date_to: DateTo,
    match: Match,
    q: Search,
) -> service.TimelineFilters:
    first, last = date_range(date_from, date_to)
    return service.TimelineFilters(
        record=list(record),
        type=list(type),
        actor=actor,
        place=place,
        status=wanted_statuses(status, viewer),
        date_from=first,
        date_to=last,
        match=match,
        q=q,
        editor=is_editor(viewer),
    )


@router.get(
    "/facets",
    response_model=TimelineFacets,
    summary="How many timeline entries each filter choice keeps",
)
async def get_timeline_facets(
    request: Request,
    session: Session,
    viewer: Viewer,
    record: Annotated[list[Record], Query(description="Which kinds of entry; repeatable.")] = [],  # noqa: B006
    type: Annotated[list[EventType], Query(description="Event type; lists events only.")] = [],  # noqa: B006
    actor: SlugList = [],  # noqa: B006
    place: PlaceList = [],  # noqa: B006
    status: StatusFilter = [],  # noqa: B006
    date_from: DateFrom = None,
    date_to: DateTo = None,
    match: Match = "overlap",
    q: Search = None,
) -> Response:
    """How many entries the timeline keeps for each choice of each filter, under the other
    filters given: the counts a filter menu shows."""
    filters = timeline_filters(
        viewer, record, type, actor, place, status, date_from, date_to, match, q
    )
    return await read_json(request, session, viewer, lambda: facets.facets(session, filters))


ExportFormat = Annotated[
    FormatName | None,
    Query(
        description="`json` (a page, the default), or an export of every entry the filters "
        "keep: `csv`, `ics` (iCalendar), `timelinejs` (Knight Lab TimelineJS 3), `jsonl` "
        "(JSON Lines). Without it, the `Accept` header chooses; `format` wins over `Accept`."
    ),
]
PageLimit = Annotated[
    int | None,
    Query(
        ge=1,
        le=MAX_LIMIT,
        description=f"Page size, 1..{MAX_LIMIT} (default {DEFAULT_LIMIT}); an export carries "
        "every entry unless it is given.",
    ),
]


@router.get(
    "",
    response_model=page_of(TimelineEntry, always=ALWAYS),
    summary="Events, claims and outcomes by date",
    responses={200: {"content": EXPORT_CONTENT}, **problems(406)},
)
async def list_timeline(
    request: Request,
    session: Session,
    viewer: Viewer,
    format: ExportFormat = None,
    sort: Sort = "desc",
    record: Annotated[list[Record], Query(description="Which kinds of entry; repeatable.")] = [],  # noqa: B006
    type: Annotated[list[EventType], Query(description="Event type; lists events only.")] = [],  # noqa: B006
    actor: SlugList = [],  # noqa: B006
    place: PlaceList = [],  # noqa: B006
    status: StatusFilter = [],  # noqa: B006
    date_from: DateFrom = None,
    date_to: DateTo = None,
    match: Match = "overlap",
    q: Search = None,
    fields: EntryFields = None,
    limit: PageLimit = None,
    cursor: Cursor = None,
) -> Response:
    """Events, claims and negotiation outcomes in one stream ordered by date (fuzzy dates by
    their bounds). Claims one statement makes place by place form one entry. With `format` or
    `Accept`, every entry the filters keep, streamed as CSV, iCalendar, TimelineJS 3 or JSON
    Lines."""
    chosen, media_type = export.choose(format, request.headers.get("accept"))
    filters = timeline_filters(
        viewer, record, type, actor, place, status, date_from, date_to, match, q
    )
    if chosen.writer is not None:
        return await export.export(
            request,
            session,
            chosen,
            media_type,
            filters,
            descending=sort == "desc",
            cursor=cursor,
            limit=limit,
            fields=wanted(fields, always=ALWAYS),
        )
    return await read_json(
        request,
        session,
        viewer,
        lambda: service.timeline(
            session,
            filters,
            descending=sort == "desc",
            limit=limit or DEFAULT_LIMIT,
            cursor=cursor,
            chosen=wanted(fields, always=ALWAYS),
        ),
    )
