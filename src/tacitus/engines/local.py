"""The in-process engine: the pipeline in this process, exactly the loop ``tacitus ingest`` runs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

from tacitus.build import build_pipeline
from tacitus.engines.base import ProblemHook, StoredHook
from tacitus.pipeline import Pipeline
from tacitus.runner import ingest_paths
from tacitus.settings import Settings
from tacitus.store.repository import Repository


class LocalEngine:
    """Runs :func:`tacitus.runner.ingest_paths` with one pipeline built here (or the one given)."""

    def __init__(self, settings: Settings, pipeline: Pipeline | None = None) -> None:
        self.settings = settings
        self.pipeline = pipeline if pipeline is not None else build_pipeline(settings)

    @property
    def versions(self) -> dict[str, str]:
        return self.pipeline.versions

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
        return ingest_paths(
            paths,
            self.settings,
            repo,
            self.pipeline,
            run_id,
            reextract=reextract,
            on_problem=on_problem,
            on_stored=on_stored,
        )

    def close(self) -> None:
        """Nothing to release: the pipeline goes with this object."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
