"""What every execution engine shares: the driver-side plan (read, skip stored) and the driver-side store.

Why split this way: wherever extraction runs (this process, a Dask cluster), reading inputs and writing
the store stay on the driver. Reading is cheap next to parsing, and a single writer keeps the store's rules
(one transaction per document, failures deduplicated, reruns skip stored documents) identical for every
engine and every backend, SQLite included, which allows one writer only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Protocol, Self

from tacitus.ingest import IngestIssue, iter_inputs
from tacitus.model import Document, DocumentResult
from tacitus.settings import Settings
from tacitus.store.repository import Repository

#: Called with (path, problem, severity) for every file, document or stage that failed.
ProblemHook = Callable[[str, str, str], None]
#: Called with each stored result and its outcome ("inserted", "new_version", "unchanged").
StoredHook = Callable[[DocumentResult, str], None]


class Engine(Protocol):
    """Runs the extraction pipeline over input paths into a repository."""

    @property
    def versions(self) -> dict[str, str]:
        """Stage name -> version of the pipeline this engine runs (stored with the run)."""
        ...

    def ingest(
        self,
        paths: Sequence[str | Path],
        repo: Repository,
        run_id: int,
        *,
        reextract: bool = False,
        on_problem: ProblemHook | None = None,
        on_stored: StoredHook | None = None,
    ) -> Counter[str]:
        """Read, analyse and store every document under ``paths``; return a tally of what happened."""
        ...

    def close(self) -> None:
        """Release workers and models."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


class Driver:
    """The driver's side of a run: which documents need work, and storing what comes back."""

    def __init__(
        self,
        repo: Repository,
        run_id: int,
        *,
        reextract: bool = False,
        on_problem: ProblemHook | None = None,
        on_stored: StoredHook | None = None,
    ) -> None:
        self.repo = repo
        self.run_id = run_id
        self.reextract = reextract
        self.on_problem = on_problem
        self.on_stored = on_stored
        self.tally: Counter[str] = Counter()

    def problem(self, path: str, message: str, stage: str, severity: str) -> None:
        """Record one problem in the store and tell the caller."""
        self.repo.record_failure(self.run_id, path, message, stage=stage, severity=severity)
        if self.on_problem is not None:
            self.on_problem(path, message, severity)

    def documents(self, paths: Sequence[str | Path], settings: Settings) -> Iterator[Document]:
        """Documents to analyse: unreadable inputs recorded, stored ones (same id and hash) skipped.

        The same document twice in one run is analysed once and counted as unchanged the second time,
        which is what the in-process loop ends up storing as well.
        """
        seen: set[tuple[str, str]] = set()
        for item in iter_inputs(list(paths), settings):
            if isinstance(item, IngestIssue):
                self.tally["failed" if item.severity == "error" else "warnings"] += 1
                self.problem(item.path, item.problem, "ingest", item.severity)
                continue
            self.tally["read"] += 1
            key = (item.id, item.content_hash)
            if key in seen or (not self.reextract and self.repo.has_document(item.id, item.content_hash)):
                self.tally["unchanged"] += 1
                continue
            seen.add(key)
            yield item

    def store(self, result: DocumentResult) -> None:
        """Store one result in its own transaction and record its stage errors as warnings."""
        outcome = self.repo.store_document(result.document, result, self.run_id)
        self.tally[outcome] += 1
        doc = result.document
        for error in result.errors:
            self.tally["stage_errors"] += 1
            self.problem(
                doc.path or doc.url or doc.id,
                f"stage {error.stage} failed: {error.message}",
                error.stage,
                "warning",
            )
        if self.on_stored is not None:
            self.on_stored(result, outcome)

    def lost(self, documents: Sequence[Document], reason: str) -> None:
        """Record documents whose analysis never came back (a worker died, a task failed)."""
        for doc in documents:
            self.tally["failed"] += 1
            self.problem(doc.path or doc.url or doc.id, f"extraction failed: {reason}", "engine", "error")
