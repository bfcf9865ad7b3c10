"""Evaluation of the event finder: CASE 2021 Task 2 typing, MUC-4 role fillers, and the own suite.

Why three: CASE scores the sub-event typing alone on news-like snippets (the published best is a
fine-tuned transformer); MUC-4 scores who did what to whom on long documents of another era; the suite
(tests/data/events_suite.jsonl) is the only one that scores negation, hypotheticals, generic statements
and history, which neither benchmark annotates. Each scorer follows its benchmark's published protocol
as closely as its README lets us (docs/benchmarks/events.md says where it differs).
"""

from __future__ import annotations

import csv
import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tacitus.actors.dictionary import ActorDictionary
from tacitus.actors.mentions import find_mentions
from tacitus.actors.stage import actors_from_mentions
from tacitus.extract.event_classifier import NONE, EventTypeClassifier, Example, load_training
from tacitus.extract.event_merge import COUNTED
from tacitus.extract.events import EventStage
from tacitus.model import Document, Event
from tacitus.pipeline import Analysis

log = logging.getLogger(__name__)

CASE_CODES: dict[str, str] = {
    "ARMED_CLASH": "Armed clash",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "AIR_STRIKE": "Air/drone strike",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "CHEM_WEAP": "Chemical weapon",
    "GRENADE": "Grenade",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SUIC_BOMB": "Suicide bomb",
    "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "SEX_VIOL": "Sexual violence",
    "PEACE_PROTEST": "Peaceful protest",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "VIOL_DEMONSTR": "Violent demonstration",
    "MOB_VIOL": "Mob violence",
    "AGREEMENT": "Agreement",
    "ARREST": "Arrests",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "OTHER": "Other",
}
SUB_TYPE_CODES = {name: code for code, name in CASE_CODES.items()}
PUBLISHED_CASE_BEST = 0.839


def shared_dir(repo_root: Path | None = None, environ: dict[str, str] | None = None) -> Path:
    """Where the shared datasets live: $TACITUS_SHARED, else the ``shared`` folder next to the repo."""
    import os

    env = os.environ if environ is None else environ
    if env.get("TACITUS_SHARED"):
        return Path(env["TACITUS_SHARED"])
    root = repo_root or Path(__file__).resolve().parents[3]
    return root.parent / "shared"


class EventAnalyser:
    """Parse, resolve actors and find events in a bare text: the pipeline's event half, for evaluation."""

    def __init__(
        self,
        dictionary: ActorDictionary | None = None,
        model: str | None = None,
        classifier: EventTypeClassifier | None = None,
        use_classifier: bool = True,
    ) -> None:
        from tacitus.nlp.model_loader import DEFAULT_MODEL, load_model

        self.dictionary = dictionary or ActorDictionary.load()
        self.nlp: Any = load_model(model or DEFAULT_MODEL, tuple(self.dictionary.patterns()))
        self.stage = EventStage(self.dictionary, classifier=classifier, use_classifier=use_classifier)

    def with_classifier(self, classifier: EventTypeClassifier | None, use_classifier: bool = True) -> None:
        """Swap the event stage's sentence classifier (cross-validation folds reuse one parser)."""
        self.stage = EventStage(self.dictionary, classifier=classifier, use_classifier=use_classifier)

    def analyse(self, text: str, doc: Any = None, published: Any = None) -> list[Event]:
        """Events of ``text`` (claims, dates and places are left empty: typing and actors only)."""
        parsed = doc if doc is not None else self.nlp(text)
        mentions = find_mentions(parsed, self.dictionary)
        actors = actors_from_mentions(mentions, self.dictionary, text)
        document = Document(id="eval", text=text, published=published)
        analysis = Analysis(document=document, parsed=parsed, actors=actors)
        return self.stage.events(analysis)

    def pipe(self, texts: Sequence[str]) -> Iterable[tuple[str, Any]]:
        """Texts with their parses, in batches."""
        return zip(texts, self.nlp.pipe(texts, batch_size=64), strict=True)


def main_event(events: Sequence[Event], priority: Callable[[str], int]) -> Event | None:
    """The event a one-event snippet is about: counted before uncounted, then the earliest sentence
    (news leads with the event; later sentences give background), then the most specific type."""
    if not events:
        return None
    return max(events, key=lambda e: (e.modality in COUNTED, -e.evidence.start, priority(e.sub_type)))


@dataclass
class ClassScores:
    """Per-class and weighted-average precision, recall and F1."""

    per_class: dict[str, tuple[float, float, float, int]] = field(default_factory=dict)
    weighted_f1: float = 0.0
    accuracy: float = 0.0


def weighted_f1(gold: Sequence[str], predicted: Sequence[str | None], labels: Sequence[str]) -> ClassScores:
    """Support-weighted F1 over ``labels`` (scikit-learn's ``average="weighted"``, as CASE 2021 scored)."""
    scores = ClassScores()
    total = 0
    weighted = 0.0
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        support = tp + fn
        scores.per_class[label] = (precision, recall, f1, support)
        weighted += f1 * support
        total += support
    scores.weighted_f1 = weighted / total if total else 0.0
    scores.accuracy = (
        sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / len(gold) if gold else 0.0
    )
    return scores


@dataclass
class CaseResult:
    """CASE 2021 Task 2 figures on the rows read."""

    rows: int
    acled_rows: int
    scores: ClassScores
    false_event_rate: float
    non_acled_rows: int
    confusions: list[tuple[str, str, int]]


def read_case(path: Path) -> list[tuple[str, str, str]]:
    """(id, snippet, label) rows of a CASE 2021 Task 2 TSV file."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["id"], row["EventSnippet"], row["SubType"]) for row in reader]


def _case_result(rows: Sequence[tuple[str, str, str]], predicted: Sequence[str | None]) -> CaseResult:
    gold = [r[2] for r in rows]
    acled = [i for i, g in enumerate(gold) if g in CASE_CODES]
    others = [i for i, g in enumerate(gold) if g not in CASE_CODES]
    scores = weighted_f1([gold[i] for i in acled], [predicted[i] for i in acled], list(CASE_CODES))
    false_events = sum(1 for i in others if predicted[i] is not None)
    confusions = Counter((gold[i], predicted[i] or "NONE") for i in acled if gold[i] != predicted[i])
    return CaseResult(
        rows=len(rows),
        acled_rows=len(acled),
        scores=scores,
        false_event_rate=false_events / len(others) if others else 0.0,
        non_acled_rows=len(others),
        confusions=[(g, p, n) for (g, p), n in confusions.most_common(15)],
    )


def _predict_case(analyser: EventAnalyser, parsed: Sequence[tuple[str, Any]]) -> list[str | None]:
    priority = analyser.stage.finder.lexicon.sub_types
    predicted: list[str | None] = []
    for text, doc in parsed:
        event = main_event(analyser.analyse(text, doc), lambda s: priority[s].priority)
        predicted.append(SUB_TYPE_CODES[event.sub_type] if event is not None else None)
    return predicted


def evaluate_case(analyser: EventAnalyser, path: Path, limit: int | None = None) -> CaseResult:
    """Type every snippet by its main event; weighted F1 over the 25 ACLED classes on ACLED-labelled rows.

    The classifier is the analyser's (by default trained on the project's own snippets only): no CASE
    row is ever trained on here.
    """
    rows = read_case(path)[:limit]
    parsed = list(analyser.pipe([r[1] for r in rows]))
    return _case_result(rows, _predict_case(analyser, parsed))


@dataclass
class CrossValidation:
    """The k-fold figure: pooled over all held-out predictions, and the per-fold weighted F1."""

    pooled: CaseResult
    fold_f1: list[float]
    seed: int

    @property
    def mean_f1(self) -> float:
        """Mean of the folds' weighted F1."""
        return sum(self.fold_f1) / len(self.fold_f1) if self.fold_f1 else 0.0

    @property
    def std_f1(self) -> float:
        """Population standard deviation of the folds' weighted F1 (the spread between folds)."""
        if not self.fold_f1:
            return 0.0
        mean = self.mean_f1
        return float((sum((f - mean) ** 2 for f in self.fold_f1) / len(self.fold_f1)) ** 0.5)


def cross_validate_case(
    analyser: EventAnalyser, path: Path, folds: int = 5, seed: int = 13
) -> CrossValidation:
    """Protocol (b): stratified ``folds``-fold cross-validation on the dev half. Each fold's classifier
    is trained on the packaged training snippets plus the CASE rows of the other folds (non-ACLED rows
    as ``NONE``) and types only the fold it never saw: no snippet is scored by a model trained on it.
    Reported pooled over all folds and as the mean and spread of the folds' weighted F1.
    """
    from sklearn.model_selection import StratifiedKFold  # type: ignore[import-untyped]

    rows = read_case(path)
    parsed = list(analyser.pipe([r[1] for r in rows]))
    own = load_training()
    predicted: list[str | None] = [None] * len(rows)
    labels = [r[2] for r in rows]
    fold_f1: list[float] = []
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    try:
        for train_idx, test_idx in splitter.split([r[1] for r in rows], labels):
            extra = [Example(rows[i][1], CASE_CODES.get(rows[i][2], NONE)) for i in train_idx]
            analyser.with_classifier(EventTypeClassifier.train(own + extra))
            fold = _predict_case(analyser, [parsed[i] for i in test_idx])
            for i, label in zip(test_idx, fold, strict=True):
                predicted[int(i)] = label
            fold_f1.append(_case_result([rows[i] for i in test_idx], fold).scores.weighted_f1)
    finally:
        analyser.with_classifier(None)
    return CrossValidation(pooled=_case_result(rows, predicted), fold_f1=fold_f1, seed=seed)


@dataclass
class SuiteResult:
    """Scores on the project's own suite of short passages."""

    passages: int
    type_f1: float
    sub_type_f1: float
    actor1_accuracy: float
    modality_accuracy: float
    uncounted_asserted: int
    failures: list[str]


def _f1(gold: Sequence[tuple[str, str]], predicted: Sequence[tuple[str, str]]) -> float:
    remaining = Counter(predicted)
    tp = 0
    for item in gold:
        if remaining[item] > 0:
            tp += 1
            remaining[item] -= 1
    precision = tp / len(predicted) if predicted else (1.0 if not gold else 0.0)
    recall = tp / len(gold) if gold else (1.0 if not predicted else 0.0)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def evaluate_suite(analyser: EventAnalyser, path: Path) -> SuiteResult:
    """Micro F1 of (passage, type) and (passage, sub_type) over counted events; modality and actor1 agreement.

    ``uncounted_asserted`` is the number of events asserted or alleged from passages whose gold says the
    event is negated or hypothetical: the target is zero.
    """
    import datetime as dt

    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold_types: list[tuple[str, str]] = []
    pred_types: list[tuple[str, str]] = []
    gold_subs: list[tuple[str, str]] = []
    pred_subs: list[tuple[str, str]] = []
    actor_hits = actor_total = modality_hits = modality_total = uncounted_asserted = 0
    failures: list[str] = []
    for item in items:
        published = dt.date.fromisoformat(item["published"]) if item.get("published") else None
        events = analyser.analyse(item["text"], published=published)
        key = item["id"]
        counted = [e for e in events if e.modality in COUNTED]
        for gold in item["events"]:
            if gold["modality"] in COUNTED:
                gold_types.append((key, gold["type"]))
                gold_subs.append((key, gold["sub_type"]))
            same = [e for e in events if e.sub_type == gold["sub_type"]]
            modality_total += 1
            if same and any(e.modality == gold["modality"] for e in same):
                modality_hits += 1
            else:
                failures.append(
                    f"{key}: modality/sub_type {gold['sub_type']}/{gold['modality']} got "
                    f"{[(e.sub_type, e.modality) for e in events]}"
                )
            if gold.get("actor1") and gold["modality"] in COUNTED:
                actor_total += 1
                if any(e.actor1 == gold["actor1"] for e in same):
                    actor_hits += 1
        if item["events"] and all(g["modality"] in {"negated", "hypothetical"} for g in item["events"]):
            uncounted_asserted += len(counted)
        pred_types.extend((key, e.type) for e in counted)
        pred_subs.extend((key, e.sub_type) for e in counted)
    return SuiteResult(
        passages=len(items),
        type_f1=_f1(gold_types, pred_types),
        sub_type_f1=_f1(gold_subs, pred_subs),
        actor1_accuracy=actor_hits / actor_total if actor_total else 0.0,
        modality_accuracy=modality_hits / modality_total if modality_total else 0.0,
        uncounted_asserted=uncounted_asserted,
        failures=failures,
    )
