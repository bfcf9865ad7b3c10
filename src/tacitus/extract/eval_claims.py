"""Evaluate the claim finder on the project's own suite and on the Gun Violence Corpus.

Matching, decided once (docs/benchmarks/claims.md):

* suite: within one item, a predicted claim matches a gold claim when the kinds are equal and their
  numbers overlap (some non-null value among min/max/best of one equals one of the other's); pairs are
  taken greedily in text order, each claim used once. Precision = matched / predicted, recall =
  matched / gold. *Exact* = matched pairs whose (kind, min, max) are equal, over all gold claims.
  Modality, source (speaker), unit, rate, victim and actor accuracy are over matched pairs; speakers
  and victims/actors compare case-insensitively, one containing the other (surface forms differ in
  determiners: "the army" / "army").
* GVC: for each incident, the killed (injured) figure is the largest ``best`` (else ``min``) of the
  asserted or alleged killed (injured) claims in all its documents, 0 when there is none; it is right when
  it equals the Gun Violence Archive record.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tacitus.extract.claims import ClaimStage
from tacitus.model import Claim, Document
from tacitus.pipeline import Analysis

SUITE = Path(__file__).resolve().parents[3] / "tests" / "data" / "claims_suite.jsonl"


def shared_dir(shared: Path | None = None) -> Path:
    """The shared datasets folder: the argument, else ``TACITUS_SHARED``, else ``../shared``."""
    if shared is not None:
        return shared
    env = os.environ.get("TACITUS_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared"


@dataclass
class SuiteScores:
    """Counts and rates of the suite evaluation."""

    items: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    exact: int = 0
    agree: dict[str, int] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)

    def rate(self, name: str) -> float:
        return self.agree.get(name, 0) / self.matched if self.matched else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> dict[str, float]:
        out = {
            "items": float(self.items),
            "gold": float(self.gold),
            "predicted": float(self.predicted),
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "exact": self.exact / self.gold if self.gold else 0.0,
        }
        for name in ("modality", "source", "unit", "per", "victim", "actor"):
            out[name] = self.rate(name)
        return out


def _numbers(c: dict[str, Any]) -> set[float]:
    return {float(c[k]) for k in ("min", "max", "best") if c.get(k) is not None}


def _loose(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    x, y = a.lower().strip(), b.lower().strip()
    return x in y or y in x


def _as_gold(claim: Claim) -> dict[str, Any]:
    return {
        "kind": claim.kind,
        "min": claim.min,
        "max": claim.max,
        "best": claim.best,
        "unit": claim.unit,
        "per": claim.per,
        "modality": claim.modality,
        "victim": claim.victim,
        "actor": claim.actor,
        "source": claim.source.speaker if claim.source else None,
    }


def score_item(
    gold: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]], scores: SuiteScores
) -> bool:
    """Add one item's comparison to ``scores``; True when everything matched exactly."""
    scores.items += 1
    scores.gold += len(gold)
    scores.predicted += len(predicted)
    used: set[int] = set()
    perfect = len(gold) == len(predicted)
    for g in gold:
        hit = next(
            (
                i
                for i, p in enumerate(predicted)
                if i not in used and p["kind"] == g["kind"] and _numbers(p) & _numbers(g)
            ),
            None,
        )
        if hit is None:
            perfect = False
            continue
        used.add(hit)
        p = predicted[hit]
        scores.matched += 1
        same = (p["kind"], p["min"], p["max"]) == (g["kind"], g["min"], g["max"])
        scores.exact += same
        perfect = perfect and same
        checks = {
            "modality": p["modality"] == g["modality"],
            "source": _loose(p["source"], g["source"]),
            "unit": p["unit"] == g["unit"],
            "per": p["per"] == g["per"],
            "victim": _loose(p["victim"], g["victim"]),
            "actor": _loose(p["actor"], g["actor"]),
        }
        for name, ok in checks.items():
            scores.agree[name] = scores.agree.get(name, 0) + ok
    return perfect


def _pipeline() -> tuple[Any, Any]:
    from tacitus.extract.quotes import QuoteStage
    from tacitus.nlp.stage import SpacyStage

    return SpacyStage(), QuoteStage()


def analyse(texts: Iterable[str], stages: tuple[Any, Any] | None = None) -> list[list[Claim]]:
    """Claims for each text: spaCy, quotes, claims (the order of the real pipeline)."""
    spacy_stage, quote_stage = stages or _pipeline()
    claim_stage = ClaimStage()
    analyses = [Analysis(document=Document(id=str(i), text=t)) for i, t in enumerate(texts)]
    parsed = spacy_stage.process_batch(analyses)
    return [claim_stage(quote_stage(a)).claims for a in parsed]


def evaluate_suite(path: Path | None = None, stages: tuple[Any, Any] | None = None) -> SuiteScores:
    """Score the claim finder on the suite file (JSON Lines: text, claims)."""
    items = [
        json.loads(line) for line in (path or SUITE).read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    predicted = analyse([item["text"] for item in items], stages)
    scores = SuiteScores()
    for item, claims in zip(items, predicted, strict=True):
        rows = [_as_gold(c) for c in claims]
        if not score_item(item["claims"], rows, scores):
            scores.misses.append(
                {"id": item["id"], "text": item["text"], "gold": item["claims"], "got": rows}
            )
    return scores


@dataclass
class GvcScores:
    """Per-incident agreement of killed/injured figures with the Gun Violence Archive."""

    incidents: int = 0
    documents: int = 0
    killed_right: int = 0
    injured_right: int = 0
    both_right: int = 0

    def summary(self) -> dict[str, float]:
        n = self.incidents or 1
        return {
            "incidents": float(self.incidents),
            "documents": float(self.documents),
            "killed_accuracy": self.killed_right / n,
            "injured_accuracy": self.injured_right / n,
            "both_accuracy": self.both_right / n,
        }


def incident_figure(claims: Iterable[Claim], kind: str) -> float:
    """The conservative per-incident figure: the largest best (else min) of asserted/alleged claims."""
    values = [
        c.best if c.best is not None else c.min
        for c in claims
        if c.kind == kind and c.modality in ("asserted", "alleged") and c.per is None
    ]
    return max((v for v in values if v is not None), default=0.0)


def evaluate_gvc(
    shared: Path | None = None,
    limit: int | None = None,
    stages: tuple[Any, Any] | None = None,
    splits: Sequence[str] | None = None,
) -> GvcScores | None:
    """Killed/injured accuracy per GVC incident; None when the dataset is absent.

    ``splits`` keeps the incidents of those splits of Bugert et al. (``train``, ``dev``, ``test``):
    rules are developed looking at train+dev errors only, and test is reported untouched."""
    folder = shared_dir(shared) / "datasets" / "incidents" / "gvc"
    docs_file, gva_file = folder / "gvc_documents.jsonl", folder / "gvc_incidents_gva.jsonl"
    if not docs_file.is_file() or not gva_file.is_file():
        return None
    gva = [json.loads(line) for line in gva_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [json.loads(line) for line in docs_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    if splits is not None:
        gva = [g for g in gva if g.get("split") in splits]
    if limit is not None:
        gva = gva[:limit]
    wanted = {str(g["incident_id"]) for g in gva}
    docs = [d for d in docs if str(d["gvc_incident_id"]) in wanted]
    texts = [f"{d.get('title') or ''}\n\n{d.get('content') or ''}" for d in docs]
    per_doc = analyse(texts, stages)
    by_incident: dict[str, list[Claim]] = {}
    for d, claims in zip(docs, per_doc, strict=True):
        by_incident.setdefault(str(d["gvc_incident_id"]), []).extend(claims)
    scores = GvcScores(documents=len(docs))
    for g in gva:
        claims = by_incident.get(str(g["incident_id"]), [])
        killed_ok = incident_figure(claims, "killed") == float(g["num_killed"])
        injured_ok = incident_figure(claims, "injured") == float(g["num_injured"])
        scores.incidents += 1
        scores.killed_right += killed_ok
        scores.injured_right += injured_ok
        scores.both_right += killed_ok and injured_ok
    return scores
