"""Commands that read the database: ``search``, ``export``, ``stats``."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from tacitus.cli.console import err, out
from tacitus.cli.options import DbOption
from tacitus.export import (
    write_csv,
    write_geojson,
    write_incidents_csv,
    write_incidents_geojson,
    write_incidents_jsonl,
    write_jsonl,
)
from tacitus.store.sqlite import SQLiteRepository

DEFAULT_DB = "tacitus.db"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"


class ExportWhat(StrEnum):
    events = "events"
    incidents = "incidents"


def open_existing(db: str | None) -> SQLiteRepository:
    """Open a database that must already exist: reading commands never create an empty one."""
    from pathlib import Path

    path = db or DEFAULT_DB
    if not Path(path).is_file():
        err.print(
            f"[red]{escape(path)}: no such database; run `tacitus ingest PATH --db {escape(path)}` first"
        )
        raise typer.Exit(2)
    return SQLiteRepository.open(path)


def search(
    query: Annotated[str, typer.Argument(help='FTS5 query, e.g. "human shields" or mosul AND airstrike.')],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="At most this many hits.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines instead of a table.")] = False,
) -> None:
    """Full-text search over stored titles and texts, best match first."""
    with open_existing(db) as repo:
        hits = repo.search(query, limit=limit)
    if as_json:
        for hit in hits:
            sys.stdout.write(hit.model_dump_json() + "\n")
        return
    table = Table("document", "title", "snippet")
    for hit in hits:
        table.add_row(hit.doc_id, escape(hit.title or ""), escape(hit.snippet))
    out.print(table)


def export(
    what: Annotated[
        ExportWhat, typer.Argument(help="events (one row per event) or incidents.")
    ] = ExportWhat.events,
    output_format: Annotated[
        ExportFormat, typer.Option("--format", help="jsonl, csv or geojson.")
    ] = ExportFormat.jsonl,
    db: DbOption = None,
) -> None:
    """Print the database: documents' records as JSON Lines, events as ACLED-style CSV, or GeoJSON.

    ``tacitus export incidents`` prints one record per incident (documents with their URLs, date, place,
    type, actors, killed, injured, sources, conflicts, grading).
    """
    with open_existing(db) as repo:
        if what is ExportWhat.incidents:
            urls = {doc.id: doc.url for doc in repo.iter_documents()}
            incidents = repo.iter_incidents()
            writer = {
                ExportFormat.jsonl: write_incidents_jsonl,
                ExportFormat.csv: write_incidents_csv,
                ExportFormat.geojson: write_incidents_geojson,
            }[output_format]
            count = writer(incidents, sys.stdout, urls)
        else:
            results = repo.iter_results()
            doc_writer = {
                ExportFormat.jsonl: write_jsonl,
                ExportFormat.csv: write_csv,
                ExportFormat.geojson: write_geojson,
            }[output_format]
            count = doc_writer(results, sys.stdout)
    err.print(f"exported {count} {what.value if what is ExportWhat.incidents else 'records'}")


def stats(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
) -> None:
    """Counts of what the database holds: documents, versions, claims, events, places, failures, ..."""
    with open_existing(db) as repo:
        counts = repo.counts()
    if as_json:
        sys.stdout.write(json.dumps(counts) + "\n")
        return
    table = Table("table", "rows")
    for name, value in counts.items():
        table.add_row(name, str(value))
    out.print(table)
