"""The sentence classifier for ACLED sub-event types: its training data, training, policy and stage use."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tacitus.actors.dictionary import ActorDictionary
from tacitus.actors.stage import ActorStage
from tacitus.extract.event_classifier import (
    NONE,
    EventTypeClassifier,
    TypingPolicy,
    default_classifier,
    load_training,
    read_examples,
    suite_examples,
)
from tacitus.extract.event_eval import read_case
from tacitus.extract.event_lexicon import load_lexicon
from tacitus.extract.events import EventStage
from tacitus.model import Document, Event
from tacitus.nlp.model_loader import load_model
from tacitus.pipeline import Analysis

SUB_TYPES = sorted(load_lexicon().sub_types)


def test_training_file_covers_every_sub_type_and_negatives() -> None:
    examples = load_training()
    counts = Counter(e.label for e in examples)
    assert set(counts) == {*SUB_TYPES, NONE}
    assert len(SUB_TYPES) == 25
    assert all(counts[s] >= 20 for s in SUB_TYPES), counts
    assert counts[NONE] >= 100
    texts = [e.text for e in examples]
    assert len(set(texts)) == len(texts)


def _shingles(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_training_snippets_do_not_copy_case_rows(shared: Path) -> None:
    path = shared / "datasets" / "events" / "case2021_task2" / "dev_half.tsv"
    if not path.is_file():
        pytest.skip(f"CASE 2021 data not found at {path}")
    case = set().union(*(_shingles(text) for _, text, _ in read_case(path)))
    copied = [e.text for e in load_training() if _shingles(e.text) & case]
    assert copied == []


def test_training_is_fast_and_deterministic() -> None:
    examples = load_training()
    EventTypeClassifier.train(examples[:60])  # imports scikit-learn: not part of the training time
    started = time.perf_counter()
    first = EventTypeClassifier.train(examples)
    assert time.perf_counter() - started < 5.0  # ~1.2 s on the shared 2-core machine under load
    second = EventTypeClassifier.train(examples)
    text = "Rebels shelled the outskirts of the town with mortars overnight."
    assert first.scores([text]) == second.scores([text])
    assert default_classifier() is default_classifier()


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("A suicide bomber detonated his vest at a checkpoint, killing four soldiers.", "Suicide bomb"),
        (
            "Hundreds of nurses marched peacefully to the health ministry over unpaid wages.",
            "Peaceful protest",
        ),
        ("Heavy rains caused floods that destroyed hundreds of homes in the valley.", NONE),
        ("The two foreign ministers met to discuss trade and visas.", NONE),
    ],
)
def test_classifier_reads_plain_sentences(text: str, label: str) -> None:
    assert default_classifier().best(text)[0] == label


def test_context_scores_blend_each_sentence_with_its_window() -> None:
    classifier = default_classifier()
    first = ["Rebels stormed the town at dawn.", "  ", "The army had held it since 2017."]
    second = ["Nurses marched to the ministry."]
    blended = classifier.scores_in_context([first, second], weight=0.5)
    assert [len(doc) for doc in blended] == [3, 1]
    assert blended[0][1] is None  # a blank sentence has no scores and is skipped in windows
    alone = classifier.scores([first[0], first[2], second[0]])
    windows = classifier.scores(
        [f"{first[0]} {first[2]}", f"{first[0]} {first[2]}", second[0]]  # never across documents
    )
    expected = [{k: 0.5 * a[k] + 0.5 * w[k] for k in a} for a, w in zip(alone, windows, strict=True)]
    assert [blended[0][0], blended[0][2], blended[1][0]] == expected
    assert classifier.scores_in_context([first], weight=0.0)[0][0] == alone[0]


@given(st.lists(st.lists(st.text(max_size=40), max_size=4), max_size=3))
def test_context_scores_keep_the_shape_of_any_input(documents: list[list[str]]) -> None:
    blended = default_classifier().scores_in_context(documents)
    assert [len(doc) for doc in blended] == [len(doc) for doc in documents]
    for doc, scores in zip(documents, blended, strict=True):
        assert [s is None for s in scores] == [not t.strip() for t in doc]


_scores = st.dictionaries(
    st.sampled_from([*SUB_TYPES[:6], NONE]), st.floats(-3, 3, allow_nan=False), min_size=2
)


@given(rule=st.one_of(st.none(), st.sampled_from(SUB_TYPES)), priority=st.integers(0, 100), scores=_scores)
def test_policy_returns_the_rule_the_model_or_nothing(
    rule: str | None, priority: int, scores: dict[str, float]
) -> None:
    decided = TypingPolicy().decide(rule, priority, scores)
    best = max(scores, key=lambda k: scores[k])
    assert decided in {None, rule, best}
    assert decided != NONE


def test_policy_keeps_specific_triggers_and_actor_resolved_types() -> None:
    policy = TypingPolicy()
    assert policy.decide("Suicide bomb", 85, {"Attack": -0.1, NONE: -1.0}) == "Suicide bomb"
    # a specific trigger yields only to a model on the positive side of its boundary
    defused = {"Disrupted weapons use": 0.4, NONE: -1.0}
    assert policy.decide("Remote explosive/landmine/IED", 85, defused) == "Disrupted weapons use"
    assert policy.decide("Attack", 38, {"Armed clash": 0.2, NONE: -1.0}) == "Armed clash"
    # a near tie between the model's label and the rule's type keeps the rule
    assert policy.decide("Attack", 38, {"Armed clash": 0.2, "Attack": 0.15, NONE: -1.0}) == "Attack"
    territory = {"Government regains territory": 0.5, NONE: -1.0}
    assert policy.decide("Non-state actor overtakes territory", 62, territory) == (
        "Non-state actor overtakes territory"
    )
    assert policy.decide("Attack", 38, {NONE: 0.2, "Attack": -0.1}) is None
    assert policy.decide("Attack", 38, {NONE: 0.2, "Attack": 0.1}, counted=False) == "Attack"
    assert policy.decide("Suicide bomb", 85, {NONE: 0.2, "Attack": 0.1}) == "Suicide bomb"
    # the abstain margin: NONE ahead by at least ``drop_specific`` removes even a specific trigger
    assert policy.decide("Chemical weapon", 85, {NONE: 0.2, "Attack": -0.1}) is None
    assert policy.decide(None, 0, {"Arrests": 0.4, NONE: -0.6}) == "Arrests"
    # without a trigger, a near tie with NONE is an abstention
    assert policy.decide(None, 0, {"Arrests": -0.33, NONE: -0.35}) is None


@pytest.fixture(scope="module")
def run() -> Any:
    dictionary = ActorDictionary.load()
    nlp = load_model(patterns=tuple(dictionary.patterns()))
    stage = EventStage(dictionary)

    def events(text: str) -> list[Event]:
        analysis = Analysis(
            document=Document(id="t", text=text, published=dt.date(2024, 5, 1)), parsed=nlp(text)
        )
        found = stage(ActorStage(dictionary)(analysis)).events
        for event in found:
            assert text[event.evidence.start : event.evidence.end] == event.evidence.text
        return found

    return events


def test_stage_keeps_non_events_out(run: Any) -> None:
    assert run("A gas explosion at a chemical plant killed three workers on Monday.") == []
    assert run("Police seized two tonnes of cocaine hidden in a banana shipment at the port.") == []


def test_stage_types_with_the_classifier(run: Any) -> None:
    events = run("Soldiers seized 40 rifles and boxes of ammunition from a rebel hideout.")
    assert [e.sub_type for e in events] == ["Disrupted weapons use"]
    protest = run("Protesters threw stones at police and set tyres ablaze in the capital.")
    assert [e.sub_type for e in protest] == ["Violent demonstration"]


def test_rules_only_mode_does_not_train(run: Any) -> None:
    stage = EventStage(ActorDictionary.load(), use_classifier=False)
    assert stage.finder.use_classifier is False


def test_every_training_file_is_read() -> None:
    from tacitus.extract.event_classifier import TRAINING_FILES

    data = Path(__file__).resolve().parents[2] / "src" / "tacitus" / "extract" / "data"
    assert {p.name for p in data.glob("event_training*.jsonl")} == set(TRAINING_FILES)
    news = read_examples((data / "event_training_news.jsonl").read_text(encoding="utf-8").splitlines())
    assert len(news) >= 250
    assert set(load_training()) >= set(news)


def test_training_file_holds_the_suites_single_type_passages() -> None:
    suite = Path(__file__).resolve().parents[1] / "data" / "events_suite.jsonl"
    shipped = {(e.text, e.label) for e in load_training()}
    assert {(e.text, e.label) for e in suite_examples(suite)} <= shipped
