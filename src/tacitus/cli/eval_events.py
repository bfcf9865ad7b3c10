"""``tacitus eval events``: score the event finder on CASE 2021, MUC-4 and the project's own suite."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import typer

from tacitus.extract.event_eval import (
    PUBLISHED_CASE_BEST,
    EventAnalyser,
    cross_validate_case,
    evaluate_case,
    evaluate_suite,
    shared_dir,
)
from tacitus.extract.event_muc import PUBLISHED, evaluate_muc

app = typer.Typer(help="Evaluate event typing, actors and modality.")

DEFAULT_SUITE = Path("tests/data/events_suite.jsonl")


@app.command("events")
def events(
    shared: Path | None = typer.Option(
        None, help="Shared datasets folder (default: $TACITUS_SHARED or ../shared)."
    ),
    suite: Path = typer.Option(DEFAULT_SUITE, help="The own suite (JSON Lines)."),
    limit: int | None = typer.Option(None, help="Read only this many CASE rows (quick runs)."),
    skip_muc: bool = typer.Option(False, "--skip-muc", help="Leave out MUC-4."),
    cv: bool = typer.Option(
        True, "--cv/--no-cv", help="Also report the 5-fold figure with CASE rows added to training."
    ),
    rules_only: bool = typer.Option(False, "--rules-only", help="Type with the trigger rules alone."),
) -> None:
    """Print CASE 2021 weighted F1, MUC-4 role-filler F1 and suite scores as one JSON object."""
    base = shared or shared_dir()
    analyser = EventAnalyser(use_classifier=not rules_only)
    report: dict[str, object] = {"date": dt.date.today().isoformat()}
    case_path = base / "datasets" / "events" / "case2021_task2" / "dev_half.tsv"
    if case_path.is_file():
        typer.echo(f"CASE 2021: {case_path}", err=True)
        case = evaluate_case(analyser, case_path, limit)
        report["case2021_dev_half"] = {
            "rows": case.rows,
            "acled_rows": case.acled_rows,
            "weighted_f1": round(case.scores.weighted_f1, 4),
            "accuracy": round(case.scores.accuracy, 4),
            "false_event_rate_non_acled": round(case.false_event_rate, 4),
            "non_acled_rows": case.non_acled_rows,
            "published_best_weighted_f1": PUBLISHED_CASE_BEST,
            "per_class_f1": {k: round(v[2], 3) for k, v in case.scores.per_class.items()},
            "typing": "rules only" if rules_only else "rules + classifier trained on own snippets only",
        }
        if cv and not rules_only and limit is None:
            typer.echo("CASE 2021: 5-fold cross-validation with CASE rows in training", err=True)
            folds = cross_validate_case(analyser, case_path)
            report["case2021_dev_half_cv5_with_case_training"] = {
                "weighted_f1_pooled": round(folds.pooled.scores.weighted_f1, 4),
                "weighted_f1_fold_mean": round(folds.mean_f1, 4),
                "weighted_f1_fold_std": round(folds.std_f1, 4),
                "weighted_f1_folds": [round(f, 4) for f in folds.fold_f1],
                "accuracy": round(folds.pooled.scores.accuracy, 4),
                "false_event_rate_non_acled": round(folds.pooled.false_event_rate, 4),
                "note": (
                    f"stratified 5 folds (seed {folds.seed}); each fold typed by a classifier trained on"
                    " the packaged snippets plus the other folds' CASE rows, never on its own rows"
                ),
            }
    else:
        typer.echo(f"CASE 2021 data not found at {case_path}; skipped", err=True)
    muc_dir = base / "datasets" / "events" / "muc4"
    if not skip_muc and (muc_dir / "grit_processed" / "test.json").is_file():
        typer.echo(f"MUC-4: {muc_dir}", err=True)
        muc = evaluate_muc(muc_dir)
        report["muc4_test_role_fillers"] = {
            "precision": round(muc.precision * 100, 2),
            "recall": round(muc.recall * 100, 2),
            "f1": round(muc.f1 * 100, 2),
            "per_role_f1": {k: round(v * 100, 2) for k, v in muc.per_role.items()},
            "published_f1": PUBLISHED,
        }
    if suite.is_file():
        typer.echo(f"suite: {suite}", err=True)
        result = evaluate_suite(analyser, suite)
        report["suite"] = {
            "passages": result.passages,
            "type_f1": round(result.type_f1, 4),
            "sub_type_f1": round(result.sub_type_f1, 4),
            "actor1_accuracy": round(result.actor1_accuracy, 4),
            "modality_accuracy": round(result.modality_accuracy, 4),
            "events_counted_from_negated_or_hypothetical": result.uncounted_asserted,
        }
        for failure in result.failures:
            typer.echo(f"suite miss: {failure}", err=True)
    sys.stdout.write(json.dumps(report, indent=2) + "\n")
