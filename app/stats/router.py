"""HTTP for statistics."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from app.auth import Viewer
from app.common import DateFrom, DateTo, PlaceList, Search, SlugList
from app.db import Session
from app.reads import read_json
from app.stats import service
from app.stats.schemas import ExchangeStats, Period
from app.timeline.router import Match, timeline_filters

router = APIRouter(prefix="/v1/stats", tags=["stats"])


@router.get(
    "/exchanges",
    response_model=ExchangeStats,
    summary="People returned and bodies repatriated, per period and receiving side",
)
async def get_exchange_stats(
    request: Request,
    session: Session,
    viewer: Viewer,
    period: Annotated[Period, Query(description="Group by day, month or year.")] = "month",
    actor: SlugList = [],  # noqa: B006
    place: PlaceList = [],  # noqa: B006
    date_from: DateFrom = None,
    date_to: DateTo = None,
    match: Match = "overlap",
    q: Search = None,
) -> Response:
    """People returned (military, civilians, unspecified) and bodies repatriated, per period
    and receiving side, never added together, with running totals; from the best figures of
    public records, each figure linking the events it adds. A total that adds an "at least"
    figure is itself "at least"."""
    filters = timeline_filters(viewer, [], [], actor, place, [], date_from, date_to, match, q)
    return await read_json(
        request, session, viewer, lambda: service.exchanges(session, filters, period)
    )
