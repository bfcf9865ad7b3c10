"""Evaluation gates: the link suite through the real pipeline, and GVC (skipped when the data is absent).

Floors sit slightly under the figures in docs/benchmarks/link.md; a change may not silently lower them.
"""

from __future__ import annotations

import gzip
import os
import random
from pathlib import Path

import pytest

from tacitus.link.evaluate import (
    Corpus,
    analyse_cached,
    conflict_coverage,
    evaluate,
    link_corpus,
    load_gvc,
    load_suite,
)
from tacitus.link.linker import IncidentLinker, LinkConfig, fit_text_model
from tacitus.model import DocumentResult

SHARED = Path(os.environ.get("TACITUS_SHARED", Path(__file__).resolve().parents[3] / "shared"))


@pytest.fixture(scope="module")
def suite() -> tuple[Corpus, list[DocumentResult]]:
    build = pytest.importorskip("tacitus.build")
    from tacitus.settings import Settings

    corpus = load_suite()
    pipeline = build.build_pipeline(Settings())
    return corpus, list(pipeline.run(corpus.documents))


def test_suite_has_forty_reports_of_fifteen_incidents() -> None:
    corpus = load_suite()
    assert len(corpus.documents) >= 40 and len(set(corpus.gold.values())) == 15


def test_suite_linking_meets_targets(suite: tuple[Corpus, list[DocumentResult]]) -> None:
    corpus, results = suite
    evaluation = evaluate(corpus, results)
    assert evaluation.scores.pairwise.f1 >= 0.9
    assert evaluation.scores.clusters_per_true <= 1.1
    found, total, missed = conflict_coverage(corpus, evaluation)
    assert found == total, missed


def test_suite_partition_does_not_depend_on_order(suite: tuple[Corpus, list[DocumentResult]]) -> None:
    _, results = suite
    model = fit_text_model(results)
    partitions = []
    for seed in range(4):
        shuffled = list(results)
        random.Random(seed).shuffle(shuffled)
        linker = IncidentLinker(model)
        linker.add_all(shuffled)
        partitions.append(sorted(i.id for i in linker.incidents()))
    assert all(p == partitions[0] for p in partitions)


def test_suite_incident_claims_have_exact_evidence(suite: tuple[Corpus, list[DocumentResult]]) -> None:
    _, results = suite
    by_id = {r.document.id: r for r in results}
    for incident in link_corpus(results).incidents():
        for key in incident.claims:
            doc_id, _, tail = key.rpartition(":")
            claim = by_id[doc_id].claims[int(tail[1:])]
            text = by_id[doc_id].document.text
            assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.text


@pytest.fixture(scope="module")
def gvc() -> Corpus:
    if not (SHARED / "datasets/incidents/gvc/gvc_documents.jsonl").is_file():
        pytest.skip("GVC data not found under TACITUS_SHARED")
    return load_gvc(SHARED)


def test_gvc_text_only_floors(gvc: Corpus) -> None:
    """Document-level linking from text, dates of publication and outlets alone (no extraction), default
    threshold: the fast GVC gate of the default test run (~10 s)."""
    results = [DocumentResult(document=d) for d in gvc.documents]
    scores = evaluate(gvc, results, LinkConfig(fallback="always")).scores
    assert scores.bcubed.f1 >= 0.94
    assert scores.clusters_per_true <= 1.08


@pytest.fixture(scope="session")
def gvc_pipeline_results(tmp_path_factory: pytest.TempPathFactory) -> list[DocumentResult]:
    """GVC through the real pipeline: read from $TACITUS_LINK_GVC_CACHE (written by `tacitus eval link`),
    or, with TACITUS_SLOW=1, run the pipeline once per session (several minutes); else skip."""
    cache = os.environ.get("TACITUS_LINK_GVC_CACHE")
    if cache and Path(cache).is_file():
        with gzip.open(cache, "rt", encoding="utf-8") as handle:
            handle.readline()
            return [DocumentResult.model_validate_json(line) for line in handle]
    if os.environ.get("TACITUS_SLOW") != "1":
        pytest.skip("set TACITUS_LINK_GVC_CACHE to a gvc.jsonl.gz or TACITUS_SLOW=1 to run the pipeline")
    if not (SHARED / "datasets/incidents/gvc/gvc_documents.jsonl").is_file():
        pytest.skip("GVC data not found under TACITUS_SHARED")
    build = pytest.importorskip("tacitus.build")
    from tacitus.settings import Settings

    corpus = load_gvc(SHARED)
    pipeline = build.build_pipeline(Settings())
    target = tmp_path_factory.mktemp("gvc") / "gvc.jsonl.gz"
    return analyse_cached(corpus.documents, pipeline.run, target, pipeline.versions)


def test_gvc_pipeline_floors(gvc: Corpus, gvc_pipeline_results: list[DocumentResult]) -> None:
    """With the pipeline's extracted records (docs/benchmarks/link.md: B-cubed 0.935, 1.19, killed 0.614)."""
    evaluation = evaluate(gvc, gvc_pipeline_results)
    assert evaluation.scores.bcubed.f1 >= 0.92
    assert evaluation.scores.clusters_per_true <= 1.22
    assert evaluation.killed_right is not None and evaluation.killed_right >= 0.59
    assert evaluation.killed_reported_right is not None and evaluation.killed_reported_right >= 0.59
