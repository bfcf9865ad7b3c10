"""``tacitus run``: ingest with a choice of engine (this process or a Dask cluster) and of store.

Why beside ``tacitus ingest``: the same reading, skipping and storing, but extraction can be spread over
worker processes or machines (``--engine dask``) and the store can be PostgreSQL (``--db
postgresql://...``). The store is written by this process only, one transaction per document.
"""

from __future__ import annotations

import time
from collections import Counter
from enum import StrEnum
from typing import Annotated

import typer
from rich.markup import escape

from tacitus.cli.console import configure_logging, err
from tacitus.cli.ingest import report
from tacitus.cli.options import ConfigOption, QuietOption, parse_date, resolve_settings
from tacitus.engines import open_engine
from tacitus.errors import TacitusError
from tacitus.runner import exit_code
from tacitus.store import POSTGRES_SCHEMES, open_repository


class EngineName(StrEnum):
    """Where extraction runs."""

    local = "local"
    dask = "dask"


def run(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")],
    engine: Annotated[
        EngineName, typer.Option(help="local: this process; dask: a Dask cluster of worker processes.")
    ] = EngineName.local,
    workers: Annotated[
        int | None, typer.Option(help="Dask worker processes on this machine, one thread each (2).")
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Address of a running Dask scheduler (tcp://host:8786) instead of local workers."),
    ] = None,
    partition_size: Annotated[int | None, typer.Option(help="Documents per Dask task (32).")] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="SQLite file, or a postgresql://user:pass@host/db URL (default tacitus.db)."
        ),
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for every document read.")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Source name for every document read.")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Documents per spaCy batch (32).")] = None,
    reextract: Annotated[
        bool, typer.Option("--reextract", help="Run extraction again on documents already stored.")
    ] = False,
    config: ConfigOption = None,
    quiet: QuietOption = False,
) -> None:
    """Ingest articles with extraction on an engine of your choice, into SQLite or PostgreSQL.

    A rerun skips documents already stored (same id and content) and so resumes an interrupted run.
    Problems are named on stderr and recorded in the failures table. Exit code 0 all good, 1 some
    failed, 2 all failed.
    """
    configure_logging(quiet=quiet)
    settings = resolve_settings(
        config,
        db=db,
        published=parse_date(published),
        source=source,
        batch_size=batch_size,
        quiet=quiet,
    )
    if engine is EngineName.local and (workers or scheduler):
        raise typer.BadParameter("--workers and --scheduler need --engine dask")
    started = time.perf_counter()
    try:
        with (
            open_repository(settings.db) as repo,
            open_engine(
                engine.value,
                settings,
                workers=workers,
                scheduler=scheduler,
                partition_size=partition_size,
            ) as runner,
        ):
            ready = time.perf_counter()
            command = f"run --engine {engine.value} " + " ".join(paths)
            run_id = repo.start_run(command, settings.model_dump(mode="json"), runner.versions)
            tally = runner.ingest(paths, repo, run_id, reextract=reextract, on_problem=report)
            repo.finish_run(run_id, dict(tally))
    except TacitusError as exc:
        err.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(2) from exc
    if not quiet:
        _summary(settings.db, engine.value, tally, ready - started, time.perf_counter() - ready)
    raise typer.Exit(exit_code(tally))


def _summary(db: str, engine: str, tally: Counter[str], start_s: float, run_s: float) -> None:
    analysed = tally["inserted"] + tally["new_version"]
    rate = f"{analysed / run_s:.1f} docs/s" if run_s > 0 and analysed else "-"
    shown = db
    if db.startswith(POSTGRES_SCHEMES):
        from tacitus.store.postgres import display_url

        shown = display_url(db)  # never print a password
    err.print(
        f"[bold]{escape(shown)}[/] ({engine}): {tally['inserted']} new, {tally['new_version']} new versions, "
        f"{tally['unchanged']} unchanged; {tally['failed']} failed, {tally['warnings']} warnings; "
        f"start {start_s:.1f} s, run {run_s:.1f} s, {rate}."
    )
