"""What the parse says about a date mention: the tense of its verb, the date of the statement it is
reported in, and the event it counts from.

Why: "Friday" is last Friday in "attacked on Friday" but next Friday in "will meet on Friday"; "yesterday"
inside "On March 30, Scrocca told reporters ..." is March 29 whatever the publication date. These helpers
read spaCy's dependency parse; they return None when the parse gives no clear answer.
"""

from __future__ import annotations

from typing import Any

from tacitus.time.calendar import Tense
from tacitus.time.lexicon import lexicon

_REPORTED_DEPS = frozenset({"ccomp", "parataxis", "xcomp"})


def span_of(doc: Any, start: int, end: int) -> Any:
    """The spaCy Span covering the characters, expanded to whole tokens."""
    return doc.char_span(start, end, alignment_mode="expand")


def governor(span: Any) -> Any:
    """The verb a date phrase modifies: up from the phrase's root through prepositions and nouns."""
    token = span.root
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") and token not in span:
            return token
        if token.head.i == token.i:
            # The root, which failed the test above: climbing on would only repeat it (spaCy builds a
            # new Token per access, so the ``is`` test this replaces never held and the loop ran out).
            return None
        token = token.head
    return None


def tense_of(verb: Any) -> Tense:
    """Future if the verb takes will/shall or hangs off "plan/expect/schedule to"; past if VBD or perfect."""
    if verb is None:
        return "unknown"
    lex = lexicon()
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any({a.lemma_.lower(), a.lower_} & lex.future_auxiliaries for a in auxiliaries):
        return "future"
    perfect = any(a.lemma_ == "have" for a in auxiliaries)
    if (
        any(a.lower_ in lex.reported_future_auxiliaries for a in auxiliaries)
        and not perfect
        and speech_verb_over(verb) is not None
    ):
        return "future"
    head = verb.head
    planned = head.lemma_.lower() in lex.future_verbs or (head.lemma_ == "go" and head.tag_ == "VBG")
    if any(a.tag_ == "TO" for a in auxiliaries) and head is not verb and planned:
        return "future"
    if verb.tag_ == "VBD" or perfect:
        return "past"
    if verb.tag_ == "VBN" and any(a.tag_ == "VBD" for a in auxiliaries):
        return "past"
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl", "amod"):
        return "past"
    if any(a.tag_ == "VBD" for a in auxiliaries):
        return "past"
    return "unknown"


def speech_verb_over(token: Any) -> Any:
    """The speech verb ("said", "told") whose reported clause holds ``token``, if any."""
    speech = lexicon().speech_verbs
    current = token
    for _ in range(12):
        head = current.head
        if current.dep_ in _REPORTED_DEPS and head.lemma_.lower() in speech:
            return head
        if head.i == current.i:
            return None  # the root: climbing on would repeat the test above (an ``is`` test never held)
        current = head
    return None


def speech_verbs_of_sentence(sent: Any, outside: tuple[int, int] | None = None) -> list[Any]:
    """Speech verbs of a sentence, optionally only those outside a character range (a quotation)."""
    speech = lexicon().speech_verbs
    found = []
    for token in sent:
        if token.lemma_.lower() not in speech or token.pos_ not in ("VERB", "AUX"):
            continue
        if outside is not None and outside[0] <= token.idx < outside[1]:
            continue
        found.append(token)
    return found


def speaker_of(verb: Any) -> str | None:
    """The last word of the speech verb's subject ("Scrocca" for "Colonel Joe Scrocca said")."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("PROPN", "NOUN"):
            return str(child.text)
    return None


def anchor_noun(doc: Any, end: int) -> Any:
    """The noun a relative phrase counts from: "the days following *the announcement* of ..."."""
    last = doc[-1] if len(doc) else None  # len(doc.text) without rebuilding the text from the tokens
    length = last.idx + len(last.text_with_ws) if last is not None else 0
    span = doc.char_span(end, min(length, end + 80), alignment_mode="expand")
    if span is None:
        return None
    for token in span[:6]:
        if token.pos_ in ("NOUN", "PROPN") and not token.is_stop:
            return token
    return None


def attached_lemmas(span: Any) -> set[str]:
    """Lemmas a date phrase is tied to: the noun it modifies, its verb, and the verb's subject/object."""
    lemmas: set[str] = set()
    token = span.root
    for _ in range(4):
        if token.head.i == token.i:
            break  # the root: another round would repeat the last one (an ``is`` test never held)
        token = token.head
        if token in span:
            continue
        if token.pos_ in ("NOUN", "PROPN", "VERB"):
            lemmas.add(token.lemma_.lower())
        if token.pos_ in ("VERB", "AUX"):
            lemmas.update(
                c.lemma_.lower() for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
            )
            break
    return lemmas
