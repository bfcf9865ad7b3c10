"""How stored rows and reviewed records become the JSON the API returns.

Why one module: the list endpoints, the detail endpoints and the map page must show a claim the same way
(its reference, review key, verdict and evidence), whichever query found it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tacitus.api.queries import Page, documents_meta
from tacitus.link.sources import source_type
from tacitus.model import Claim, Document, DocumentResult, Evidence
from tacitus.review.service import Reviewed, ReviewService

if TYPE_CHECKING:
    from tacitus.store.sql import SqlRepository

#: Characters of document text shown on each side of an evidence span, at most.
CONTEXT_CHARS = 400


def page_json(page: Page, items: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    """The envelope of every list: items, total, and the offset of the next page (None at the end)."""
    following = offset + len(items)
    return {
        "items": items,
        "total": page.total,
        "limit": limit,
        "offset": offset,
        "next_offset": following if following < page.total else None,
    }


def _review(row: dict[str, Any]) -> dict[str, Any] | None:
    if row["status"] is None:
        return None
    changed = row["machine"] != row["snapshot"]
    return {"status": row["status"], "key": row["review_key"], "machine_changed": changed}


def record_row_json(row: dict[str, Any], kind: str) -> dict[str, Any]:
    """A claim or event row of a list query (JSON columns already decoded by the query)."""
    letter = kind[0]
    value = None if row["status"] == "rejected" else row["rec"]
    return {
        "ref": f"{row['doc_id']}:{letter}{row['idx']}",
        "key": row["review_key"],
        "document": row["doc_id"],
        kind: value,
        "machine": row["machine"] if row["status"] is not None else None,
        "review": _review(row),
    }


def incident_row_json(row: dict[str, Any]) -> dict[str, Any]:
    """An incident row of a list query, with whether an analyst made it."""
    return {"id": row["id"], "origin": row["origin"], "incident": row["rec"]}


def context(text: str, evidence: Evidence) -> dict[str, str]:
    """The text around an evidence span, cut at paragraph breaks, so a page can highlight the span."""
    lo = max(text.rfind("\n", 0, evidence.start) + 1, evidence.start - CONTEXT_CHARS, 0)
    hi_break = text.find("\n", evidence.end)
    hi = min(hi_break if hi_break >= 0 else len(text), evidence.end + CONTEXT_CHARS)
    return {"before": text[lo : evidence.start], "after": text[evidence.end : hi]}


def reviewed_json(item: Reviewed, kind: str, document: Document) -> dict[str, Any]:
    """A claim or event of a detail view, with its verdict and the text around its evidence."""
    value = item.value.model_dump(mode="json") if item.value is not None else None
    return {
        "ref": item.ref,
        "key": item.key,
        "document": document.id,
        kind: value,
        "machine": item.machine.model_dump(mode="json") if item.status is not None else None,
        "review": item.review_json(),
        "context": context(document.text, item.machine.evidence),
    }


def _source_json(claim: Claim) -> dict[str, Any]:
    source = claim.source
    return {
        "speaker": source.speaker if source else None,
        "role": source.role if source else None,
        "organization": source.organization if source else None,
        "type": source_type(source),
    }


def claim_in_incident(item: Reviewed, result: DocumentResult) -> dict[str, Any]:
    """A claim as the incident panel lists it: who said it, in which outlet, with which hedge."""
    out = reviewed_json(item, "claim", result.document)
    claim = item.value if isinstance(item.value, Claim) else item.machine
    assert isinstance(claim, Claim)
    doc = result.document
    out["outlet"] = doc.source
    out["title"] = doc.title
    out["url"] = doc.url
    out["published"] = doc.published.isoformat() if doc.published else None
    out["source"] = _source_json(claim)
    return out


def document_json(result: DocumentResult, service: ReviewService) -> dict[str, Any]:
    """A document with its text and every extraction, verdicts applied to claims and events."""
    claims, events = service.effective(result)
    doc = result.document
    return {
        "document": doc.model_dump(mode="json"),
        "claims": [reviewed_json(c, "claim", doc) for c in claims],
        "events": [reviewed_json(e, "event", doc) for e in events],
        "quotes": [q.model_dump(mode="json") for q in result.quotes],
        "places": [p.model_dump(mode="json") for p in result.places],
        "actors": [a.model_dump(mode="json") for a in result.actors],
        "dates": [d.model_dump(mode="json") for d in result.dates],
        "errors": [e.model_dump(mode="json") for e in result.errors],
    }


def incident_detail(repo: SqlRepository, service: ReviewService, row: dict[str, Any]) -> dict[str, Any]:
    """An incident with its documents and every claim of it, each with source, modality and evidence."""
    incident: dict[str, Any] = row["rec"]
    results: dict[str, DocumentResult] = {}
    for doc_id in incident["documents"]:
        result = repo.get_result(doc_id)
        if result is not None:
            results[doc_id] = result
    claims: list[dict[str, Any]] = []
    reviewed = {doc_id: service.effective(result)[0] for doc_id, result in results.items()}
    for key in incident.get("claims", []):
        doc_id, _, tail = key.rpartition(":")
        items = reviewed.get(doc_id, [])
        if tail[:1] == "c" and tail[1:].isdigit() and int(tail[1:]) < len(items):
            claims.append(claim_in_incident(items[int(tail[1:])], results[doc_id]))
    meta = documents_meta(repo, incident["documents"])
    return {
        "id": row["id"],
        "origin": row["origin"],
        "incident": incident,
        "documents": [meta.get(d, {"id": d}) for d in incident["documents"]],
        "claims": claims,
    }


def event_detail(service: ReviewService, result: DocumentResult, index: int) -> dict[str, Any]:
    """One event with the claims it rests on (for the map when nothing is linked into incidents)."""
    claims, events = service.effective(result)
    event = events[index]
    doc = result.document
    out = reviewed_json(event, "event", doc)
    out["documents"] = [
        {
            "id": doc.id,
            "title": doc.title,
            "url": doc.url,
            "source": doc.source,
            "published": doc.published.isoformat() if doc.published else None,
        }
    ]
    value = event.value or event.machine
    indexes = getattr(value, "claims", [])
    out["claims"] = [claim_in_incident(claims[i], result) for i in indexes if 0 <= i < len(claims)]
    return out
