"""Is a statement asserted, hedged, denied, a habit or a possibility? Read off the dependency parse.

Why a parse and not a window of words: "the army denied that its soldiers had killed 12 civilians" is
negated through the governing verb, while "officials said the strike did not kill" is negated on the
predicate itself; a word window would mix the cues of neighbouring clauses. The cues live in
``data/modality.yaml``. :func:`modality_of` is reused by the event stage and the factuality evaluation.

What is looked at, for the predicate token of a claim or event:

* its own children: negation ("not", "never"), auxiliaries ("could", "would"), adverbs ("allegedly",
  "often"), markers ("if"), and a subject that counts nobody ("no one was killed");
* its governors, climbing through complement links only (xcomp, ccomp, oprd, pcomp, acl, relcl, prep
  and pobj, conj): "threatened to kill", "denied killing", "were reported killed", "accused of killing";
* nouns that frame a pattern anywhere above it ("cases of ... have become a common trope");
* habitual present: an event verb in the simple present ("bandits kill dozens every year").
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from tacitus.model import Modality

#: Dependency links through which a governing verb's meaning reaches the predicate.
COMPLEMENT_DEPS = frozenset(
    {"xcomp", "ccomp", "oprd", "pcomp", "prep", "pobj", "acomp", "conj", "advcl", "acl"}
)
#: Links that still carry modal auxiliaries and negation of the governor ("could be forced to flee").
CLOSE_DEPS = frozenset({"xcomp", "oprd", "acomp"})


@dataclass(frozen=True, slots=True)
class ModalityCues:
    """The cue lists of ``modality.yaml``."""

    neg_adverbs: frozenset[str]
    neg_governors: frozenset[str]
    neg_subjects: frozenset[str]
    neg_determiners: frozenset[str]
    hyp_auxiliaries: frozenset[str]
    hyp_governors: frozenset[str]
    hyp_markers: frozenset[str]
    hyp_adverbs: frozenset[str]
    alleged_adverbs: frozenset[str]
    alleged_governors: frozenset[str]
    alleged_passive: frozenset[str]
    generic_adverbs: frozenset[str]
    generic_frames: frozenset[str]
    eventive: frozenset[str]


def _set(values: list[Any]) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values)


@functools.lru_cache(maxsize=1)
def cues() -> ModalityCues:
    """Load ``data/modality.yaml`` once."""
    raw: dict[str, dict[str, list[Any]]] = yaml.safe_load(
        resources.files("tacitus.extract").joinpath("data/modality.yaml").read_text(encoding="utf-8")
    )
    return ModalityCues(
        neg_adverbs=_set(raw["negated"]["adverbs"]),
        neg_governors=_set(raw["negated"]["governors"]),
        neg_subjects=_set(raw["negated"]["subjects"]),
        neg_determiners=_set(raw["negated"]["determiners"]),
        hyp_auxiliaries=_set(raw["hypothetical"]["auxiliaries"]),
        hyp_governors=_set(raw["hypothetical"]["governors"]),
        hyp_markers=_set(raw["hypothetical"]["markers"]),
        hyp_adverbs=_set(raw["hypothetical"]["adverbs"]),
        alleged_adverbs=_set(raw["alleged"]["adverbs"]),
        alleged_governors=_set(raw["alleged"]["governors"]),
        alleged_passive=_set(raw["alleged"]["passive_governors"]),
        generic_adverbs=_set(raw["generic"]["adverbs"]),
        generic_frames=_set(raw["generic"]["frames"]),
        eventive=_set(raw["generic"]["eventive"]),
    )


def _governors(token: Any) -> Iterator[tuple[Any, bool]]:
    """Tokens above ``token`` reached through complement links, with whether the link is close."""
    current = token
    close = True
    for _ in range(8):
        if current.dep_ not in COMPLEMENT_DEPS or current.head.i == current.i:
            return
        close = close and current.dep_ in CLOSE_DEPS
        current = current.head
        yield current, close


def _is_passive(token: Any) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def _negated(token: Any, c: ModalityCues) -> bool:
    for child in token.children:
        if child.dep_ == "neg" or child.lower_ in c.neg_adverbs:
            return True
        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            if child.lower_ in c.neg_subjects or child.text.lower() in c.neg_subjects:
                return True
            if any(d.dep_ == "det" and d.lower_ in c.neg_determiners for d in child.children):
                return True
            if child.lower_ == "one" and any(d.lower_ == "no" for d in child.children):
                return True
    for governor, close in _governors(token):
        if governor.lemma_.lower() in c.neg_governors:
            return True
        if close and any(ch.dep_ == "neg" for ch in governor.children):
            return True
    return False


def _hypothetical(token: Any, c: ModalityCues) -> bool:
    chain = [token, *(g for g, close in _governors(token) if close)]
    for item in chain:
        for child in item.children:
            if child.dep_ == "aux" and child.lower_ in c.hyp_auxiliaries:
                return True
            if child.dep_ == "mark" and child.lower_ in c.hyp_markers:
                return True
            if child.dep_ == "advmod" and child.lower_ in c.hyp_adverbs:
                return True
    for governor, _close in _governors(token):
        if governor.lemma_.lower() in c.hyp_governors:
            return True
        if governor.dep_ == "advcl" and any(
            ch.dep_ == "mark" and ch.lower_ in c.hyp_markers for ch in governor.children
        ):
            return True
    return False


def _alleged(token: Any, c: ModalityCues) -> bool:
    chain = [token, *(g for g, _close in _governors(token))]
    for item in chain:
        if any(ch.lower_ in c.alleged_adverbs for ch in item.children if ch.dep_ in ("advmod", "npadvmod")):
            return True
    for governor, _close in _governors(token):
        lemma = governor.lemma_.lower()
        if lemma in c.alleged_governors:
            return True
        if lemma in c.alleged_passive and _is_passive(governor):
            return True
    return (
        token.dep_ in ("oprd", "xcomp", "acomp")
        and token.head.lemma_.lower() in c.alleged_passive
        and (_is_passive(token.head))
    )


def _generic(token: Any, c: ModalityCues) -> bool:
    chain = [token, *(g for g, _close in _governors(token))]
    for item in chain:
        if any(ch.lower_ in c.generic_adverbs for ch in item.children if ch.dep_ == "advmod"):
            return True
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() in c.generic_frames:
            return True
    if token.lemma_.lower() in c.eventive and token.tag_ in ("VBZ", "VBP"):
        return not any(ch.dep_ in ("aux", "auxpass") for ch in token.children)
    return False


_MEMO_KEY = ("tacitus", "modality_of")


def modality_of(token: Any) -> Modality:
    """The modality of the statement whose predicate is ``token`` (a spaCy Token).

    The answer depends only on the parse, which no stage changes after spaCy's, so it is kept per Doc by
    token index: the claim and event stages ask about the same predicates (~0.3 s per 500 articles).
    """
    memo: dict[int, Modality] | None = token.doc.user_data.get(_MEMO_KEY)
    if memo is None:
        memo = token.doc.user_data[_MEMO_KEY] = {}
    cached = memo.get(token.i)
    if cached is None:
        cached = memo[token.i] = _modality_of(token)
    return cached


def _modality_of(token: Any) -> Modality:
    c = cues()
    if _negated(token, c):
        return "negated"
    if _hypothetical(token, c):
        return "hypothetical"
    if _alleged(token, c):
        return "alleged"
    if _generic(token, c):
        return "generic"
    return "asserted"


def modality_of_span(span: Any) -> Modality:
    """The modality of a clause or sentence: that of its syntactic root (the token heading the span)."""
    roots = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i]
    if not roots:
        return "asserted"
    verbs = [t for t in roots if t.pos_ in ("VERB", "AUX")]
    return modality_of((verbs or roots)[0])
