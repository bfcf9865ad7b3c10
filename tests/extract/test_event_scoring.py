"""The speed paths of the event stage give exactly the numbers and events of the plain paths."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tacitus.actors.dictionary import ActorDictionary
from tacitus.actors.stage import ActorStage
from tacitus.extract.attribution_speaker import _entity_of
from tacitus.extract.claims import ClaimStage
from tacitus.extract.event_classifier import EventTypeClassifier, default_classifier, load_training
from tacitus.extract.event_lexicon import doc_forms, segments, sentence_has, token_forms
from tacitus.extract.event_scoring import CharNgramCounter, FastScorer
from tacitus.extract.events import EventStage
from tacitus.extract.quotes import QuoteStage
from tacitus.model import Document, Evidence
from tacitus.pipeline import Analysis

SENTENCES = [
    "A car bomb exploded near a market in Mosul on Monday, killing at least 12 people, police said.",
    "Protesters gathered outside the ministry; police fired tear gas.",
    "",
    "a",
    "I",
    "ΟΔΟΣ  Ünïcödé\tword\n\u00a0end",
    "The governor said schools would reopen next week after repairs.",
]


@pytest.fixture(scope="module")
def classifier() -> EventTypeClassifier:
    return default_classifier()


def test_the_packaged_model_gets_the_fast_path(classifier: EventTypeClassifier) -> None:
    assert classifier._fast is not None


def test_fast_scores_equal_scikit_learn_bit_for_bit(classifier: EventTypeClassifier) -> None:
    texts = SENTENCES + [e.text for e in load_training()[:300]]
    assert classifier._fast is not None
    fast = classifier._fast.decision_function(texts)
    plain = classifier._model.decision_function(texts)
    assert np.array_equal(fast, plain)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(max_size=60), min_size=1, max_size=4))
def test_fast_scores_equal_on_any_text(classifier: EventTypeClassifier, texts: list[str]) -> None:
    assert classifier._fast is not None
    assert np.array_equal(
        classifier._fast.decision_function(texts), classifier._model.decision_function(texts)
    )


def test_char_counts_equal_count_vectorizer(classifier: EventTypeClassifier) -> None:
    from sklearn.feature_extraction.text import CountVectorizer  # type: ignore[import-untyped]

    chars = classifier._model.steps[0][1].transformer_list[1][1]
    counter = CharNgramCounter(chars)
    plain = CountVectorizer(analyzer="char_wb", ngram_range=chars.ngram_range, vocabulary=chars.vocabulary_)
    mine, theirs = counter.counts(SENTENCES), plain.transform(SENTENCES)
    assert (mine != theirs).nnz == 0


def test_other_model_shapes_are_scored_by_scikit_learn() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline  # type: ignore[import-untyped]
    from sklearn.svm import LinearSVC  # type: ignore[import-untyped]

    examples = load_training()[:200]
    model = make_pipeline(TfidfVectorizer(), LinearSVC(random_state=1))
    model.fit([e.text for e in examples], [e.label for e in examples])
    assert FastScorer.of(model) is None
    assert EventTypeClassifier(model).scores(["a bomb exploded"])[0]


def test_sentence_has_and_forms_match_the_tokens(nlp: Any) -> None:
    doc = nlp("Gunmen abducted 5 aid workers. The air-strike hit a school in Idlib.")
    assert doc_forms(doc) == [token_forms(t) for t in doc]
    first, second = list(doc.sents)
    assert sentence_has(second, ("abduct", "air - strike", "school")) == "air - strike"
    assert sentence_has(first, ("air - strike", "school")) is None
    excluded = frozenset(range(second.start, second.end))
    assert sentence_has(second, ("school",), excluded) is None


def test_entity_of_is_the_entity_of_doc_ents(nlp: Any) -> None:
    doc = nlp("Iraqi Prime Minister Haider al-Abadi met U.S. officials in Baghdad on Monday, Reuters said.")
    for token in doc:
        expected = next((e for e in doc.ents if e.start <= token.i < e.end), None)
        found = _entity_of(token)
        if expected is None:
            assert found is None
        else:
            assert found is not None
            assert (found.start, found.end, found.label_, found.id_) == (
                expected.start,
                expected.end,
                expected.label_,
                expected.id_,
            )


def test_batch_events_equal_single_document_events(
    nlp: Any, dictionary: ActorDictionary, sample_dir: Path
) -> None:
    texts = [
        "A car bomb exploded near a market in Kirkuk on Monday, killing at least 12 people, police said.",
        "Residents said the shelling continued for several hours before troops returned fire.",
        (sample_dir / "undated-field-note.txt").read_text(encoding="utf-8"),
    ]
    analyses = []
    for i, text in enumerate(texts):
        analysis = Analysis(document=Document(id=f"d{i}", text=text), parsed=nlp(text))
        analysis = ActorStage(dictionary)(ClaimStage()(QuoteStage()(analysis)))
        analyses.append(analysis)
    events = EventStage(dictionary)
    batched = events.process_batch(analyses)
    single = [events(a) for a in analyses]
    assert [a.events for a in batched] == [a.events for a in single]
    assert any(a.events for a in batched)
    for analysis in batched:
        for event in analysis.events:
            evidence: Evidence = event.evidence
            assert evidence.text == analysis.document.text[evidence.start : evidence.end]
    assert len(segments(analyses[0].parsed)) >= 1


def _joined_windows(texts: list[str], spans: list[tuple[int, int]]) -> list[str]:
    return [" ".join(texts[a:b]) for a, b in spans]


def test_window_scores_equal_scoring_the_joined_text(classifier: EventTypeClassifier) -> None:
    """Summing sentence counts (plus junction bigrams) gives the joined window's scores exactly."""
    texts = [t.strip() for t in SENTENCES if t.strip()] + [e.text for e in load_training()[:200]]
    spans = [(max(0, i - 1), min(len(texts), i + 2)) for i in range(len(texts))] + [(0, len(texts))]
    windows = classifier._windows
    assert windows is not None and classifier._fast is not None
    own, around = windows.decision_function(texts, spans)
    assert np.array_equal(own, classifier._fast.decision_function(texts))
    assert np.array_equal(around, classifier._fast.decision_function(_joined_windows(texts, spans)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(min_size=1, max_size=40).map(str.strip).filter(bool), min_size=1, max_size=5))
def test_window_scores_equal_on_any_text(classifier: EventTypeClassifier, texts: list[str]) -> None:
    windows = classifier._windows
    assert windows is not None and classifier._fast is not None
    spans = [(max(0, i - 1), min(len(texts), i + 2)) for i in range(len(texts))]
    _, around = windows.decision_function(texts, spans)
    assert np.array_equal(around, classifier._fast.decision_function(_joined_windows(texts, spans)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(max_size=80), min_size=1, max_size=4))
def test_window_word_counts_equal_count_vectorizer(classifier: EventTypeClassifier, texts: list[str]) -> None:
    """The window scorer's own unigram + bigram counting is scikit-learn's ``CountVectorizer`` matrix."""
    windows = classifier._windows
    assert windows is not None
    texts = [*texts, *SENTENCES]
    own = windows._word_counts([windows._tokens(windows._prepare(t)) for t in texts])
    plain = windows.fast.word_counts(texts)
    for attr in ("indptr", "indices", "data"):
        assert np.array_equal(getattr(own, attr), getattr(plain, attr))
