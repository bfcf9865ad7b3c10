"""Run the pipeline over input paths into a repository: the loop behind ``tacitus ingest``.

Why outside the CLI: the benchmark and the distributed runner must run exactly the loop users run. Each
document is stored in its own transaction as soon as it is analysed, so a crash loses at most the
document in flight, and a rerun skips what is already stored (idempotent).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from tacitus.ingest import IngestIssue, iter_inputs
from tacitus.model import Document, DocumentResult
from tacitus.pipeline import Pipeline
from tacitus.settings import Settings
from tacitus.store.repository import Repository

#: Called with (path, problem, severity) for every file or stage that failed.
ProblemHook = Callable[[str, str, str], None]
#: Called with each stored result and its outcome ("inserted", "new_version", "unchanged").
StoredHook = Callable[[DocumentResult, str], None]


def ingest_paths(
    paths: Sequence[str | Path],
    settings: Settings,
    repo: Repository,
    pipeline: Pipeline,
    run_id: int,
    *,
    reextract: bool = False,
    on_problem: ProblemHook | None = None,
    on_stored: StoredHook | None = None,
) -> Counter[str]:
    """Read, analyse and store every document under ``paths``; return a tally of what happened."""
    tally: Counter[str] = Counter()

    def problem(path: str, message: str, stage: str, severity: str) -> None:
        repo.record_failure(run_id, path, message, stage=stage, severity=severity)
        if on_problem is not None:
            on_problem(path, message, severity)

    def documents() -> Iterator[Document]:
        for item in iter_inputs(list(paths), settings):
            if isinstance(item, IngestIssue):
                tally["failed" if item.severity == "error" else "warnings"] += 1
                problem(item.path, item.problem, "ingest", item.severity)
                continue
            tally["read"] += 1
            if not reextract and repo.has_document(item.id, item.content_hash):
                tally["unchanged"] += 1
                continue
            yield item

    for result in pipeline.run(documents()):
        outcome = repo.store_document(result.document, result, run_id)
        tally[outcome] += 1
        doc = result.document
        for error in result.errors:
            tally["stage_errors"] += 1
            problem(
                doc.path or doc.url or doc.id,
                f"stage {error.stage} failed: {error.message}",
                error.stage,
                "warning",
            )
        if on_stored is not None:
            on_stored(result, outcome)
    return tally


def exit_code(tally: Counter[str]) -> int:
    """0 all good, 1 some failed, 2 all failed (trafilatura's convention)."""
    if tally["failed"] == 0:
        return 0
    return 2 if tally["read"] == 0 else 1
