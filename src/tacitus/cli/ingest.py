"""``tacitus ingest``: read files, run the pipeline, store every document in its own transaction."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from tacitus.build import build_pipeline
from tacitus.cli.console import configure_logging, err, progress_enabled
from tacitus.cli.options import ConfigOption, DbOption, QuietOption, parse_date, resolve_settings
from tacitus.model import DocumentResult
from tacitus.runner import exit_code, ingest_paths
from tacitus.store.sqlite import SQLiteRepository


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")],
    db: DbOption = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for every document read.")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Source name for every document read.")] = None,
    text_field: Annotated[str | None, typer.Option(help="JSON/CSV field holding the text.")] = None,
    title_field: Annotated[str | None, typer.Option(help="JSON/CSV field holding the title.")] = None,
    url_field: Annotated[str | None, typer.Option(help="JSON/CSV field holding the URL.")] = None,
    published_field: Annotated[str | None, typer.Option(help="JSON/CSV field holding the date.")] = None,
    source_field: Annotated[str | None, typer.Option(help="JSON/CSV field holding the source.")] = None,
    max_bytes: Annotated[int | None, typer.Option(help="Skip files over this many bytes (50 MB).")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Documents per spaCy batch (32).")] = None,
    reextract: Annotated[
        bool, typer.Option("--reextract", help="Run extraction again on documents already stored.")
    ] = False,
    config: ConfigOption = None,
    quiet: QuietOption = False,
) -> None:
    """Ingest articles into the database: documents, claims, events, quotes, places and actors.

    Re-running is idempotent: an unchanged document is skipped, the same URL with new text is stored as a
    new version. Every file that cannot be read is named on stderr with its reason and recorded in the
    failures table; the batch goes on. Exit code 0 all good, 1 some failed, 2 all failed.
    """
    configure_logging(quiet=quiet)
    settings = resolve_settings(
        config,
        db=db,
        published=parse_date(published),
        source=source,
        max_bytes=max_bytes,
        batch_size=batch_size,
        quiet=quiet,
        fields={
            "text": text_field,
            "title": title_field,
            "url": url_field,
            "published": published_field,
            "source": source_field,
        },
    )
    pipeline = build_pipeline(settings)
    with (
        SQLiteRepository.open(settings.db) as repo,
        Progress(
            SpinnerColumn(),
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[path]}"),
            TimeElapsedColumn(),
            console=err,
            disable=not progress_enabled(quiet),
            transient=True,
        ) as progress,
    ):
        command = "ingest " + " ".join(paths)
        run_id = repo.start_run(command, settings.model_dump(mode="json"), pipeline.versions)
        task = progress.add_task("ingest", total=None, path="")

        def stored(result: DocumentResult, outcome: str) -> None:
            doc = result.document
            progress.update(task, advance=1, path=escape(doc.path or doc.url or ""))

        tally = ingest_paths(
            paths, settings, repo, pipeline, run_id, reextract=reextract, on_problem=report, on_stored=stored
        )
        repo.finish_run(run_id, dict(tally))
        counts = repo.counts()
    if not quiet:
        _print_summary(settings.db, tally, counts)
    raise typer.Exit(exit_code(tally))


def report(path: str, problem: str, severity: str) -> None:
    """One line per problem, naming the file first, so it can be grepped out of a batch log."""
    colour = "red" if severity == "error" else "yellow"
    err.print(f"[{colour}]{escape(path)}: {escape(problem)}[/]")


def _print_summary(db: str, tally: Counter[str], counts: dict[str, int]) -> None:
    err.print(
        f"[bold]{escape(db)}[/]: this run stored {tally['inserted']} new, {tally['new_version']} new "
        f"versions, {tally['unchanged']} unchanged; {tally['failed']} failed, {tally['warnings']} warnings."
    )
    shown = ("documents", "claims", "events", "quotes", "places", "actors", "incidents", "failures")
    err.print("  ".join(f"{name} [bold]{counts.get(name, 0)}[/]" for name in shown))
