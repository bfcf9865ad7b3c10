"""Evaluation gates: the link suite through the real pipeline, and GVC (skipped when the data is absent).

Floors sit slightly under the figures in docs/benchmarks/link.md; a change may not silently lower them.
"""

from __future__ import annotations

import gzip
import os
import random
from pathlib import Path

import pytest

from tacitus.link.evaluate import Corpus, conflict_coverage, evaluate, link_corpus, load_gvc, load_suite
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
    """Document-level linking from text, dates of publication and outlets alone (no extraction)."""
    results = [DocumentResult(document=d) for d in gvc.documents]
    scores = evaluate(gvc, results, LinkConfig(threshold=0.18, fallback="always")).scores
    assert scores.bcubed.f1 >= 0.90
    assert scores.clusters_per_true <= 1.25


def test_gvc_pipeline_floors(gvc: Corpus) -> None:
    """With cached pipeline output (``tacitus eval link`` writes it); skipped when no cache is given."""
    cache = os.environ.get("TACITUS_LINK_GVC_CACHE")
    if not cache or not Path(cache).is_file():
        pytest.skip("set TACITUS_LINK_GVC_CACHE to the gvc.jsonl.gz written by `tacitus eval link`")
    with gzip.open(cache, "rt", encoding="utf-8") as handle:
        handle.readline()
        results = [DocumentResult.model_validate_json(line) for line in handle]
    evaluation = evaluate(gvc, results)
    assert evaluation.scores.bcubed.f1 >= 0.74
    assert evaluation.killed_right is not None and evaluation.killed_right >= 0.55
