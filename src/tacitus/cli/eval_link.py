"""``tacitus eval link``: incident-linking scores on the link suite and GVC, or the SemEval-2018 Task 5
counting questions (``--corpus semeval [--limit N]``), as JSON on stdout.

The pipeline's output per corpus is cached (gzip JSON Lines keyed by stage versions) in ``--cache-dir`` so
that tuning and re-scoring take seconds; delete the cache or bump a stage version to re-run extraction.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from tacitus.cli.console import configure_logging, err, out
from tacitus.link.evaluate import (
    Corpus,
    analyse_cached,
    conflict_coverage,
    evaluate,
    link_corpus,
    load_gvc,
    load_suite,
    tune_threshold,
)
from tacitus.link.linker import LinkConfig
from tacitus.link.semeval import SEMEVAL_DIR, load_semeval, score_counting
from tacitus.model import Document, DocumentResult
from tacitus.settings import load_settings

app = typer.Typer(help="Evaluate incident linking.")

THRESHOLDS = [round(0.10 + 0.02 * i, 2) for i in range(10)]


def _shared(path: Path | None) -> Path:
    if path is not None:
        return path
    env = os.environ.get("TACITUS_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[3].parent / "shared"


def _analyse_documents(documents: Sequence[Document], cache: Path | None) -> list[DocumentResult]:
    from tacitus.build import build_pipeline

    pipeline = build_pipeline(load_settings())

    def run(batch: Sequence[Document]) -> Iterable[DocumentResult]:
        return pipeline.run(batch)

    return analyse_cached(documents, run, cache, pipeline.versions)


def _analyse(corpus: Corpus, cache: Path | None) -> list[DocumentResult]:
    return _analyse_documents(corpus.documents, cache)


def semeval_report(root: Path, limit: int | None, cache_dir: Path, config: LinkConfig) -> dict[str, object]:
    """Extract (cached per document), link and answer the sampled SemEval counting questions."""
    corpus = load_semeval(root, limit)
    err.print(f"SemEval: {len(corpus.questions)} questions, {len(corpus.documents)} documents")
    results = _analyse_documents(corpus.documents, cache_dir / "semeval.jsonl.gz")
    incidents = link_corpus(results, config).incidents()
    scores, _ = score_counting(corpus, incidents, results)
    return {"config": dataclasses.asdict(config), "limit": limit, "semeval": scores.as_dict()}


@app.command("link")
def link_eval(
    shared: Annotated[
        Path | None, typer.Option(help="Shared data folder (default $TACITUS_SHARED or ../shared).")
    ] = None,
    cache_dir: Annotated[Path, typer.Option(help="Where pipeline output is cached.")] = Path(
        ".cache/eval-link"
    ),
    tune: Annotated[bool, typer.Option(help="Tune the threshold on GVC train+dev first.")] = False,
    threshold: Annotated[
        float | None, typer.Option(help="Pairwise threshold (default: tuned value).")
    ] = None,
    corpus: Annotated[
        str, typer.Option(help="'gvc' (link suite + GVC) or 'semeval' (SemEval-2018 Task 5 counting).")
    ] = "gvc",
    limit: Annotated[
        int | None, typer.Option(help="SemEval: answer only this many (hash-sampled) questions.", min=1)
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Score linking on the link suite and GVC (train+dev, test, all), or answer SemEval counting
    questions, and print JSON."""
    configure_logging(quiet=quiet)
    config = LinkConfig() if threshold is None else LinkConfig(threshold=threshold)
    if corpus not in ("gvc", "semeval"):
        raise typer.BadParameter("--corpus must be 'gvc' or 'semeval'")
    if corpus == "semeval":
        root = _shared(shared)
        if not (root / SEMEVAL_DIR / "documents.jsonl.gz").is_file():
            err.print(f"SemEval data not found under {root / SEMEVAL_DIR}")
            raise typer.Exit(2)
        report_semeval = semeval_report(root, limit, cache_dir, config)
        out.print(json.dumps(report_semeval, indent=1, default=str), markup=False)
        return
    report: dict[str, object] = {}
    suite = load_suite()
    suite_results = _analyse(suite, cache_dir / "suite.jsonl.gz")
    root = _shared(shared)
    gvc: Corpus | None = None
    gvc_results: list[DocumentResult] = []
    if (root / "datasets/incidents/gvc/gvc_documents.jsonl").is_file():
        gvc = load_gvc(root)
        if not quiet:
            err.print(f"analysing {len(gvc.documents)} GVC documents (cached after the first run)")
        gvc_results = _analyse(gvc, cache_dir / "gvc.jsonl.gz")
        if tune:
            config, curve = tune_threshold(
                gvc.subset(["train", "dev"]), gvc_results, THRESHOLDS, config, (suite, suite_results)
            )
            report["tuning_curve_train_dev_conll_f1"] = curve
    report["config"] = dataclasses.asdict(config)
    evaluation = evaluate(suite, suite_results, config)
    found, total, missed = conflict_coverage(suite, evaluation)
    report["suite"] = {
        **evaluation.as_dict(),
        "conflicts_found": found,
        "conflicts_expected": total,
        "missed": missed,
    }
    if gvc is not None:
        for name, splits in (("gvc_train_dev", ["train", "dev"]), ("gvc_test", ["test"]), ("gvc_all", None)):
            part = gvc if splits is None else gvc.subset(splits)
            report[name] = evaluate(part, gvc_results, config).as_dict()
        docs_only = [DocumentResult(document=r.document) for r in gvc_results]
        report["gvc_all_text_only"] = evaluate(gvc, docs_only, replace(config, fallback="always")).as_dict()
    out.print(json.dumps(report, indent=1, default=str), markup=False)
