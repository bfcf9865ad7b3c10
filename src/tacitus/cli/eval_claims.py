"""``tacitus eval claims``: score the claim finder on its suite and on the Gun Violence Corpus.

Thin by design: parse options, call :mod:`tacitus.extract.eval_claims`, print. Data (the table or
``--json``) goes to stdout; nothing else is printed.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from tacitus.extract.eval_claims import evaluate_gvc, evaluate_suite

app = typer.Typer(help="Evaluate the claim finder.", no_args_is_help=False)


@app.command()
def claims(
    suite: Path | None = typer.Option(
        None, help="Suite file (JSON Lines); default tests/data/claims_suite.jsonl."
    ),
    shared: Path | None = typer.Option(
        None, help="Shared datasets folder; default $TACITUS_SHARED or ../shared."
    ),
    gvc: bool = typer.Option(True, "--gvc/--no-gvc", help="Also score killed/injured figures on GVC."),
    gvc_limit: int | None = typer.Option(None, help="Score only the first N GVC incidents."),
    gvc_split: list[str] | None = typer.Option(
        None, help="Score only these GVC splits (train, dev, test); repeat the option. Default: all."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON instead of a table."),
) -> None:
    """Claim detection P/R/F1, exact (kind, min, max), modality and source accuracy; GVC figures."""
    figures: dict[str, dict[str, float]] = {"suite": evaluate_suite(suite).summary()}
    if gvc:
        scores = evaluate_gvc(shared, limit=gvc_limit, splits=gvc_split or None)
        if scores is not None:
            figures["gvc"] = scores.summary()
    if as_json:
        typer.echo(json.dumps(figures, indent=2))
        return
    table = Table(title="Claims evaluation")
    table.add_column("benchmark")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for bench, values in figures.items():
        for name, value in values.items():
            shown = (
                f"{value:.0f}"
                if name in ("items", "gold", "predicted", "incidents", "documents")
                else f"{value:.3f}"
            )
            table.add_row(bench, name, shown)
    Console().print(table)
