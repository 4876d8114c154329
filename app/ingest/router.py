"""HTTP for ingest: an ingested source's candidate records, proposed, listed, accepted and
rejected by editors."""

from typing import Annotated, Any

from fastapi import APIRouter, Path
from pydantic import ValidationError

from app.auth import Editor
from app.common import record_key
from app.contract import problems
from app.db import Session
from app.editorial.routes import apply_write, validation_problem
from app.ingest import review
from app.ingest.schemas import AcceptIn, CandidateOut, CandidatesOut, RejectIn

router = APIRouter(prefix="/v1/sources/{key}/candidates", tags=["ingest"])
SourceKey = Annotated[str, record_key("source")]
CandidateId = Annotated[
    int, Path(ge=1, le=2**63 - 1, description="The candidate's id.", examples=[1])
]


@router.post(
    "",
    status_code=201,
    response_model=CandidatesOut,
    responses=problems(409),
    summary="Propose candidate records for a source (editors)",
)
async def propose_candidates(session: Session, editor: Editor, key: SourceKey) -> dict[str, Any]:
    """Read the source's text into candidate records, each matched to the record it restates,
    and keep them for review in place of any still undecided. Creating a source never does
    this by itself; nothing is written to the record until an editor accepts a candidate."""
    source = await review.source_row(session, key)
    proposal, items = await review.propose_for(session, source)
    return {"items": items, "new_actors": proposal.new_actors, "new_places": proposal.new_places}


@router.get("", response_model=CandidatesOut, summary="A source's candidates (editors)")
async def list_candidates(session: Session, editor: Editor, key: SourceKey) -> dict[str, Any]:
    """Every candidate proposed for the source, decided or not, in the order found."""
    source = await review.source_row(session, key)
    return {"items": await review.listed(session, source)}


@router.post(
    "/{candidate}/accept",
    response_model=CandidateOut,
    responses=problems(409),
    summary="Accept a candidate as a draft event, or as a citation of the record it restates",
)
async def accept_candidate(
    session: Session,
    editor: Editor,
    key: SourceKey,
    candidate: CandidateId,
    body: AcceptIn | None = None,
) -> dict[str, Any]:
    """A candidate that restates a known event becomes a citation of it (through the write
    path, with a revision); any other becomes a new **draft** event with `origin: extracted`,
    citing the candidate's sentence and each figure's words, after `edits` are merged into
    it. Nothing is published: an editor publishes the draft as any other."""
    source = await review.source_row(session, key)
    edits = body.edits if body is not None else {}
    try:
        await apply_write(review.accept(session, source, candidate, edits, editor.name))
    except ValidationError as exc:
        raise validation_problem(exc) from None
    return await review.one(session, source, candidate)


@router.post(
    "/{candidate}/reject",
    response_model=CandidateOut,
    responses=problems(409),
    summary="Reject a candidate",
)
async def reject_candidate(
    session: Session,
    editor: Editor,
    key: SourceKey,
    candidate: CandidateId,
    body: RejectIn | None = None,
) -> dict[str, Any]:
    """Mark a candidate rejected, with a note for editors; nothing is written to the record,
    and proposing again keeps the decision."""
    source = await review.source_row(session, key)
    await review.reject(session, source, candidate, body.note if body else None, editor.name)
    return await review.one(session, source, candidate)
