"""Execution engines: where the extraction pipeline runs (this process, or a Dask cluster).

Every engine reads inputs and writes the store on the driver and only moves the analysis elsewhere, so
the store's guarantees (one transaction per document, idempotent reruns, failures per document) hold
whichever engine and whichever backend is used. See docs/scale.md.
"""

from __future__ import annotations

from tacitus.engines.base import Driver, Engine, ProblemHook, StoredHook
from tacitus.engines.local import LocalEngine
from tacitus.errors import ConfigError
from tacitus.settings import Settings

ENGINES = ("local", "dask")


def open_engine(
    name: str,
    settings: Settings,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    partition_size: int | None = None,
) -> Engine:
    """The engine called ``name`` ("local" or "dask"); Dask is imported only when asked for."""
    if name == "local":
        return LocalEngine(settings)
    if name == "dask":
        from tacitus.engines.dask_engine import DEFAULT_PARTITION_SIZE, DaskEngine

        return DaskEngine(
            settings,
            workers=workers or 2,
            scheduler=scheduler,
            partition_size=partition_size or DEFAULT_PARTITION_SIZE,
        )
    raise ConfigError(f"unknown engine {name!r}; choose one of {list(ENGINES)}")


__all__ = ["ENGINES", "Driver", "Engine", "LocalEngine", "ProblemHook", "StoredHook", "open_engine"]
