"""A small trained sentence classifier for ACLED sub-event types, combined with the trigger rules.

Why: the trigger rules (``event_lexicon.yaml``) are precise when a specific word fires ("suicide bomber",
"tear gas") but brittle on the families ACLED separates by circumstance rather than by word (armed clash
vs territory change, the protest family, the strategic developments), and they cannot tell a chemical
spill or a drug seizure from an event. A linear model over word and character n-grams, trained at first
use on short snippets the project wrote itself (``data/event_training.jsonl``, >= 20 per sub-type plus
negatives labelled ``NONE``), reads the whole sentence. Training takes about a second, is deterministic
(fixed ``random_state``, liblinear-free solver) and is cached per process, so nothing binary is shipped.

How the two are combined (``TypingPolicy.decide``, docs/events.md): a rule type from a specific,
high-priority trigger is kept unless the model is confident of another type; otherwise the model's type
wins when it is reasonably sure; a sentence the model confidently calls ``NONE`` yields no event unless a
specific trigger fired; and a sentence without any trigger yields an event only when the model is sure.
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

log = logging.getLogger(__name__)

NONE = "NONE"
SEED = 13


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


def load_training() -> list[Example]:
    """The packaged training snippets (written for this project; see docs/events.md)."""
    text = (
        importlib.resources.files("tacitus.extract")
        .joinpath("data", "event_training.jsonl")
        .read_text(encoding="utf-8")
    )
    return read_examples(text.splitlines())


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
    """TF-IDF word (1-2) and character (2-5, in words) n-grams into a multinomial logistic regression."""

    def __init__(self, model: Any) -> None:
        self._model = model
        self.labels: tuple[str, ...] = tuple(str(c) for c in model.classes_)

    @classmethod
    def train(cls, examples: Sequence[Example], c: float = 20.0) -> EventTypeClassifier:
        """Fit on ``examples``; deterministic for a given input order."""
        from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
        from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
        from sklearn.pipeline import FeatureUnion, make_pipeline  # type: ignore[import-untyped]

        started = time.perf_counter()
        features = FeatureUnion(
            [
                (
                    "words",
                    TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True, min_df=1),
                ),
                (
                    "chars",
                    TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
                ),
            ]
        )
        model = make_pipeline(
            features, LogisticRegression(C=c, max_iter=3000, random_state=SEED, class_weight="balanced")
        )
        model.fit([e.text for e in examples], [e.label for e in examples])
        log.info("event classifier trained on %d snippets in %.2fs", len(examples), time.perf_counter() - started)
        return cls(model)

    def probabilities(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Per text, the probability of every label (sub-types and ``NONE``)."""
        if not texts:
            return []
        rows = self._model.predict_proba(list(texts))
        return [dict(zip(self.labels, (float(p) for p in row), strict=True)) for row in rows]

    def best(self, text: str) -> tuple[str, float]:
        """The most probable label of ``text`` and its probability."""
        probs = self.probabilities([text])[0]
        label = max(probs, key=lambda k: probs[k])
        return label, probs[label]


@functools.lru_cache(maxsize=1)
def default_classifier() -> EventTypeClassifier:
    """The classifier trained on the packaged snippets, once per process."""
    return EventTypeClassifier.train(load_training())


@dataclass(frozen=True)
class TypingPolicy:
    """How a rule type and the model's probabilities make the sentence's type (or no event).

    ``keep_rule``: a specific trigger (priority >= ``specific_priority``) keeps its type unless the model
    gives another label at least this much. ``override``: a generic trigger's type gives way to the
    model's label when the model gives it at least this much. ``drop``: with a generic trigger (or none),
    a ``NONE`` probability of at least this means no event. ``create``: a sentence without a trigger gets
    the model's label when it has at least this probability.
    """

    specific_priority: int = 65
    keep_rule: float = 0.6
    override: float = 0.3
    drop: float = 0.45
    create: float = 0.55

    def decide(self, rule: str | None, priority: int, probs: dict[str, float]) -> str | None:
        """The sub-type to use, or None for no event."""
        label = max(probs, key=lambda k: probs[k])
        p = probs[label]
        if rule is None:
            return label if label != NONE and p >= self.create else None
        if priority >= self.specific_priority:
            return label if label not in {NONE, rule} and p >= self.keep_rule else rule
        if probs.get(NONE, 0.0) >= self.drop:
            return None
        if label != NONE and p >= self.override:
            return label
        return rule
