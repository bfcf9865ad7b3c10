"""Score Tacitus's modality against UDS-IH2 event factuality ("did it happen?") on English Web Treebank.

Why this benchmark: UDS-IH2 (Rudinger, White & Van Durme, NAACL 2018) asks, for each verb predicate,
whether the event happened; Tacitus's :func:`tacitus.extract.modality.modality_of` says whether a claim
is asserted, alleged, negated, generic or hypothetical. Asserted maps to *factual*, every other
modality to *non-factual*. The data is not news (weblogs, e-mail, answers, reviews), so expect a gap.

How: each annotated sentence is given to spaCy as its gold tokens (``Doc(words=...)``), so the
predicate is aligned by token index exactly; the predicate token goes to ``modality_of``. Scores:

- binary: gold factual when the UDS 2.0 normalised value is > 0 (the README's split); accuracy, and
  precision/recall/F1 of the non-factual class (what a hedge detector must find), macro-F1;
- regression, as Rudinger et al. report it: their target is rebuilt from the raw annotations (each
  annotator's judgement is +c or -c, c = confidence 0..4 rescaled to 0..3, averaged), and each
  modality is mapped to the mean target of the predicates it was given on the *dev* split, so the
  test split stays unseen. Pearson r and MAE on test; also r against the normalised value.
"""

from __future__ import annotations

import csv
import logging
import math
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tacitus.model import MODALITIES, Modality

log = logging.getLogger(__name__)

ModalityFn = Callable[[Any], Modality]

#: Published figures on UDS-IH2 test (see docs/benchmarks/attribution.md for their provenance).
PUBLISHED: dict[str, str] = {
    "README": "no verified numbers (Rudinger et al. 2018 report MAE / Pearson r on UDS-IH2 test)",
    "DLGRN (2021), via a secondary summary, unverified": "MAE 0.722, r 0.912",
}


@dataclass(frozen=True)
class Predicate:
    """One annotated predicate: its sentence's gold tokens, 0-based index, and the gold values."""

    sentence: str
    tokens: tuple[str, ...]
    index: int
    form: str
    normalized: float
    target: float  # Rudinger et al.'s [-3, 3] mean of signed, rescaled confidences


def rudinger_target(raw: str) -> float:
    """ "27:0:4|41:0:2" -> mean of +-(confidence * 3/4): -2.25 (happened 1 -> +, 0 -> -)."""
    values = []
    for annotation in raw.split("|"):
        _, happened, confidence = annotation.split(":")
        c = int(confidence) * 3 / 4
        values.append(c if happened == "1" else -c)
    return sum(values) / len(values) if values else 0.0


def load_uds(directory: Path, split: str = "test", limit: int | None = None) -> list[Predicate]:
    """Predicates of ``uds_factuality_<split>.tsv`` in file order (of the first ``limit`` sentences)."""
    path = directory / f"uds_factuality_{split}.tsv"
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found; set TACITUS_SHARED to the folder holding datasets/")
    out = []
    with path.open(encoding="utf-8", newline="") as handle:
        sentences: set[str] = set()
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            sentences.add(row["uds_sentence"])
            if limit is not None and len(sentences) > limit:
                break
            out.append(
                Predicate(
                    sentence=row["uds_sentence"],
                    tokens=tuple(row["sentence_tokens"].split(" ")),
                    index=int(row["pred_token_1based"]) - 1,
                    form=row["pred_form"],
                    normalized=float(row["factual_value_normalized"]),
                    target=rudinger_target(row["raw_annotations(annotator:happened:confidence)"]),
                )
            )
    return out


def predict(nlp: Any, predicates: Sequence[Predicate], modality_of: ModalityFn) -> list[Modality | None]:
    """The modality of every predicate (None when its token cannot be aligned)."""
    from spacy.tokens import Doc

    sentences: dict[str, tuple[str, ...]] = {}
    for p in predicates:
        sentences.setdefault(p.sentence, p.tokens)
    keys = list(sentences)
    docs = nlp.pipe((Doc(nlp.vocab, words=list(sentences[k])) for k in keys), batch_size=64)
    parsed = dict(zip(keys, docs, strict=True))
    out: list[Modality | None] = []
    for p in predicates:
        doc = parsed[p.sentence]
        if p.index >= len(doc) or doc[p.index].text != p.form:
            out.append(None)
            continue
        out.append(modality_of(doc[p.index]))
    return out


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    sy = math.sqrt(sum((y - my) ** 2 for y in ys))
    return sxy / (sx * sy) if sx and sy else 0.0


@dataclass
class FactualityReport:
    split: str
    predicates: int
    aligned: int
    accuracy: float
    majority_accuracy: float
    nonfactual_precision: float
    nonfactual_recall: float
    nonfactual_f1: float
    macro_f1: float
    pearson_r: float
    mae: float
    pearson_r_normalized: float
    calibration: dict[str, float]
    modality_counts: dict[str, int]
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["dataset"] = "UDS-IH2 (UDS 2.0 factuality, EWT r1.2)"
        out["published"] = PUBLISHED
        return out


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def calibrate(predicates: Sequence[Predicate], predicted: Sequence[Modality | None]) -> dict[str, float]:
    """Mean Rudinger target per predicted modality (fit on dev; unseen modalities get the overall mean)."""
    sums: dict[str, list[float]] = defaultdict(list)
    for p, m in zip(predicates, predicted, strict=True):
        if m is not None:
            sums[m].append(p.target)
    overall = sum(p.target for p in predicates) / max(len(predicates), 1)
    return {m: (sum(sums[m]) / len(sums[m]) if sums[m] else overall) for m in MODALITIES}


def score(
    split: str,
    predicates: Sequence[Predicate],
    predicted: Sequence[Modality | None],
    calibration: dict[str, float],
    seconds: float = 0.0,
) -> FactualityReport:
    pairs = [(p, m) for p, m in zip(predicates, predicted, strict=True) if m is not None]
    gold_nf = [p.normalized <= 0 for p, _ in pairs]
    pred_nf = [m != "asserted" for _, m in pairs]
    tp = sum(g and q for g, q in zip(gold_nf, pred_nf, strict=True))
    fp = sum(q and not g for g, q in zip(gold_nf, pred_nf, strict=True))
    fn = sum(g and not q for g, q in zip(gold_nf, pred_nf, strict=True))
    tn = len(pairs) - tp - fp - fn
    p_nf, r_nf, f_nf = _f1(tp, fp, fn)
    _, _, f_f = _f1(tn, fn, fp)
    values = [calibration[m] for _, m in pairs]
    targets = [p.target for p, _ in pairs]
    counts: dict[str, int] = defaultdict(int)
    for _, m in pairs:
        counts[m] += 1
    factual = sum(not g for g in gold_nf)
    n = len(pairs) or 1
    return FactualityReport(
        split=split,
        predicates=len(predicates),
        aligned=len(pairs),
        accuracy=(tp + tn) / n,
        majority_accuracy=max(factual, len(pairs) - factual) / n,
        nonfactual_precision=p_nf,
        nonfactual_recall=r_nf,
        nonfactual_f1=f_nf,
        macro_f1=(f_nf + f_f) / 2,
        pearson_r=pearson(values, targets),
        mae=sum(abs(v - t) for v, t in zip(values, targets, strict=True)) / n,
        pearson_r_normalized=pearson(values, [p.normalized for p, _ in pairs]),
        calibration=calibration,
        modality_counts=dict(counts),
        seconds=seconds,
    )


def evaluate_uds(
    directory: Path, nlp: Any, modality_of: ModalityFn | None = None, limit: int | None = None
) -> FactualityReport:
    """Calibrate on dev, score on test (both splits parsed: about 25,000 tokens each).

    ``limit`` keeps the first N sentences of each split (a quick smoke run, not a benchmark figure).
    """
    if modality_of is None:
        from tacitus.extract.modality import modality_of as default_modality

        modality_of = default_modality
    began = time.perf_counter()
    dev = load_uds(directory, "dev", limit)
    calibration = calibrate(dev, predict(nlp, dev, modality_of))
    test = load_uds(directory, "test", limit)
    predicted = predict(nlp, test, modality_of)
    report = score("test", test, predicted, calibration, time.perf_counter() - began)
    log.info("UDS-IH2 test: %d predicates in %.1f s", report.aligned, report.seconds)
    return report
