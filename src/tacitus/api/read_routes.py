"""Read endpoints: documents, claims, events, incidents, places, actors, and the review trail.

Endpoints are plain ``def`` functions: FastAPI runs them in its thread pool, and each takes this thread's
repository inside the function body, so a connection never crosses threads.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request

from tacitus.api import presenters, queries
from tacitus.api.deps import reader, state_of
from tacitus.api.errors import ApiError
from tacitus.model import Modality
from tacitus.review.keys import parse_ref
from tacitus.review.service import ReviewService
from tacitus.store.repository import COUNT_NAMES

router = APIRouter(prefix="/api")

Limit = Annotated[int, Query(ge=1, description="Page size (at most the server's max_limit, 500 by default).")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip (use next_offset of the previous page).")]
DateFrom = Annotated[dt.date | None, Query(description="Earliest date (ISO), inclusive.")]
DateTo = Annotated[dt.date | None, Query(description="Latest date (ISO), inclusive.")]
Bbox = Annotated[str | None, Query(description="west,south,east,north in degrees.", max_length=200)]
Country = Annotated[str | None, Query(description="ISO 3166-1 alpha-2 code of the place.", max_length=8)]
Admin1 = Annotated[str | None, Query(description="First-level division name as resolved.", max_length=200)]
Text = Annotated[
    str | None,
    Query(
        description='Full-text query over the documents: words (all must occur), "phrases", prefix*, '
        "OR, NOT (FTS5 syntax on SQLite; the same forms as an English tsquery on PostgreSQL).",
        max_length=500,
    ),
]
Actor = Annotated[
    str | None, Query(description="Actor name, matched as a case-insensitive substring.", max_length=200)
]
Type = Annotated[str | None, Query(description="ACLED event type.", max_length=100)]
SubType = Annotated[str | None, Query(description="ACLED sub-event type.", max_length=100)]
ModalityQ = Annotated[
    Modality | None, Query(description="asserted, alleged, negated, generic or hypothetical.")
]
DocQ = Annotated[str | None, Query(description="Only records of this document id.", max_length=200)]
Rejected = Annotated[bool, Query(description="Include records an analyst rejected (value null).")]


class Scope:
    """Where, when, who and what text: the filters that claims, events and incidents share.

    One dependency instead of the same eight query parameters repeated on every list endpoint.
    """

    def __init__(
        self,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        bbox: Bbox = None,
        country: Country = None,
        admin1: Admin1 = None,
        actor: Actor = None,
        q: Text = None,
        document: DocQ = None,
    ) -> None:
        self.date_from = date_from
        self.date_to = date_to
        self.bbox = bbox
        self.country = country
        self.admin1 = admin1
        self.actor = actor
        self.q = q
        self.document = document

    def filters(self, **extra: Any) -> queries.Filters:
        """The query filters of this scope plus the endpoint's own (type, kind, modality, ...)."""
        return queries.Filters(
            date_from=_day(self.date_from),
            date_to=_day(self.date_to),
            bbox=queries.parse_bbox(self.bbox),
            country=self.country,
            admin1=self.admin1,
            actor=self.actor,
            q=self.q,
            doc_id=self.document,
            **extra,
        )


ScopeQ = Annotated[Scope, Depends()]


def _limit(request: Request, limit: int) -> int:
    cap = state_of(request).config.max_limit
    if limit > cap:
        raise ApiError(422, f"limit must be at most {cap}", detail={"limit": limit, "max_limit": cap})
    return limit


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


@router.get("/health", summary="Liveness, schema version and row counts")
def health(request: Request) -> dict[str, Any]:
    repo, _ = reader(request)
    counts = repo.counts()
    return {"status": "ok", "schema": repo.schema_version, "counts": {k: counts[k] for k in COUNT_NAMES}}


@router.get("/config", summary="What the map page needs to know about this server")
def page_config(request: Request) -> dict[str, Any]:
    state = state_of(request)
    repo, _ = reader(request)
    return {
        "tile_url": state.config.tile_url,
        "open_reads": state.config.open_reads,
        "max_limit": state.config.max_limit,
        "has_incidents": queries.has_incidents(repo),
    }


@router.get("/documents", summary="Documents (without text), newest first")
def documents(
    request: Request,
    q: Text = None,
    source: Annotated[str | None, Query(max_length=200, description="Outlet name substring.")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    repo, _ = reader(request)
    limit = _limit(request, limit)
    page = queries.list_documents(repo, q, source, _day(date_from), _day(date_to), limit, offset)
    items = [{k: v for k, v in dict(row).items() if k != "pk"} for row in page.rows]
    return presenters.page_json(page, items, limit, offset)


@router.get("/documents/{doc_id}", summary="One document with its text and every extraction")
def document(request: Request, doc_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    repo, _ = reader(request)
    result = repo.get_result(doc_id)
    if result is None:
        raise ApiError(404, f"no document {doc_id!r}")
    return presenters.document_json(result, ReviewService(repo))


@router.get("/claims", summary="Claims with analyst verdicts applied")
def claims(
    request: Request,
    scope: ScopeQ,
    kind: Annotated[str | None, Query(max_length=50, description="killed, injured, displaced, ...")] = None,
    modality: ModalityQ = None,
    include_rejected: Rejected = False,
    sort: Annotated[Literal["document", "date", "-date", "best"], Query()] = "document",
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    repo, _ = reader(request)
    limit = _limit(request, limit)
    filters = scope.filters(kind=kind, modality=modality, include_rejected=include_rejected)
    page = queries.list_claims(repo, filters, sort, limit, offset)
    items = [presenters.record_row_json(row, "claim") for row in page.rows]
    return presenters.page_json(page, items, limit, offset)


@router.get("/claims/{ref}", summary="One claim (reference <document id>:c<n>)")
def claim(request: Request, ref: Annotated[str, Path(max_length=220)]) -> dict[str, Any]:
    return _record(request, ref, "claim")


def _record(request: Request, ref: str, kind: str) -> dict[str, Any]:
    repo, _ = reader(request)
    try:
        parsed = parse_ref(ref)
    except ValueError as exc:
        raise ApiError(422, str(exc)) from exc
    if parsed.kind != kind:
        raise ApiError(422, f"{ref!r} is not a {kind} reference (<document id>:{kind[0]}<n>)")
    service = ReviewService(repo)
    result = repo.get_result(parsed.doc_id)
    if result is None:
        raise ApiError(404, f"no document {parsed.doc_id!r}")
    if kind == "event":
        if not 0 <= parsed.index < len(result.events):
            raise ApiError(404, f"no event {ref!r}")
        return presenters.event_detail(service, result, parsed.index)
    reviewed = service.reviewed(parsed)
    return presenters.claim_in_incident(reviewed, result)


@router.get("/events", summary="Events with analyst verdicts applied")
def events(
    request: Request,
    scope: ScopeQ,
    type: Type = None,
    sub_type: SubType = None,
    modality: ModalityQ = None,
    include_rejected: Rejected = False,
    sort: Annotated[Literal["document", "date", "-date", "best", "fatalities"], Query()] = "date",
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    repo, _ = reader(request)
    limit = _limit(request, limit)
    filters = scope.filters(
        type=type, sub_type=sub_type, modality=modality, include_rejected=include_rejected
    )
    page = queries.list_events(repo, filters, sort, limit, offset)
    items = [presenters.record_row_json(row, "event") for row in page.rows]
    return presenters.page_json(page, items, limit, offset)


@router.get("/events/{ref}", summary="One event with the claims it rests on (reference <document id>:e<n>)")
def event(request: Request, ref: Annotated[str, Path(max_length=220)]) -> dict[str, Any]:
    return _record(request, ref, "event")


@router.get("/incidents", summary="Incidents as reviewed (analyst merges and splits applied)")
def incidents(
    request: Request,
    scope: ScopeQ,
    type: Type = None,
    sub_type: SubType = None,
    min_sources: Annotated[int | None, Query(ge=0, description="Minimum independent sources.")] = None,
    sort: Annotated[Literal["date", "-date", "killed", "sources", "id"], Query()] = "date",
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    repo, _ = reader(request)
    limit = _limit(request, limit)
    filters = scope.filters(type=type, sub_type=sub_type, min_sources=min_sources)
    page = queries.list_incidents(repo, filters, sort, limit, offset)
    items = [presenters.incident_row_json(row) for row in page.rows]
    return presenters.page_json(page, items, limit, offset)


@router.get("/incidents/{incident_id}", summary="One incident with every claim, its source and evidence")
def incident(request: Request, incident_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    repo, _ = reader(request)
    row = queries.live_incident(repo, incident_id)
    if row is None:
        raise ApiError(
            404, f"no incident {incident_id!r} (it may have been merged or split; see /api/review/audit)"
        )
    return presenters.incident_detail(repo, ReviewService(repo), row)


@router.get("/places", summary="Resolved places with the number of documents mentioning them")
def places(
    request: Request,
    name: Annotated[str | None, Query(max_length=200)] = None,
    bbox: Bbox = None,
    country: Country = None,
    admin1: Admin1 = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    repo, _ = reader(request)
    limit = _limit(request, limit)
    filters = queries.Filters(bbox=queries.parse_bbox(bbox), country=country, admin1=admin1)
    page = queries.list_places(repo, filters, name, limit, offset)
    items = [{k: v for k, v in dict(row).items() if k != "rec"} for row in page.rows]
    return presenters.page_json(page, items, limit, offset)


@router.get("/actors", summary="Canonical actors with the number of documents mentioning them")
def actors(
    request: Request,
    name: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    repo, _ = reader(request)
    limit = _limit(request, limit)
    page = queries.list_actors(repo, name, limit, offset)
    return presenters.page_json(page, [dict(row) for row in page.rows], limit, offset)


@router.get("/review/audit", summary="The append-only audit trail of analyst changes, oldest first")
def audit(
    request: Request,
    target: Annotated[str | None, Query(max_length=300, description="A review key or incident id.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    repo, _ = reader(request)
    limit = _limit(request, limit)
    entries = ReviewService(repo).audit(target, limit + 1, offset)
    items = [e.model_dump(mode="json") for e in entries[:limit]]
    return {
        "items": items,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if len(entries) > limit else None,
    }


@router.get("/review/flags", summary="Reviews the machine has since moved away from")
def flags(request: Request) -> dict[str, Any]:
    repo, _ = reader(request)
    items = ReviewService(repo).flags()
    return {"items": items, "total": len(items)}
