"""Clustering scores for document-level incident linking: pairwise, B-cubed, MUC, CEAF-e, CoNLL F1.

Why all of them: each metric hides a different failure. Pairwise F1 is dominated by large clusters, MUC
ignores singletons, B-cubed rewards over-splitting less than MUC, CEAF-e punishes both by aligning
clusters one to one; CoNLL F1 (mean of MUC, B-cubed, CEAF-e) is what the cross-document coreference
literature reports (e.g. on GVC), so our numbers can be set beside published ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import asdict, dataclass
from itertools import combinations

import numpy as np
from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class ClusterScores:
    pairwise: PRF
    bcubed: PRF
    muc: PRF
    ceafe: PRF
    conll_f1: float
    items: int
    gold_clusters: int
    predicted_clusters: int

    @property
    def clusters_per_true(self) -> float:
        return self.predicted_clusters / self.gold_clusters if self.gold_clusters else 0.0

    def as_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["clusters_per_true"] = self.clusters_per_true
        return out


def _prf(p_num: float, p_den: float, r_num: float, r_den: float) -> PRF:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def _clusters(assign: Mapping[str, Hashable]) -> list[frozenset[str]]:
    groups: dict[Hashable, set[str]] = defaultdict(set)
    for item, cluster in assign.items():
        groups[cluster].add(item)
    return [frozenset(g) for g in groups.values()]


def _pairs(clusters: list[frozenset[str]]) -> set[tuple[str, str]]:
    return {(a, b) for c in clusters for a, b in combinations(sorted(c), 2)}


def _muc(key: list[frozenset[str]], response: list[frozenset[str]]) -> tuple[float, float]:
    where = {item: i for i, c in enumerate(response) for item in c}
    num = den = 0.0
    for cluster in key:
        parts = {where.get(item, ("missing", item)) for item in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num, den


def _ceafe(key: list[frozenset[str]], response: list[frozenset[str]]) -> PRF:
    if not key or not response:
        return PRF(0.0, 0.0, 0.0)
    sim = np.zeros((len(key), len(response)))
    for i, k in enumerate(key):
        for j, r in enumerate(response):
            common = len(k & r)
            if common:
                sim[i, j] = 2 * common / (len(k) + len(r))
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    return _prf(total, len(response), total, len(key))


def cluster_scores(gold: Mapping[str, Hashable], predicted: Mapping[str, Hashable]) -> ClusterScores:
    """Score a predicted partition of items against the gold one (items missing from ``predicted`` are
    scored as singletons, so a document the linker dropped costs recall instead of vanishing)."""
    pred = {item: predicted.get(item, ("singleton", item)) for item in gold}
    key, response = _clusters(gold), _clusters(pred)
    gold_pairs, pred_pairs = _pairs(key), _pairs(response)
    common = len(gold_pairs & pred_pairs)
    pairwise = _prf(common, len(pred_pairs), common, len(gold_pairs))
    gold_of = {item: c for c in key for item in c}
    pred_of = {item: c for c in response for item in c}
    b_p = sum(len(gold_of[i] & pred_of[i]) / len(pred_of[i]) for i in gold)
    b_r = sum(len(gold_of[i] & pred_of[i]) / len(gold_of[i]) for i in gold)
    bcubed = _prf(b_p, len(gold), b_r, len(gold))
    r_num, r_den = _muc(key, response)
    p_num, p_den = _muc(response, key)
    muc = _prf(p_num, p_den, r_num, r_den)
    ceafe = _ceafe(key, response)
    return ClusterScores(
        pairwise=pairwise,
        bcubed=bcubed,
        muc=muc,
        ceafe=ceafe,
        conll_f1=(muc.f1 + bcubed.f1 + ceafe.f1) / 3,
        items=len(gold),
        gold_clusters=len(key),
        predicted_clusters=len(response),
    )
