"""What runs inside a Dask worker: the pipeline, loaded once per worker process, over one partition.

Why a cached builder plus a plugin: loading spaCy, the actor dictionary and the gazetteer takes seconds,
parsing one article milliseconds, so each worker process must load them once and keep them. The cache is
keyed by the settings (as JSON), so a worker serving two runs with different settings keeps both
pipelines apart. :class:`PipelinePlugin` fills the cache when a worker joins, so the load happens before
the first partition arrives (and is not counted against it), and on workers that join later too.

Documents go in and results come out as JSON strings (the output contract): plain data any Dask
serialiser carries, with no pickled spaCy objects and no dependence on matching class versions.
"""

from __future__ import annotations

import asyncio
import logging
import threading

from distributed import Worker
from distributed.diagnostics.plugin import WorkerPlugin

from tacitus.build import build_pipeline
from tacitus.model import Document
from tacitus.pipeline import Pipeline
from tacitus.settings import Settings

log = logging.getLogger(__name__)

PLUGIN_NAME = "tacitus-pipeline"


#: Analysed once after loading: several components load data lazily on first use (seconds on the first
#: document), which would otherwise land on the first partition each worker receives.
WARM_UP_TEXT = (
    "Gunmen killed at least 12 people in an attack near Mosul on Monday, March 3, 2025, police said."
)

_pipelines: dict[str, Pipeline] = {}
_building = threading.Lock()


def pipeline_for(settings_json: str) -> Pipeline:
    """The pipeline for these settings, built once per process (the lock stops a second, parallel build)."""
    with _building:
        pipeline = _pipelines.get(settings_json)
        if pipeline is None:
            log.info("building the Tacitus pipeline in this worker")
            pipeline = build_pipeline(Settings.model_validate_json(settings_json))
            for _ in pipeline.run([Document(id="tacitus-warm-up", text=WARM_UP_TEXT)]):
                pass
            _pipelines[settings_json] = pipeline
        return pipeline


def extract_partition(documents_json: list[str], settings_json: str) -> list[str]:
    """Analyse one partition of documents; return each DocumentResult as JSON, in input order.

    A stage failing on one document is recorded in that document's result (``errors``) by the pipeline,
    as in-process; only a failure of the whole partition (the worker dies) reaches the driver as an error.
    """
    pipeline = pipeline_for(settings_json)
    documents = [Document.model_validate_json(item) for item in documents_json]
    return [result.model_dump_json() for result in pipeline.run(documents)]


def pipeline_versions(settings_json: str) -> dict[str, str]:
    """Stage name -> version of the pipeline the workers run (the driver stores it with the run)."""
    return pipeline_for(settings_json).versions


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline when a worker starts or joins, so partitions find it ready."""

    name = PLUGIN_NAME

    def __init__(self, settings_json: str) -> None:
        self.settings_json = settings_json

    async def setup(self, worker: Worker) -> None:
        """Build off the event loop, so the worker keeps answering the scheduler's heartbeats."""
        await asyncio.get_running_loop().run_in_executor(None, pipeline_for, self.settings_json)
