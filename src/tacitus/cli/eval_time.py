"""``tacitus eval time``: score the date resolver on the expression suite and show what it got wrong.

Thin on purpose: load the suite, call :func:`tacitus.time.suite.evaluate`, print. Data to stdout (a rich
table, or JSON with ``--json``); nothing else is printed.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from tacitus.nlp.model_loader import DEFAULT_MODEL, load_model
from tacitus.time.suite import evaluate, load_suite

app = typer.Typer(help="Evaluate the date resolver.", no_args_is_help=True)

DEFAULT_SUITE = Path("tests/data/dates_suite.jsonl")


@app.callback()
def _main() -> None:
    """Evaluation commands for dates."""


@app.command("time")
def time_command(
    suite: Path = typer.Option(DEFAULT_SUITE, "--suite", help="JSON Lines suite of date expressions."),
    model: str = typer.Option(DEFAULT_MODEL, "--model", help="spaCy model for cases with a context."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Run the date suite: exact accuracy (start, end and precision equal) and the failing cases."""
    if not suite.is_file():
        typer.echo(
            f"suite {suite} not found; pass --suite PATH (the repository has tests/data/dates_suite.jsonl)",
            err=True,
        )
        raise typer.Exit(code=2)
    report = evaluate(load_suite(suite), load_model(model))
    if as_json:
        typer.echo(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    console = Console()
    console.print(f"accuracy {report.accuracy:.1%} ({report.correct}/{report.total}) on {suite}")
    if not report.failures:
        return
    table = Table("id", "text", "published", "expected", "got", "reason", title="failures")
    for failure in report.failures:
        case, got = failure.case, failure.got
        table.add_row(
            case.id,
            case.text,
            str(case.published),
            f"{case.start} .. {case.end} ({case.precision})",
            f"{got.start} .. {got.end} ({got.precision})",
            got.reason,
        )
    console.print(table)
