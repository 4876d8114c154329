"""The write routes every kind of record shares, added to each domain's router.

`POST` creates (201, `Location`, honouring `Idempotency-Key`); `PATCH` applies a JSON Merge
Patch; `publish`, `retract` and `DELETE` change a record's life; `revisions` and `restore` show
and undo its history. Every change to an existing record needs `If-Match` with the ETag of the
record as its GET returned it (428 without, 412 when the record has changed since): the row is
locked while the ETag is checked and the change written, so of two writers holding one ETag
exactly one wins.
"""

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Body, Header, Path, Request
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import literal, select
from starlette.responses import Response

from app.auth import Admin, Editor, Principal
from app.cache import etag_of
from app.common import by_id_or_slug, not_found, record_key
from app.contract import problems
from app.db import Session
from app.editorial import history, idempotency, write
from app.editorial.patch import merge_patch, writable
from app.editorial.render import EDITORIAL, representation
from app.editorial.review import Invalid
from app.editorial.schemas import Revisions
from app.editorial.store import ENTITIES, SLUGGED, Record
from app.errors import Problem
from app.models.enums import PUBLIC_STATUSES, KeyRole, RecordStatus, RevisionAction

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description="The ETag of the record as you last read it; required to change it.",
    ),
]
EditReason = Annotated[
    str | None,
    Header(alias="X-Edit-Reason", max_length=2000, description="Why: kept in the revision."),
]
CorrectionNote = Annotated[
    str | None,
    Header(
        alias="X-Correction-Note",
        max_length=2000,
        description="For readers: what a correction of a published record changed.",
    ),
]
IdempotencyKey = Annotated[
    str | None,
    Header(alias="Idempotency-Key", description="Retries with this key create nothing more."),
]


class RetractIn(BaseModel):
    note: str = Field(min_length=1, max_length=2000, description="Why, for readers.")


def invalid(exc: Invalid) -> Problem:
    errors = [
        {"location": "body", "name": path or "body", "message": message}
        for path, message in exc.problems
    ]
    return Problem(422, "invalid-record", str(exc), errors=errors)


def validation_problem(exc: ValidationError) -> Problem:
    errors = [
        {
            "location": "body",
            "name": ".".join(str(part) for part in e["loc"]) or "body",
            "message": e["msg"],
        }
        for e in exc.errors()
    ]
    names = ", ".join(sorted({e["name"] for e in errors}))
    return Problem(422, "invalid-record", f"Invalid value for: {names}", errors=errors)


async def _json(
    session: Session, kind: str, row_id: int, *, status: int = 200, plural: str
) -> Response:
    body = await representation(session, kind, row_id, editor=True)
    assert body is not None
    headers = {"ETag": etag_of(body)}
    if status == 201:
        slug = orjson.loads(body)["slug"]
        headers["Location"] = f"/v1/{plural}/{slug}"
    return Response(body, status_code=status, media_type="application/json", headers=headers)


async def _claimed(
    session: Session, kind: str, key: str, if_match: str | None
) -> tuple[int, str | None, bytes]:
    """The record to change: its id, status and the editors' view of it, once `if_match`
    names its current version, with its row locked until the transaction ends.

    The ETag is checked first without the lock, so writers holding an old one are answered at
    once instead of queueing for the row; then again under the lock, which decides."""
    row_id, seen, _ = await _row(session, kind, key)
    await _precondition(session, kind, row_id, if_match)
    row_id, version, status = await _row(session, kind, key, lock=True)
    if version != seen:
        raise Problem(
            412,
            "precondition-failed",
            "The record changed while you sent your change: read it again and reapply it.",
        )
    return row_id, status, await _precondition(session, kind, row_id, if_match)


async def _row(
    session: Session, kind: str, key: str, *, lock: bool = False
) -> tuple[int, int, str | None]:
    """The record's id, version and status; with `lock`, its row is locked until the request's
    transaction ends."""
    table = SLUGGED[kind]
    status = table.c.status if kind in EDITORIAL else literal(None)
    query = select(table.c.id, table.c.version, status).where(
        by_id_or_slug(table.c.id, table.c.slug, key)
    )
    if lock:
        # FOR NO KEY UPDATE: rows that merely refer to this one may still be written.
        query = query.with_for_update(of=table, key_share=True)
    row = (await session.execute(query)).one_or_none()
    if row is None:
        raise not_found(kind, key)
    return row[0], row[1], row[2]


async def _precondition(session: Session, kind: str, row_id: int, if_match: str | None) -> bytes:
    """The record as its editors read it now, once `if_match` names it (in the editors' view
    or the public's); 428 without If-Match, 412 when it names an older version."""
    if if_match is None or if_match.strip() == "*":
        raise Problem(
            428,
            "precondition-required",
            "Send If-Match with the ETag of the record as you last read it.",
        )
    given = {tag.strip() for tag in if_match.split(",")}
    body = await representation(session, kind, row_id, editor=True)
    assert body is not None
    if etag_of(body) in given:
        return body
    public = await representation(session, kind, row_id, editor=False)
    if public is None or etag_of(public) not in given:
        raise Problem(
            412,
            "precondition-failed",
            "The record has changed since you read it: read it again, reapply your change and "
            "send its new ETag.",
            headers={"ETag": etag_of(body)},
        )
    return body


def _text(value: Any) -> str | None:
    """A note given in the body: text, or nothing."""
    if value is None or isinstance(value, str):
        return value
    raise Problem(
        422,
        "invalid-record",
        "`edit_reason` and `correction_note` are text.",
        errors=[{"location": "body", "name": "edit_reason", "message": "must be text"}],
    )


def _reason(given: str | None, what: str) -> str:
    if not given or not given.strip():
        raise Problem(
            422,
            "reason-required",
            f"Say why you {what} in X-Edit-Reason (it is kept in the revision).",
            errors=[{"location": "header", "name": "X-Edit-Reason", "message": "required"}],
        )
    return given.strip()


async def apply_write(action: Any) -> Any:
    """The write `action` performs, its refusals answered as problems (422, 409)."""
    try:
        return await action
    except Invalid as exc:
        raise invalid(exc) from None
    except write.Conflict as exc:
        raise Problem(409, "conflict", str(exc)) from None


def add_write_routes(
    router: APIRouter, *, kind: str, plural: str, body: type[BaseModel], out: type[BaseModel]
) -> None:
    """Create, change, publish, retract, delete, and restore records of `kind`."""
    editorial = kind in EDITORIAL
    responses: dict[int | str, dict[str, Any]] = {200: {"model": out}, **problems(409, 412, 428)}

    @router.post(
        "",
        status_code=201,
        response_model=out,
        responses=problems(409),
        name=f"create_{kind}",
        description=f"Create a {kind} (editors). The same review as the seed checks it: its "
        "quotes must be found in the source text, dates are EDTF, references name existing "
        "records. Send `Idempotency-Key` to retry safely: a retry gets the first response.",
        summary=f"Create a {kind}" + (" (as a draft)" if editorial else ""),
    )
    async def create(
        request: Request,
        session: Session,
        principal: Editor,
        payload: body,  # type: ignore[valid-type]
        idempotency_key: IdempotencyKey = None,
        edit_reason: EditReason = None,
    ) -> Response:
        digest = idempotency.request_hash(request.url.path, await request.body())
        if idempotency_key is not None:
            stored = await idempotency.claim(session, principal.id, idempotency_key, digest)
            if stored is not None:
                return _replay(stored)
        record: Record = payload.record()  # type: ignore[attr-defined]
        if editorial:
            record.values["status"] = RecordStatus.draft.value
        written = await apply_write(
            write.create(session, record, author=principal.name, reason=edit_reason or "created")
        )
        response = await _json(session, kind, written.id, status=201, plural=plural)
        if idempotency_key is not None:
            await idempotency.remember(
                session,
                principal.id,
                idempotency_key,
                idempotency.Stored(
                    201,
                    bytes(response.body),
                    response.headers.get("location"),
                    response.headers.get("etag"),
                ),
            )
        return response

    @router.patch(
        "/{key}",
        response_model=out,
        responses=responses,
        name=f"update_{kind}",
        description=f"Change a {kind} with a JSON Merge Patch (RFC 7396), sending `If-Match` "
        "with the ETag last read: if someone changed it since, 412 and nothing is lost. "
        "`X-Edit-Reason` says why; a public record changed with `X-Correction-Note` is listed "
        "as corrected.",
        summary=f"Change a {kind} (JSON Merge Patch, If-Match required)",
    )
    async def change(
        session: Session,
        principal: Editor,
        key: Annotated[str, record_key(kind)],
        patch: Annotated[
            dict[str, Any],
            Body(
                media_type="application/merge-patch+json",
                description="RFC 7396: fields to set; null removes one; arrays are replaced.",
            ),
        ],
        if_match: IfMatch = None,
        edit_reason: EditReason = None,
        correction_note: CorrectionNote = None,
    ) -> Response:
        row_id, status, current = await _claimed(session, kind, key, if_match)
        patch = dict(patch)
        reason = _reason(_text(patch.pop("edit_reason", None)) or edit_reason, "change it")
        note = _text(patch.pop("correction_note", None)) or correction_note
        new_status = patch.pop("status", None)
        merged = merge_patch(writable(orjson.loads(current)), patch)
        try:
            record: Record = body.model_validate(merged).record()  # type: ignore[attr-defined]
        except ValidationError as exc:
            raise validation_problem(exc) from None
        public = status in PUBLIC_STATUSES
        if editorial:
            record.values["status"] = status
            if public and not note:
                raise Problem(
                    422,
                    "correction-note-required",
                    "The record is published: a change is a correction, and readers see its "
                    "note. Give one in X-Correction-Note.",
                    errors=[
                        {"location": "header", "name": "X-Correction-Note", "message": "required"}
                    ],
                )
        await apply_write(
            write.update(
                session,
                record,
                row_id,
                author=principal.name,
                reason=reason,
                public_note=note if editorial and public else None,
            )
        )
        if new_status is not None:
            await _transition(session, principal, row_id, status, new_status, reason, note)
        return await _json(session, kind, row_id, plural=plural)

    async def _transition(
        session: Session,
        principal: Principal,
        row_id: int,
        status: str | None,
        new_status: Any,
        reason: str,
        note: str | None,
    ) -> None:
        if not editorial:
            raise Problem(422, "invalid-record", f"A {kind} has no status.")
        if new_status == status:
            return
        if new_status == RecordStatus.published and status == RecordStatus.draft:
            await write.set_status(
                session,
                kind,
                row_id,
                RecordStatus.published,
                author=principal.name,
                reason=reason,
                public_note=None,
                action=RevisionAction.publish,
            )
        elif new_status == RecordStatus.retracted and status in PUBLIC_STATUSES and note:
            await write.set_status(
                session,
                kind,
                row_id,
                RecordStatus.retracted,
                author=principal.name,
                reason=reason,
                public_note=note,
                action=RevisionAction.retract,
            )
        else:
            raise Problem(
                409,
                "conflict",
                f"A {status} {kind} cannot become {new_status!r} here: drafts are published, "
                "published records are retracted with a note.",
            )

    if editorial:

        @router.post(
            "/{key}/publish",
            response_model=out,
            responses=responses,
            name=f"publish_{kind}",
            description=f"Make a draft {kind} public (editors, `If-Match` required).",
            summary=f"Publish a draft {kind} (If-Match required)",
        )
        async def publish(
            session: Session,
            principal: Editor,
            key: Annotated[str, record_key(kind)],
            if_match: IfMatch = None,
            edit_reason: EditReason = None,
        ) -> Response:
            row_id, status, _ = await _claimed(session, kind, key, if_match)
            if status != RecordStatus.draft:
                raise Problem(409, "conflict", f"The {kind} is {status}, not a draft.")
            await _transition(
                session, principal, row_id, status, RecordStatus.published,
                edit_reason or "published", None,
            )  # fmt: skip
            return await _json(session, kind, row_id, plural=plural)

        @router.post(
            "/{key}/retract",
            response_model=out,
            responses=responses,
            name=f"retract_{kind}",
            description=f"Retract a published {kind} with a note readers see: it stays "
            "readable, marked retracted, and is listed under corrections.",
            summary=f"Retract a published {kind}; it stays readable, marked retracted",
        )
        async def retract(
            session: Session,
            principal: Editor,
            key: Annotated[str, record_key(kind)],
            payload: RetractIn,
            if_match: IfMatch = None,
            edit_reason: EditReason = None,
        ) -> Response:
            row_id, status, _ = await _claimed(session, kind, key, if_match)
            if status not in PUBLIC_STATUSES or status == RecordStatus.retracted:
                raise Problem(
                    409, "conflict", f"The {kind} is {status}: only a published one is retracted."
                )
            await _transition(
                session, principal, row_id, status, RecordStatus.retracted,
                edit_reason or payload.note, payload.note,
            )  # fmt: skip
            return await _json(session, kind, row_id, plural=plural)

    @router.delete(
        "/{key}",
        status_code=204,
        responses=problems(409, 412, 428),
        name=f"delete_{kind}",
        description=f"Delete a {kind} for good: editors delete drafts, admins anything; a "
        "record others still refer to is kept (409).",
        summary=f"Delete a {kind} for good: drafts only, or by an admin (If-Match required)",
    )
    async def remove(
        session: Session,
        principal: Editor,
        key: Annotated[str, record_key(kind)],
        if_match: IfMatch = None,
        edit_reason: EditReason = None,
    ) -> Response:
        row_id, status, _ = await _claimed(session, kind, key, if_match)
        reason = _reason(edit_reason, "delete it")
        if not principal.can(KeyRole.admin) and status != RecordStatus.draft:
            raise Problem(
                403,
                "forbidden",
                f"Only a draft is deleted by an editor; a published {kind} is retracted "
                "instead (an admin may delete).",
            )
        await apply_write(write.remove(session, kind, row_id, author=principal.name, reason=reason))
        return Response(status_code=204)

    @router.get(
        "/{key}/revisions",
        name=f"list_{kind}_revisions",
        description=f"Every revision of a {kind}, oldest first: who changed what, when and "
        "why, with the record before and after (editors).",
        response_model=Revisions,
        summary=f"Every revision of a {kind} (editors)",
    )
    async def revisions(
        session: Session, principal: Editor, key: Annotated[str, record_key(kind)]
    ) -> Response:
        row_id = await _find(session, kind, key)
        body = await history.revisions(session, kind, row_id)
        return Response(body, media_type="application/json")

    @router.post(
        "/{key}/revisions/{revision_id}/restore",
        response_model=out,
        responses=responses,
        name=f"restore_{kind}_revision",
        description=f"Make a {kind} again what one of its revisions left it, as a new "
        "revision (admins, `If-Match` required).",
        summary=f"Restore a {kind} as a revision left it (admins; If-Match required)",
    )
    async def restore(
        session: Session,
        principal: Admin,
        key: Annotated[str, record_key(kind)],
        revision_id: Annotated[int, Path(ge=1, le=2**63 - 1)],
        if_match: IfMatch = None,
        edit_reason: EditReason = None,
        correction_note: CorrectionNote = None,
    ) -> Response:
        row_id, status, _ = await _claimed(session, kind, key, if_match)
        reason = _reason(edit_reason, "restore it")
        after = await history.revision_after(session, kind, row_id, revision_id)
        if after is None:
            raise Problem(404, "not-found", f"No revision {revision_id} of this {kind} to restore.")
        names = {child.name for child in ENTITIES[kind].children}
        values = {k: v for k, v in after.items() if k not in names}
        children = {k: v for k, v in after.items() if k in names}
        public = status in PUBLIC_STATUSES
        if editorial:
            values["status"] = status
            if public and not correction_note:
                raise Problem(
                    422,
                    "correction-note-required",
                    "Restoring a published record corrects it: give a note in X-Correction-Note.",
                )
        record = Record(kind, values["slug"], values, children)
        await apply_write(
            write.update(
                session,
                record,
                row_id,
                author=principal.name,
                reason=reason,
                public_note=correction_note if editorial and public else None,
                action=RevisionAction.restore,
            )
        )
        return await _json(session, kind, row_id, plural=plural)


async def _find(session: Session, kind: str, key: str) -> int:
    table = SLUGGED[kind]
    query = select(table.c.id).where(by_id_or_slug(table.c.id, table.c.slug, key))
    row_id: int | None = (await session.execute(query)).scalar_one_or_none()
    if row_id is None:
        raise not_found(kind, key)
    return row_id


def _replay(stored: idempotency.Stored) -> Response:
    headers = {"Idempotent-Replayed": "true"}
    if stored.location:
        headers["Location"] = stored.location
    if stored.etag:
        headers["ETag"] = stored.etag
    return Response(
        stored.body, status_code=stored.status, media_type="application/json", headers=headers
    )
