"""Who did what to whom: the agent and the patient of an event trigger, read off the dependency parse.

Why the parse and not word order: "displaced families who were used as human shields by the terrorist
group" puts the victim first and the perpetrator last; passive agents ("by X"), noun modifiers ("ISIS
attack", "U.S. airstrike"), prepositional targets ("fired at Iraqi forces") and the subject of a light
verb ("did not respond with an airstrike") are all syntax. Word order is only the fallback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

_TARGET_PREPS = frozenset({"at", "on", "against", "with", "upon", "targeting", "into"})
_SUBJECTS = frozenset({"nsubj", "csubj"})
_OBJECTS = frozenset({"dobj", "nsubjpass", "obj", "attr"})
_NOUN_AGENT_DEPS = frozenset({"compound", "amod", "poss", "nmod"})


@dataclass(frozen=True)
class MentionRef:
    """An actor mention located in the parse: token span, canonical name and ACLED inter code."""

    token_start: int
    token_end: int
    start: int
    end: int
    name: str
    type: int | None


class MentionIndex:
    """Actor mentions of one document, looked up by token."""

    def __init__(self, mentions: Sequence[MentionRef]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.token_start)
        self._by_token: dict[int, MentionRef] = {}
        for mention in self.mentions:
            for i in range(mention.token_start, mention.token_end):
                self._by_token[i] = mention

    def at(self, token: Any) -> MentionRef | None:
        """The mention covering ``token``, else the first one inside its subtree (kept small)."""
        found = self._by_token.get(token.i)
        if found is not None:
            return found
        for inner in token.subtree:
            if abs(inner.i - token.i) > 8:
                continue
            found = self._by_token.get(inner.i)
            if found is not None:
                return found
        return None

    def covering(self, token_index: int) -> MentionRef | None:
        """The mention whose tokens include ``token_index``, if any."""
        return self._by_token.get(token_index)

    def in_span(self, start: int, end: int) -> list[MentionRef]:
        """Mentions whose tokens lie in ``[start, end)``, in order."""
        return [m for m in self.mentions if m.token_start >= start and m.token_end <= end]


def _first(index: MentionIndex, tokens: Sequence[Any]) -> MentionRef | None:
    for token in tokens:
        found = index.at(token)
        if found is not None:
            return found
    return None


def _verb_roles(verb: Any, index: MentionIndex) -> tuple[MentionRef | None, MentionRef | None]:
    agent = _first(index, [c for c in verb.children if c.dep_ in _SUBJECTS])
    patient = _first(index, [c for c in verb.children if c.dep_ in _OBJECTS])
    for child in verb.children:
        if child.dep_ == "agent":
            agent = _first(index, [g for g in child.children if g.dep_ == "pobj"]) or agent
        elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS and patient is None:
            patient = _first(index, [g for g in child.children if g.dep_ == "pobj"])
        elif child.dep_ == "prt":
            for grand in child.children:
                if grand.dep_ == "prep" and patient is None:
                    patient = _first(index, [g for g in grand.children if g.dep_ == "pobj"])
    if agent is None and verb.dep_ in {"xcomp", "conj", "advcl", "pcomp"} and verb.head.i != verb.i:
        agent = _verb_roles(verb.head, index)[0]
    if agent is None and verb.dep_ in {"acl", "relcl"} and verb.head.i != verb.i:
        agent = _outside(index, verb.head, verb)
    return agent, patient


def _own(index: MentionIndex, noun: Any) -> MentionRef | None:
    """The actor inside a trigger noun's own phrase ("an ISIS attack"), not in a clause on it ("an
    airstrike that killed 30 civilians": the civilians are its victims, not its author)."""
    found = index.covering(noun.i)
    if found is not None:
        return found
    clauses = [c for c in noun.children if c.dep_ in {"relcl", "acl"}]
    return _in_phrase(index, noun, {t.i for c in clauses for t in c.subtree})


def _outside(index: MentionIndex, noun: Any, clause: Any) -> MentionRef | None:
    """The actor the noun a clause hangs on names, looked for outside that clause: in "an airstrike
    that killed 30 civilians" the strike's noun phrase holds the civilians only through the clause."""
    return _in_phrase(index, noun, {t.i for t in clause.subtree})


def _in_phrase(index: MentionIndex, noun: Any, excluded: set[int]) -> MentionRef | None:
    """The first actor mention in the noun's phrase within 8 tokens of it, skipping ``excluded`` tokens."""
    for token in noun.subtree:
        if token.i in excluded or abs(token.i - noun.i) > 8:
            continue
        found = index.covering(token.i)
        if found is not None:
            return found
    return None


def _noun_roles(noun: Any, index: MentionIndex) -> tuple[MentionRef | None, MentionRef | None]:
    agent = _first(index, [c for c in noun.children if c.dep_ in _NOUN_AGENT_DEPS])
    patient = None
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            agent = _first(index, [g for g in child.children if g.dep_ == "pobj"]) or agent
        elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPS | {"of"} and patient is None:
            patient = _first(index, [g for g in child.children if g.dep_ == "pobj"])
        elif child.dep_ in {"relcl", "acl"}:
            inner_agent, inner_patient = _verb_roles(child, index)
            patient = patient or inner_patient
            if inner_agent is not None and index.at(noun) is not inner_agent:
                agent = agent or inner_agent
    governor = noun.head
    if agent is None and noun.dep_ in {"dobj", "pobj", "nsubjpass", "attr"}:
        verb = governor.head if noun.dep_ == "pobj" else governor
        if verb.pos_ in {"VERB", "AUX"}:
            agent = _verb_roles(verb, index)[0]
    if agent is None and noun.dep_ == "nsubj" and governor.pos_ in {"VERB", "AUX"}:
        patient = patient or _verb_roles(governor, index)[1]
    return agent, patient


def roles(root: Any, index: MentionIndex) -> tuple[MentionRef | None, MentionRef | None]:
    """Agent and patient of the trigger whose syntactic root is ``root``; either may be None."""
    own = _own(index, root) if root.pos_ in {"NOUN", "PROPN"} else None
    if root.pos_ in {"VERB", "AUX"}:
        agent, patient = _verb_roles(root, index)
    else:
        agent, patient = _noun_roles(root, index)
    if own is not None and agent is None:
        agent = own
    if agent is not None and patient is not None and agent.name == patient.name:
        patient = None
    return agent, patient


def by_order(
    index: MentionIndex, sentence: Any, exclude: Sequence[str] = ()
) -> tuple[MentionRef | None, MentionRef | None]:
    """Fallback: the first two distinct actors of the sentence, perpetrators before civilians."""
    seen: list[MentionRef] = []
    for mention in index.in_span(sentence.start, sentence.end):
        if mention.name not in exclude and all(m.name != mention.name for m in seen):
            seen.append(mention)
    armed = [m for m in seen if m.type not in {6, 7}]
    others = [m for m in seen if m.type in {6, 7}]
    ordered = armed + others
    return (ordered[0] if ordered else None), (ordered[1] if len(ordered) > 1 else None)
