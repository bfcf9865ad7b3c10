"""Clustering metrics against hand-computed values."""

from __future__ import annotations

import pytest

from tacitus.link.metrics import cluster_scores

GOLD = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "f": 3}


def test_perfect_partition_scores_one() -> None:
    s = cluster_scores(GOLD, {k: f"p{v}" for k, v in GOLD.items()})
    assert s.pairwise.f1 == s.bcubed.f1 == s.muc.f1 == pytest.approx(1.0)
    assert s.ceafe.f1 == pytest.approx(1.0) and s.conll_f1 == pytest.approx(1.0)
    assert s.clusters_per_true == 1.0


def test_all_singletons() -> None:
    s = cluster_scores(GOLD, {})
    assert s.pairwise.recall == 0.0 and s.muc.f1 == 0.0
    assert s.bcubed.precision == 1.0
    assert s.bcubed.recall == pytest.approx((3 * (1 / 3) + 2 * (1 / 2) + 1) / 6)
    assert s.predicted_clusters == 6


def test_one_big_cluster() -> None:
    s = cluster_scores(GOLD, {k: 0 for k in GOLD})
    assert s.pairwise.recall == 1.0
    assert s.pairwise.precision == pytest.approx(4 / 15)
    assert s.muc.recall == 1.0 and s.muc.precision == pytest.approx(3 / 5)
    assert s.bcubed.precision == pytest.approx((9 / 6 + 4 / 6 + 1 / 6) / 6)
