"""``tacitus eval attribution`` / ``tacitus eval factuality``: score quotes and modality on public data.

Thin on purpose: find the dataset, call the evaluator, print a table (or JSON with ``--json``) to
stdout. The datasets are read from ``--data``, else ``$TACITUS_SHARED/datasets/...``, else the
``shared`` folder beside the repository; they are never copied into it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from tacitus.nlp.model_loader import DEFAULT_MODEL, load_model

app = typer.Typer(help="Evaluate attribution (PolNeAR) and factuality (UDS-IH2).", no_args_is_help=True)

POLNEAR = Path("datasets/attribution/polnear")
UDS_IH2 = Path("datasets/factuality/uds_ih2")


def _shared() -> Path:
    env = os.environ.get("TACITUS_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared"


def _data_dir(given: Path | None, relative: Path) -> Path:
    path = given or _shared() / relative
    if not path.is_dir():
        typer.echo(f"dataset folder {path} not found; pass --data DIR or set TACITUS_SHARED", err=True)
        raise typer.Exit(code=2)
    return path


def _pct(value: float) -> str:
    return f"{value:.1%}"


@app.callback()
def _main() -> None:
    """Evaluation commands for quotes, attribution and modality."""


@app.command("attribution")
def attribution_command(
    data: Path | None = typer.Option(None, "--data", help="PolNeAR folder (holding the zip)."),
    split: str = typer.Option("test", "--split", help="train, dev or test."),
    limit: int | None = typer.Option(None, "--limit", help="Score only the first N articles (by name)."),
    model: str = typer.Option(DEFAULT_MODEL, "--model", help="spaCy model."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Source, cue and content spans (exact / overlap / soft P, R, F1) and link accuracy on PolNeAR."""
    from tacitus.extract.eval_attribution import evaluate_polnear

    report = evaluate_polnear(_data_dir(data, POLNEAR), load_model(model), split, limit).as_dict()
    if as_json:
        typer.echo(json.dumps(report, indent=2))
        return
    console = Console()
    table = Table(
        "span",
        "match",
        "precision",
        "recall",
        "F1",
        "gold",
        "predicted",
        title=f"PolNeAR {split}: {report['articles']} articles, {report['gold_attributions']} attributions",
    )
    for role, by_match in report["spans"].items():
        for match, s in by_match.items():
            table.add_row(
                role,
                match,
                _pct(s["precision"]),
                _pct(s["recall"]),
                _pct(s["f1"]),
                str(s["gold"]),
                str(s["predicted"]),
            )
    console.print(table)
    links = report["links"]
    console.print(
        f"links over {links['gold_with_matched_content']} gold attributions with a matched content: "
        f"source {_pct(links['source_accuracy'])}, cue {_pct(links['cue_accuracy'])}, "
        f"both {_pct(links['source_and_cue_accuracy'])}"
    )
    _print_published(console, report["published"])


@app.command("factuality")
def factuality_command(
    data: Path | None = typer.Option(None, "--data", help="UDS-IH2 folder (holding the TSV files)."),
    limit: int | None = typer.Option(None, "--limit", help="Only the first N sentences of dev and test."),
    model: str = typer.Option(DEFAULT_MODEL, "--model", help="spaCy model."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Modality as factual / non-factual on UDS-IH2 test (calibrated on dev): accuracy, F1, r, MAE."""
    from tacitus.extract.eval_factuality import evaluate_uds

    report = evaluate_uds(_data_dir(data, UDS_IH2), load_model(model), limit=limit).as_dict()
    if as_json:
        typer.echo(json.dumps(report, indent=2))
        return
    console = Console()
    table = Table("measure", "value", title=f"UDS-IH2 test: {report['aligned']} predicates")
    for key in (
        "accuracy",
        "majority_accuracy",
        "nonfactual_precision",
        "nonfactual_recall",
        "nonfactual_f1",
        "macro_f1",
    ):
        table.add_row(key.replace("_", " "), _pct(report[key]))
    for key in ("pearson_r", "mae", "pearson_r_normalized"):
        table.add_row(key.replace("_", " "), f"{report[key]:.3f}")
    console.print(table)
    _print_published(console, report["published"])


def _print_published(console: Console, published: dict[str, Any]) -> None:
    table = Table("published", "figure", title="published figures")
    for name, value in published.items():
        table.add_row(name, str(value))
    console.print(table)
