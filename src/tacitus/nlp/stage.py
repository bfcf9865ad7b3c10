"""The NLP stage: parse every document with spaCy, in batches.

Why batch: ``nlp.pipe`` amortises the model's per-call overhead; one call per document is ~30% slower.
The parse is attached to the :class:`~tacitus.pipeline.Analysis` as ``parsed`` and never stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from tacitus.nlp.model_loader import DEFAULT_MODEL, EntityPattern, load_model
from tacitus.nlp.text import remember_text
from tacitus.pipeline import Analysis


class SpacyStage:
    """Adds ``parsed``: tokens, sentences, dependency parse and entities (ruler first, then NER)."""

    name: ClassVar[str] = "nlp.spacy"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"document"})
    provides: ClassVar[frozenset[str]] = frozenset({"parsed"})

    def __init__(self, model: str = DEFAULT_MODEL, patterns: Sequence[EntityPattern] = ()) -> None:
        self.nlp: Any = load_model(model, tuple(patterns))

    def __call__(self, analysis: Analysis) -> Analysis:
        doc = self.nlp(analysis.document.text)
        remember_text(doc, analysis.document.text)
        return analysis.model_copy(update={"parsed": doc})

    def process_batch(self, analyses: Sequence[Analysis]) -> list[Analysis]:
        texts = [a.document.text for a in analyses]
        docs = list(self.nlp.pipe(texts, batch_size=len(analyses) or 1))
        for doc, text in zip(docs, texts, strict=True):
            remember_text(doc, text)
        return [a.model_copy(update={"parsed": d}) for a, d in zip(analyses, docs, strict=True)]
