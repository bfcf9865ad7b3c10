"""The Dask engine: extraction over partitions of documents on a Dask cluster, stored by the driver.

Why Dask (docs/scale.md has the comparison): it is pure Python, small (43 MB with distributed), starts a
local cluster in under a second, and the same code runs on a laptop's ``LocalCluster`` or on a cluster of
machines (``--scheduler tcp://host:8786``). Spark needs a JVM and ten times the disk; Ray is six times
larger and slower to start, and neither gives more for a job that is embarrassingly parallel per document.

How a run goes: the driver reads the inputs and skips documents already stored (same id and content
hash), groups the rest into partitions of ``partition_size`` documents and submits each partition as one
task. Each worker process loads the pipeline once (:mod:`tacitus.engines.worker`). At most ``window``
partitions are in flight, so a million-document archive never sits in memory at once. Results come back
as DocumentResult JSON and the driver stores each document in its own transaction as its partition
returns. A partition that fails as a whole (its worker died three times, Dask's retry budget) is recorded
as one failure per document, and the run goes on. A rerun skips everything stored, so it is idempotent and
resumes an interrupted run.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import Self

from distributed import Client, Future, LocalCluster, as_completed

from tacitus.engines.base import Driver, ProblemHook, StoredHook
from tacitus.engines.worker import PipelinePlugin, extract_partition, pipeline_versions
from tacitus.errors import ConfigError
from tacitus.model import Document, DocumentResult
from tacitus.settings import Settings
from tacitus.store.repository import Repository

log = logging.getLogger(__name__)

#: Documents per task: large enough to amortise scheduling (~1 ms a task) and to fill spaCy batches,
#: small enough that a lost worker costs little and progress is smooth.
DEFAULT_PARTITION_SIZE = 32


def partitions(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive lists of ``size`` documents (the last may be shorter), read lazily."""
    iterator = iter(documents)
    while chunk := list(islice(iterator, size)):
        yield chunk


class DaskEngine:
    """Runs the pipeline on a Dask cluster: a new local one (``workers``) or a running one (``scheduler``)."""

    def __init__(
        self,
        settings: Settings,
        *,
        workers: int = 2,
        scheduler: str | None = None,
        partition_size: int = DEFAULT_PARTITION_SIZE,
        window: int | None = None,
    ) -> None:
        if workers < 1:
            raise ConfigError(f"--workers must be at least 1, not {workers}")
        if partition_size < 1:
            raise ConfigError(f"--partition-size must be at least 1, not {partition_size}")
        self.settings = settings
        self.partition_size = partition_size
        self._settings_json = settings.model_dump_json()
        self._cluster: LocalCluster | None = None
        if scheduler is None:
            self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            self.client = Client(self._cluster)  # type: ignore[no-untyped-call]
        else:
            self.client = Client(scheduler)  # type: ignore[no-untyped-call]
        try:
            self.client.register_plugin(PipelinePlugin(self._settings_json))
            threads = sum(self.client.nthreads().values()) or workers  # type: ignore[no-untyped-call]
            self.window = window if window is not None else 2 * threads
            self._versions: dict[str, str] = self.client.submit(
                pipeline_versions, self._settings_json, pure=False
            ).result()
        except BaseException:
            self.close()
            raise
        log.info("Dask engine on %s: %d worker threads", self.client.scheduler_info().get("address"), threads)

    @property
    def versions(self) -> dict[str, str]:
        return dict(self._versions)

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
        driver = Driver(repo, run_id, reextract=reextract, on_problem=on_problem, on_stored=on_stored)
        in_flight: dict[Future[list[str]], list[Document]] = {}
        finished = as_completed()  # type: ignore[no-untyped-call]
        for part in partitions(driver.documents(paths, self.settings), self.partition_size):
            future = self.client.submit(
                extract_partition, [doc.model_dump_json() for doc in part], self._settings_json, pure=False
            )
            in_flight[future] = part
            finished.add(future)  # type: ignore[no-untyped-call]
            while len(in_flight) >= self.window:
                self._collect(next(finished), in_flight, driver)
        while in_flight:
            self._collect(next(finished), in_flight, driver)
        return driver.tally

    @staticmethod
    def _collect(
        future: Future[list[str]], in_flight: dict[Future[list[str]], list[Document]], driver: Driver
    ) -> None:
        part = in_flight.pop(future)
        try:
            results = future.result()
        except Exception as exc:  # the partition is lost, not the run: record each document and go on
            log.warning("a partition of %d documents failed: %s", len(part), exc)
            driver.lost(part, f"{type(exc).__name__}: {exc}")
            return
        finally:
            future.release()  # type: ignore[no-untyped-call]
        for item in results:
            driver.store(DocumentResult.model_validate_json(item))

    def close(self) -> None:
        """Shut down the client, and the local cluster if this engine started one."""
        self.client.close()  # type: ignore[no-untyped-call]
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
