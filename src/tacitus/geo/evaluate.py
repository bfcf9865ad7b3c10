"""Geoparsing evaluation on LGL, GeoWebNews and GeoVirus, with gold toponyms and with spaCy NER.

Metrics follow Gritta et al. (2018, 2020): recognition P/R/F1 on exact character spans; for
geocoding, the error in km between the chosen and the gold coordinates (an unresolved toponym counts
as the maximum error, 20,039 km), accuracy within 161 km (100 miles), the area under the curve of
log-scaled errors (AUC, lower is better), the median error, and, where the gold has GeoNames ids, the
share matched exactly. In the NER mode geocoding is scored on the correctly recognised toponyms.
"""

from __future__ import annotations

import math
import os
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tacitus.geo.corpora import GoldArticle
from tacitus.geo.mentions import mentions_from_doc
from tacitus.geo.precision import haversine_km
from tacitus.geo.resolve import Mention, Resolution, Resolver

MAX_ERROR_KM = 20039.0


@dataclass(frozen=True, slots=True)
class GeoScores:
    """One corpus, one mode."""

    corpus: str
    mode: str
    articles: int
    gold_toponyms: int
    scored: int
    precision: float | None
    recall: float | None
    f1: float | None
    exact_id: float | None
    exact_id_n: int
    acc161: float
    #: acc@161 on the toponyms whose gold has a GeoNames id (how Mordecai3 and others report GWN).
    acc161_id: float | None
    #: Share of scored toponyms resolved to the right GeoNames id whose index point is > 161 km from the
    #: gold point (approximate area coordinates; docs/geo.md).
    right_id_far: float
    auc: float
    median_km: float
    resolutions_per_s: float


@dataclass
class _Tally:
    errors: list[float]
    id_errors: list[float]
    exact: int = 0
    with_id: int = 0
    right_id_far: int = 0


def _geocoding(pairs: Sequence[tuple[Resolution, Any]]) -> _Tally:
    tally = _Tally([], [])
    for resolution, gold in pairs:
        candidate = resolution.candidate
        right = candidate is not None and gold.geonameid is not None and candidate.geonameid == gold.geonameid
        if gold.lat is not None and gold.lon is not None:
            if candidate is None or candidate.lat is None or candidate.lon is None:
                error = MAX_ERROR_KM
            else:
                error = haversine_km(candidate.lat, candidate.lon, gold.lat, gold.lon)
            tally.errors.append(error)
            if gold.geonameid is not None:
                tally.id_errors.append(error)
            tally.right_id_far += int(right and error > 161)
        if gold.geonameid is not None:
            tally.with_id += 1
            tally.exact += int(right)
    return tally


def _summary(errors: Sequence[float]) -> tuple[float, float, float]:
    if not errors:
        return 0.0, 1.0, MAX_ERROR_KM
    acc = sum(e <= 161 for e in errors) / len(errors)
    auc = statistics.fmean(math.log(e + 1) / math.log(MAX_ERROR_KM + 1) for e in errors)
    return acc, auc, statistics.median(errors)


def evaluate_gold(corpus: str, articles: Sequence[GoldArticle], resolver: Resolver) -> GeoScores:
    """Resolve the gold toponyms of every article (recognition is given)."""
    pairs: list[tuple[Resolution, Any]] = []
    started = time.perf_counter()
    count = 0
    for article in articles:
        mentions = [Mention(t.text, t.start, t.end) for t in article.toponyms]
        resolutions = resolver.resolve(mentions, article.text)
        count += len(mentions)
        pairs.extend(zip(resolutions, article.toponyms, strict=True))
    elapsed = time.perf_counter() - started
    tally = _geocoding(pairs)
    acc, auc, median = _summary(tally.errors)
    return GeoScores(
        corpus=corpus,
        mode="gold",
        articles=len(articles),
        gold_toponyms=count,
        scored=len(tally.errors),
        precision=None,
        recall=None,
        f1=None,
        exact_id=tally.exact / tally.with_id if tally.with_id else None,
        exact_id_n=tally.with_id,
        acc161_id=_summary(tally.id_errors)[0] if tally.id_errors else None,
        right_id_far=tally.right_id_far / len(tally.errors) if tally.errors else 0.0,
        acc161=acc,
        auc=auc,
        median_km=median,
        resolutions_per_s=count / elapsed if elapsed else 0.0,
    )


def evaluate_ner(corpus: str, articles: Sequence[GoldArticle], resolver: Resolver, nlp: Any) -> GeoScores:
    """Find toponyms with spaCy (plus the gazetteer ruler), resolve them, score both steps."""
    tp = fp = fn = 0
    pairs: list[tuple[Resolution, Any]] = []
    resolve_seconds = 0.0
    resolved = 0
    for article, doc in zip(articles, nlp.pipe([a.text for a in articles], batch_size=16), strict=True):
        mentions = mentions_from_doc(doc)
        started = time.perf_counter()
        resolutions = resolver.resolve(mentions, article.text)
        resolve_seconds += time.perf_counter() - started
        resolved += len(mentions)
        gold = {(t.start, t.end): t for t in article.toponyms}
        by_span = {(r.mention.start, r.mention.end): r for r in resolutions}
        # A direction word folded into the mention ("west Mosul") still matches a gold "Mosul".
        by_end = {r.mention.end: r for r in resolutions}
        hits = 0
        for span, toponym in gold.items():
            found = by_span.get(span) or by_end.get(span[1])
            if found is not None:
                hits += 1
                pairs.append((found, toponym))
        tp += hits
        fn += len(gold) - hits
        fp += len(mentions) - hits
    tally = _geocoding(pairs)
    acc, auc, median = _summary(tally.errors)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return GeoScores(
        corpus=corpus,
        mode="ner",
        articles=len(articles),
        gold_toponyms=tp + fn,
        scored=len(tally.errors),
        precision=precision,
        recall=recall,
        f1=f1,
        exact_id=tally.exact / tally.with_id if tally.with_id else None,
        exact_id_n=tally.with_id,
        acc161_id=_summary(tally.id_errors)[0] if tally.id_errors else None,
        right_id_far=tally.right_id_far / len(tally.errors) if tally.errors else 0.0,
        acc161=acc,
        auc=auc,
        median_km=median,
        resolutions_per_s=resolved / resolve_seconds if resolve_seconds else 0.0,
    )


@dataclass(frozen=True, slots=True)
class SpeedScores:
    """Toponym resolutions per second, gold toponyms, one corpus (see :func:`resolution_speed`)."""

    corpus: str
    toponyms: int
    #: First pass with empty per-process caches: every distinct name is an SQLite (and, for misses, a
    #: fuzzy) lookup.
    cold_per_s: float
    #: The odd-numbered articles after a warm-up on the even-numbered ones: documents never seen,
    #: with the caches a long-running process has (names met before, fuzzy prefix tables read).
    new_documents_per_s: float
    #: A second pass over every article: all lookups cached; the cost of scoring alone.
    warm_per_s: float
    #: ``os.getloadavg()`` at the end: the machine is shared, so absolute figures vary with it.
    load_average: float


def _rate(articles: Sequence[GoldArticle], resolver: Resolver) -> tuple[int, float]:
    count = 0
    started = time.perf_counter()
    for article in articles:
        mentions = [Mention(t.text, t.start, t.end) for t in article.toponyms]
        resolver.resolve(mentions, article.text)
        count += len(mentions)
    elapsed = time.perf_counter() - started
    return count, count / elapsed if elapsed else 0.0


def resolution_speed(corpus: str, articles: Sequence[GoldArticle], resolver: Resolver) -> SpeedScores:
    """Resolutions per second cold, on new documents after warm-up, and fully warm.

    Call with a resolver whose gazetteer was just opened, so that the cold figure is cold.
    """
    count, cold = _rate(articles, resolver)
    resolver.gazetteer.clear_caches()
    _rate(articles[0::2], resolver)
    _, new_documents = _rate(articles[1::2], resolver)
    _, warm = _rate(articles, resolver)
    return SpeedScores(corpus, count, cold, new_documents, warm, os.getloadavg()[0])
