"""HTTP for search across kinds."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from app.auth import Viewer
from app.db import Session
from app.find import service
from app.find.schemas import Kind, SearchHit
from app.pagination import DEFAULT_LIMIT, Cursor, Limit
from app.reads import is_editor, read_json
from app.schemas import Page

router = APIRouter(prefix="/v1/search", tags=["search"])

Words = Annotated[
    str,
    Query(
        min_length=1,
        max_length=200,
        pattern=r"^[^\x00-\x1f\x7f]+$",
        description='Words to find (web search syntax: `"prisoner exchange" -bodies`, `or`); '
        "stemmed, accents folded, and matching the names and aliases of linked actors and "
        "places.",
        examples=["Turkey exchange"],
    ),
]


@router.get("", response_model=Page[SearchHit], summary="Search every kind of record, ranked")
async def search(
    request: Request,
    session: Session,
    viewer: Viewer,
    q: Words,
    kind: Annotated[list[Kind], Query(description="Which kinds to search; repeatable.")] = [],  # noqa: B006
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Response:
    """Full-text search across events, claims, negotiations, actors and places, ranked, each
    hit with a snippet marking where the words were found. Of each kind, the 2,000 newest
    matches are ranked; a word found in more records finds only those."""
    return await read_json(
        request,
        session,
        viewer,
        lambda: service.search(
            session, q, kinds=list(kind), editor=is_editor(viewer), limit=limit, cursor=cursor
        ),
    )
