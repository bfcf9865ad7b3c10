"""The repository interface every storage backend implements.

Why a Protocol: the pipeline, the linker, the exporters and the web API talk to storage only through these
methods, so a PostgreSQL backend can be added later and checked by the same contract tests as SQLite
without touching its callers.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from types import TracebackType
from typing import Literal, Protocol, Self, runtime_checkable

from tacitus.model import Document, DocumentResult, Incident, Record

StoreOutcome = Literal["inserted", "unchanged", "new_version"]
"""What :meth:`Repository.store_document` did: a new id, the same content again, or changed content."""

Severity = Literal["error", "warning"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning")

#: Names reported by :meth:`Repository.counts`, in a stable order.
COUNT_NAMES: tuple[str, ...] = (
    "documents",
    "versions",
    "claims",
    "events",
    "quotes",
    "places",
    "actors",
    "dates",
    "failures",
    "runs",
    "incidents",
    "duplicates",
)


class SearchHit(Record):
    """One full-text match: the document, a highlighted snippet and its BM25 rank (lower is better)."""

    doc_id: str
    title: str | None = None
    url: str | None = None
    path: str | None = None
    published: str | None = None
    snippet: str
    rank: float


class Failure(Record):
    """A per-file problem recorded during a run; ``count`` says how many runs met it."""

    run_id: int | None
    path: str
    stage: str
    problem: str
    severity: Severity
    at: str
    last_seen: str
    count: int


@runtime_checkable
class Repository(Protocol):
    """Storage for documents, their extractions, runs, failures, incidents and duplicates."""

    def start_run(
        self, command: str, settings: Mapping[str, object], stage_versions: Mapping[str, str]
    ) -> int:
        """Record the start of a run and return its id."""
        ...

    def finish_run(self, run_id: int, counts: Mapping[str, int]) -> None:
        """Record the end of a run with its counts (documents read, stored, failed, ...)."""
        ...

    def store_document(self, doc: Document, result: DocumentResult | None, run_id: int) -> StoreOutcome:
        """Upsert one document and replace its extraction rows, in one transaction."""
        ...

    def has_document(self, doc_id: str, content_hash: str) -> bool:
        """True when the current version of ``doc_id`` has exactly this content."""
        ...

    def record_failure(
        self,
        run_id: int | None,
        path: str,
        problem: str,
        stage: str = "ingest",
        severity: str = "error",
    ) -> None:
        """Record a per-file failure; the same path, stage and problem again only bumps its count.

        ``severity`` is "error" (the file was not stored) or "warning" (stored, with a problem).
        """
        ...

    def iter_failures(self) -> Iterator[Failure]:
        """Every recorded failure, oldest first."""
        ...

    def search(
        self, query: str, limit: int = 20, *, highlight: tuple[str, str] = ("[", "]")
    ) -> list[SearchHit]:
        """Full-text search over titles and texts, best match first."""
        ...

    def get_document(self, doc_id: str) -> Document | None:
        """The current version of one document, or None."""
        ...

    def document_versions(self, doc_id: str) -> list[Document]:
        """Every stored version of one document, oldest first."""
        ...

    def iter_documents(self) -> Iterator[Document]:
        """Every document (current version), in the order first stored."""
        ...

    def iter_results(self) -> Iterator[DocumentResult]:
        """Every document with its extractions, rebuilt from the stored records."""
        ...

    def get_result(self, doc_id: str) -> DocumentResult | None:
        """One document with its extractions, or None."""
        ...

    def counts(self) -> dict[str, int]:
        """Row counts by name (see ``COUNT_NAMES``)."""
        ...

    def save_incidents(self, incidents: Sequence[Incident], *, replace: bool = False) -> None:
        """Upsert incidents and their document links; ``replace`` drops incidents not given."""
        ...

    def get_incident(self, incident_id: str) -> Incident | None:
        """One incident by id, or None."""
        ...

    def iter_incidents(self) -> Iterator[Incident]:
        """Every stored incident, by id."""
        ...

    def record_duplicate(
        self, doc_id: str, duplicate_of: str, similarity: float, run_id: int | None = None
    ) -> None:
        """Mark ``doc_id`` as a near-duplicate of ``duplicate_of``."""
        ...

    def close(self) -> None:
        """Release the connection; further calls fail."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
