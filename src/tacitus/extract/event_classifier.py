"""A small trained sentence classifier for ACLED sub-event types, combined with the trigger rules.

Why: the trigger rules (``event_lexicon.yaml``) are precise when a specific word fires ("suicide bomber",
"tear gas") but brittle on the families ACLED separates by circumstance rather than by word (armed clash
vs territory change, the protest family, the strategic developments), and they cannot tell a chemical
spill or a drug seizure from an event. A linear model over word and character n-grams, trained at first
use on short snippets the project wrote itself (``TRAINING_FILES``: >= 20 per sub-type plus negatives
labelled ``NONE``, the single-type passages of the own suite, marked with their ``source``, and
news-style sentences for the classes the first set typed worst), reads the whole sentence. Training
takes about a second, is deterministic (fixed ``random_state``, one thread) and is cached per process,
so nothing binary is shipped. No CASE 2021 row is in the training files (a test checks that no 8-word
run is shared with the CASE dev half).

How the two are combined (``TypingPolicy.decide``, docs/events.md): a rule type from a specific,
high-priority trigger (the weapon words) is kept; otherwise the model's type wins when it is reasonably
sure; a sentence the model calls ``NONE`` by a margin yields no event (a wider margin for specific
triggers and for negated or hypothetical mentions); a sentence without any trigger yields an event only
when the model is sure of a type.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from tacitus.extract.event_scoring import FastScorer, WindowScorer

log = logging.getLogger(__name__)

NONE = "NONE"
SEED = 13
#: How much a sentence's scores lean on its window (the sentence and its neighbours): 0.4-0.7 all
#: helped both CASE protocols by about the same (docs/benchmarks/events.md); 0.5 is the middle.
CONTEXT_WEIGHT = 0.5


@dataclass(frozen=True)
class Example:
    """One training snippet and its label: an ACLED sub-event type, or ``NONE`` for a non-event."""

    text: str
    label: str


def read_examples(lines: Iterable[str]) -> list[Example]:
    """Examples from JSON Lines with ``text`` and ``label`` (blank lines ignored)."""
    examples = []
    for line in lines:
        if line.strip():
            item = json.loads(line)
            examples.append(Example(text=str(item["text"]), label=str(item["label"])))
    return examples


#: The packaged training files, read in this order: the first set of ACLED-note-style snippets and the
#: suite's single-type passages, then news-style sentences written for the classes the first set typed
#: worst on the CASE dev half (docs/benchmarks/events.md), then sentences written from the ACLED
#: codebook's definition of each weak sub-type, with non-event negatives (disasters, crime, diplomacy).
TRAINING_FILES = ("event_training.jsonl", "event_training_news.jsonl", "event_training_codebook.jsonl")


def load_training() -> list[Example]:
    """The packaged training snippets (written for this project; see docs/events.md)."""
    data = importlib.resources.files("tacitus.extract").joinpath("data")
    examples: list[Example] = []
    for name in TRAINING_FILES:
        examples.extend(read_examples(data.joinpath(name).read_text(encoding="utf-8").splitlines()))
    return examples


def suite_examples(path: Path) -> list[Example]:
    """Passages of the own suite whose events all share one sub-type, labelled with it.

    Why: the suite's passages are short and in the style of the reports the pipeline reads; its
    negated and hypothetical passages still name a sub-type (typing is independent of modality).
    """
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        sub_types = {e["sub_type"] for e in item["events"]}
        if len(sub_types) == 1:
            examples.append(Example(text=item["text"], label=sub_types.pop()))
    return examples


class EventTypeClassifier:
    """TF-IDF word (1-2) and character (3-6, inside words) n-grams into a linear SVM (one-vs-rest).

    Measured on the CASE dev half (held-out and 5-fold, docs/benchmarks/events.md) and dropped: the
    trigger lexicon's hits as features (they made the model agree with the rules on the non-events:
    false-event rate 0.26 -> 0.45, no F1 gained); masking numbers or capitalised names (no gain, names
    masked raised the false-event rate); class weights "balanced" (more false events); word trigrams,
    C of 0.3 or 1.0, char 2-6 or 3-7 (all within half a point). Char 3-6 replaced 2-5 (+0.2 to +1.3).

    v4 (2026-11-23) reads each sentence in its window (``scores_in_context``): CASE dev (a) 0.737 ->
    0.743 and (b) pooled 0.746 -> 0.751 (fold mean 0.735 -> 0.741), false events 15.3% -> 14.1% (a) and
    9.4% -> 8.2% (b); window weights 0.4-0.7 all helped, 1.0 (the window alone) did not. Measured in the
    same harness and dropped: a third TF-IDF block over spaCy lemmas, over entity-type placeholders
    (GPE, NORP, ORG, CARDINAL...) or both (no F1 on either protocol, false events up to 18.8% / 12.9%);
    per-block weights (chars or words 0.8); ``NONE`` weighted 1.5; SGD (modified Huber, -11 points),
    ridge, logistic regression (a -5 points, 5 s to train), SVM + ComplementNB or + ridge score
    ensembles (all lower on both); policy grid steps around v3 (none better on both protocols).
    No spaCy package with static vectors installs here (no en_core_web_md for Python 3.11 on PyPI).

    Why a linear SVM: on the project's 2 cores it trains in well under a second where a multinomial
    logistic regression took 4-15 s, and it typed the CASE dev half as well or better. Its per-label
    decision scores (signed distances, 0 = the boundary) serve as confidences for ``TypingPolicy``.
    """

    def __init__(self, model: Any) -> None:
        self._model = model
        self.labels: tuple[str, ...] = tuple(str(c) for c in model.classes_)
        self._fast = FastScorer.of(model)
        self._windows = WindowScorer.of(self._fast)

    @classmethod
    def train(cls, examples: Sequence[Example], c: float = 0.5) -> EventTypeClassifier:
        """Fit on ``examples``; deterministic for a given input (fixed ``random_state``, one thread)."""
        from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
        from sklearn.pipeline import FeatureUnion, make_pipeline  # type: ignore[import-untyped]
        from sklearn.svm import LinearSVC  # type: ignore[import-untyped]
        from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

        started = time.perf_counter()
        features = FeatureUnion(
            [
                ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
                (
                    "chars",
                    TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 6), sublinear_tf=True, min_df=2),
                ),
            ]
        )
        model = make_pipeline(features, LinearSVC(C=c, random_state=SEED))
        with threadpool_limits(limits=1):  # two cores shared with spaCy: threads only contend
            model.fit([e.text for e in examples], [e.label for e in examples])
        log.info(
            "event classifier trained on %d snippets in %.2fs", len(examples), time.perf_counter() - started
        )
        return cls(model)

    def scores(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Per text, the decision score of every label (sub-types and ``NONE``)."""
        if not texts:
            return []
        if self._fast is not None:
            rows = self._fast.decision_function(list(texts))
        else:
            rows = self._model.decision_function(list(texts))
        return self._named(rows)

    def _named(self, rows: Any) -> list[dict[str, float]]:
        # ``tolist`` gives the same Python floats as ``float(v)`` per value, converted in one C call.
        labels = self.labels
        return [dict(zip(labels, row, strict=True)) for row in np.asarray(rows, dtype=np.float64).tolist()]

    def scores_in_context(
        self, documents: Sequence[Sequence[str]], weight: float = CONTEXT_WEIGHT
    ) -> list[list[dict[str, float] | None]]:
        """Per document, per sentence (in order), its scores blended with those of its window.

        A sentence's window is the sentence with the non-blank sentences just before and after it;
        its scores are ``(1 - weight) * sentence + weight * window`` (None for a blank sentence). Why:
        news states the event in one sentence and the circumstance ACLED types by in the next ("... they
        stormed the town. The army had held it since 2017."); a sentence read alone loses it. Windows
        never cross documents. All sentences and windows of all documents are scored in one call.
        """
        texts = [[t.strip() for t in doc] for doc in documents]
        kept = [[t for t in doc if t] for doc in texts]
        sentences = [t for doc in kept for t in doc]
        spans: list[tuple[int, int]] = []
        for doc in kept:
            offset = len(spans)
            spans.extend((offset + max(0, i - 1), offset + min(len(doc), i + 2)) for i in range(len(doc)))
        if weight and sentences and self._windows is not None:
            rows, window_rows = self._windows.decision_function(sentences, spans)
            # The blend below, on whole arrays: each element is the same two float64 products and one sum
            # (NumPy rounds each operation as Python does), so the numbers are bit for bit the same.
            mixed = (1 - weight) * np.asarray(rows, dtype=np.float64)
            mixed += weight * np.asarray(window_rows, dtype=np.float64)
            blended = iter(self._named(mixed))
        else:
            windows = [" ".join(sentences[a:b]) for a, b in spans] if weight else []
            scored = iter(self.scores(sentences + windows))
            own = [next(scored) for _ in sentences]
            around = list(scored) if weight else own
            blended = iter(
                {k: (1 - weight) * s[k] + weight * w[k] for k in s} if weight else s
                for s, w in zip(own, around, strict=True)
            )
        return [[next(blended) if t else None for t in doc] for doc in texts]

    def best(self, text: str) -> tuple[str, float]:
        """The best-scoring label of ``text`` and its score."""
        scores = self.scores([text])[0]
        label = max(scores, key=lambda k: scores[k])
        return label, scores[label]


@functools.lru_cache(maxsize=1)
def default_classifier() -> EventTypeClassifier:
    """The classifier trained on the packaged snippets, once per process."""
    return EventTypeClassifier.train(load_training())


@dataclass(frozen=True)
class TypingPolicy:
    """How a rule type and the model's scores make a sentence's type, or no event.

    The rules keep their type when the two disagree only on a distinction the rules make from the
    actors' types (``actor_resolved``: who took territory), and when the trigger is specific (priority
    >= ``specific_priority``: the weapon words) unless the model is on the positive side of its own
    boundary (score >= ``override_specific``: "troops defused an IED" is disrupted weapons use, not a
    remote explosive). Otherwise the model's label wins when its score reaches ``override`` and beats the
    rule's own type by ``override_margin`` (a near tie keeps the rule). ``NONE``
    winning by a margin of ``drop`` (``drop_specific`` for a specific trigger or an uncounted mention)
    removes the event: that margin is the abstain threshold behind the false-event rate (a chemical
    spill, a drug seizure). A sentence without a trigger gets the model's label when its score reaches
    ``create`` and beats ``NONE`` by ``create_margin`` (a near tie with ``NONE`` is an abstention:
    "CTS is the elite Iraqi Counter Terrorism Service." is no arrest). Values were chosen on the CASE
    dev half, by the held-out and the 5-fold figures, among a small grid (docs/benchmarks/events.md).
    """

    specific_priority: int = 75
    override: float = -0.5
    override_margin: float = 0.1
    drop: float = 0.0
    drop_specific: float = 0.15
    create: float = -0.3
    create_margin: float = 0.2
    override_specific: float = 0.0
    actor_resolved: tuple[frozenset[str], ...] = (
        frozenset({"Government regains territory", "Non-state actor overtakes territory"}),
    )

    def decide(
        self, rule: str | None, priority: int, scores: dict[str, float], counted: bool = True
    ) -> str | None:
        """The sub-type to use, or None for no event. ``counted=False`` (events that are negated,
        hypothetical or generic) are dropped only at the specific triggers' margin: the model was not
        trained to read negation, the modality rules were."""
        ranked = sorted(scores, key=lambda k: -scores[k])
        label, top = ranked[0], scores[ranked[0]]
        margin = top - scores[ranked[1]] if len(ranked) > 1 else top
        if rule is None:
            ahead = top - scores.get(NONE, float("-inf"))
            return label if label != NONE and top >= self.create and ahead >= self.create_margin else None
        specific = priority >= self.specific_priority
        if label == NONE:
            return None if margin >= (self.drop if counted and not specific else self.drop_specific) else rule
        if any(rule in g and label in g for g in self.actor_resolved):
            return rule
        if specific:
            return label if top >= self.override_specific else rule
        ahead = top - scores.get(rule, float("-inf"))
        return label if top >= self.override and ahead >= self.override_margin else rule
