"""``tacitus extract``: run the pipeline without a database and print the output contract."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated

import typer

from tacitus.build import build_pipeline
from tacitus.cli.console import configure_logging
from tacitus.cli.ingest import report
from tacitus.cli.options import ConfigOption, QuietOption, parse_date, resolve_settings
from tacitus.export import result_record
from tacitus.ingest import IngestIssue, iter_inputs
from tacitus.model import Document
from tacitus.runner import exit_code


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"


def extract(
    files: Annotated[
        list[str], typer.Argument(help="Files, directories or - for stdin (any ingest format).")
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="jsonl or json.")
    ] = OutputFormat.jsonl,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for every document.")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Source name for every document.")] = None,
    text_field: Annotated[str | None, typer.Option(help="JSON/CSV field holding the text.")] = None,
    url_field: Annotated[str | None, typer.Option(help="JSON/CSV field holding the URL.")] = None,
    config: ConfigOption = None,
    quiet: QuietOption = False,
) -> None:
    """Print claims, events, quotes, places and actors of each document as JSON (docs/output-contract.md).

    One object per document in input order; a .jsonl file of many articles gives one object per article with
    evidence offsets into that article's text. Files that cannot be read are named on stderr.
    """
    configure_logging(quiet=quiet)
    settings = resolve_settings(
        config,
        published=parse_date(published),
        source=source,
        quiet=quiet,
        fields={"text": text_field, "url": url_field},
    )
    pipeline = build_pipeline(settings)
    tally: Counter[str] = Counter()

    def documents() -> Iterator[Document]:
        for item in iter_inputs(files, settings):
            if isinstance(item, IngestIssue):
                tally["failed" if item.severity == "error" else "warnings"] += 1
                if not quiet or item.severity == "error":
                    report(item.path, item.problem, item.severity)
                continue
            tally["read"] += 1
            yield item

    records = (result_record(result) for result in pipeline.run(documents()))
    if output_format is OutputFormat.jsonl:
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        json.dump(list(records), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    raise typer.Exit(exit_code(tally))
