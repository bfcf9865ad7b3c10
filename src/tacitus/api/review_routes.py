"""Write endpoints: analyst verdicts on claims and events, merging and splitting incidents.

Every one needs a bearer token with role ``analyst`` or ``admin``; the token's name is recorded as *who*
in the audit trail. Bodies are strict (unknown fields are refused) and small (see ApiConfig).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, ConfigDict, Field

from tacitus.api import presenters
from tacitus.api.deps import writer
from tacitus.api.errors import ApiError
from tacitus.review.keys import RecordRef, parse_ref
from tacitus.review.service import ReviewService, Verdict

router = APIRouter(prefix="/api")

Ref = Annotated[str, Path(max_length=220, description="<document id>:c<n> or <document id>:e<n>")]


class Why(BaseModel):
    """Body of accept and reject: the reason, kept in the audit trail."""

    model_config = ConfigDict(extra="forbid")
    why: str = Field(default="", max_length=2000)


class Edit(BaseModel):
    """Body of an edit: the fields to change (any field of the record but its evidence) and why."""

    model_config = ConfigDict(extra="forbid")
    changes: dict[str, Any] = Field(min_length=1, max_length=40)
    why: str = Field(default="", max_length=2000)


class Merge(BaseModel):
    """Body of a merge: the two incidents that report one occurrence."""

    model_config = ConfigDict(extra="forbid")
    incidents: list[Annotated[str, Field(max_length=200)]] = Field(min_length=2, max_length=2)
    why: str = Field(default="", max_length=2000)


class Split(BaseModel):
    """Body of a split: the documents that report another occurrence and move to an incident of their own."""

    model_config = ConfigDict(extra="forbid")
    documents: list[Annotated[str, Field(max_length=200)]] = Field(min_length=1, max_length=1000)
    why: str = Field(default="", max_length=2000)


def _ref(text: str, kind: str) -> RecordRef:
    try:
        ref = parse_ref(text)
    except ValueError as exc:
        raise ApiError(422, str(exc)) from exc
    if ref.kind != kind:
        raise ApiError(422, f"{text!r} is not a {kind} reference (<document id>:{kind[0]}<n>)")
    return ref


def _verdict(
    request: Request, ref: str, kind: str, verdict: Verdict, why: str, changes: dict[str, Any] | None = None
) -> dict[str, Any]:
    repo, token = writer(request)
    parsed = _ref(ref, kind)
    service = ReviewService(repo)
    service.review(parsed, verdict, token.name, why, changes)
    result = repo.get_result(parsed.doc_id)
    assert result is not None  # review() found the record
    if kind == "event":
        return presenters.event_detail(service, result, parsed.index)
    return presenters.claim_in_incident(service.reviewed(parsed), result)


@router.post("/claims/{ref}/accept", summary="Accept a claim as extracted")
def accept_claim(request: Request, ref: Ref, body: Why | None = None) -> dict[str, Any]:
    return _verdict(request, ref, "claim", "accept", (body or Why()).why)


@router.post("/claims/{ref}/reject", summary="Reject a claim (it disappears from lists and reconciliation)")
def reject_claim(request: Request, ref: Ref, body: Why | None = None) -> dict[str, Any]:
    return _verdict(request, ref, "claim", "reject", (body or Why()).why)


@router.patch("/claims/{ref}", summary="Edit fields of a claim; the edited value wins over re-extraction")
def edit_claim(request: Request, ref: Ref, body: Edit) -> dict[str, Any]:
    return _verdict(request, ref, "claim", "edit", body.why, body.changes)


@router.post("/events/{ref}/accept", summary="Accept an event as extracted")
def accept_event(request: Request, ref: Ref, body: Why | None = None) -> dict[str, Any]:
    return _verdict(request, ref, "event", "accept", (body or Why()).why)


@router.post("/events/{ref}/reject", summary="Reject an event")
def reject_event(request: Request, ref: Ref, body: Why | None = None) -> dict[str, Any]:
    return _verdict(request, ref, "event", "reject", (body or Why()).why)


@router.patch("/events/{ref}", summary="Edit fields of an event; the edited value wins over re-extraction")
def edit_event(request: Request, ref: Ref, body: Edit) -> dict[str, Any]:
    return _verdict(request, ref, "event", "edit", body.why, body.changes)


@router.post("/incidents/merge", summary="Merge two incidents that report one occurrence")
def merge_incidents(request: Request, body: Merge) -> dict[str, Any]:
    repo, token = writer(request)
    merged = ReviewService(repo).merge(body.incidents[0], body.incidents[1], token.name, body.why)
    return {"incident": merged.model_dump(mode="json"), "origin": "reviewed"}


@router.post("/incidents/{incident_id}/split", summary="Split documents off an incident into a new one")
def split_incident(
    request: Request, incident_id: Annotated[str, Path(max_length=200)], body: Split
) -> dict[str, Any]:
    repo, token = writer(request)
    made = ReviewService(repo).split(incident_id, body.documents, token.name, body.why)
    return {"items": [{"incident": i.model_dump(mode="json"), "origin": "reviewed"} for i in made]}
