"""The pipeline runner: named, versioned stages that declare what they need and what they add.

Why: a mis-ordered pipeline must fail when it is built, not in the middle of a 100,000-document batch
(spaCy's ``requires``/``assigns`` habit). Every stage's name and version are stored with each run so a
result can be traced to the code that produced it and stale rows can be re-run.

Data flows one way: ingest -> nlp -> extract -> resolve (actors, time, geo) -> events -> link -> store.
A stage gets an :class:`Analysis` and returns a new one; it never mutates its input.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from tacitus.errors import PipelineError
from tacitus.model import (
    Actor,
    Claim,
    Document,
    DocumentResult,
    Event,
    Place,
    Quote,
    StageError,
    TimeSpan,
)

log = logging.getLogger(__name__)

#: Names a stage may list in ``requires``/``provides``. "document" is there from the start.
ARTIFACTS = frozenset({"document", "parsed", "quotes", "claims", "actors", "dates", "places", "events"})


class Analysis(BaseModel):
    """A document on its way through the pipeline.

    ``parsed`` is the spaCy ``Doc`` (an opaque object to every stage but the NLP layer's helpers); it is
    dropped before anything is stored or printed.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    document: Document
    parsed: Any = None
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    dates: list[TimeSpan] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    errors: list[StageError] = Field(default_factory=list)

    def result(self) -> DocumentResult:
        """The public record of this analysis (the output contract), without the parse."""
        return DocumentResult(
            document=self.document,
            claims=self.claims,
            events=self.events,
            quotes=self.quotes,
            places=self.places,
            actors=self.actors,
            dates=self.dates,
            errors=self.errors,
        )


@runtime_checkable
class Stage(Protocol):
    """One step of the pipeline. Pure where it can be: I/O clients are passed to its constructor."""

    name: ClassVar[str]
    version: ClassVar[str]
    requires: ClassVar[frozenset[str]]
    provides: ClassVar[frozenset[str]]

    def __call__(self, analysis: Analysis) -> Analysis: ...


@runtime_checkable
class BatchStage(Stage, Protocol):
    """A stage that is much faster over many documents at once (spaCy's ``nlp.pipe``)."""

    def process_batch(self, analyses: Sequence[Analysis]) -> list[Analysis]: ...


class Pipeline:
    """An ordered list of stages, checked at construction, run over batches of documents."""

    def __init__(self, stages: Sequence[Stage], batch_size: int = 64) -> None:
        available = {"document"}
        for stage in stages:
            unknown = (stage.requires | stage.provides) - ARTIFACTS
            if unknown:
                raise PipelineError(
                    f"stage {stage.name!r} names unknown artifacts {sorted(unknown)}; "
                    f"valid names are {sorted(ARTIFACTS)}"
                )
            missing = stage.requires - available
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} needs {sorted(missing)}, which no earlier stage adds; "
                    f"stages so far: {[s.name for s in stages[: stages.index(stage)]]}"
                )
            available |= stage.provides
        self.stages = list(stages)
        self.batch_size = batch_size

    @property
    def versions(self) -> dict[str, str]:
        """Stage name -> version, stored with every run."""
        return {stage.name: stage.version for stage in self.stages}

    def run(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        """Analyse documents in input order, yielding one result each; a failing stage is recorded."""
        batch: list[Analysis] = []
        for doc in documents:
            batch.append(Analysis(document=doc))
            if len(batch) >= self.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Analysis]) -> Iterator[DocumentResult]:
        for stage in self.stages:
            if isinstance(stage, BatchStage):
                try:
                    batch = stage.process_batch(batch)
                    continue
                except Exception as exc:  # one bad document must not sink the batch: retry singly
                    log.warning("stage %s failed on a batch (%s); retrying one by one", stage.name, exc)
            batch = [self._apply(stage, analysis) for analysis in batch]
        for analysis in batch:
            yield analysis.result()

    @staticmethod
    def _apply(stage: Stage, analysis: Analysis) -> Analysis:
        try:
            return stage(analysis)
        except Exception as exc:  # recorded per document, the batch goes on (trafilatura's habit)
            log.warning("stage %s failed on %s: %s", stage.name, analysis.document.id, exc)
            error = StageError(stage=f"{stage.name}.v{stage.version}", message=f"{type(exc).__name__}: {exc}")
            return analysis.model_copy(update={"errors": [*analysis.errors, error]})
