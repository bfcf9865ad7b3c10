"""Toponyms that modify a noun: "a U.S. airstrike", "U.S. military officials", "Iraq's prime minister".

Why: a country named as a noun modifier says who acts or speaks, not where something happened. The
airstrike "a U.S. airstrike" would provoke falls on west Mosul, not on the United States; taking the
United States as that sentence's place would put the event on another continent. So a mention whose
root is a ``compound``/``amod``/``nmod``/``poss`` dependent of a noun, or the ``npadvmod`` of an agentive
participle ("U.S.-led", "Iran-backed"), or whose head lies in an ORG entity ("U.S." + "Central
Command"), is flagged here, syntactically. Whether the flag makes the place a *modifier* also depends on
what the mention resolves to (the stage decides; only countries and continents qualify): "a Mosul home",
"a Baghdad market" locate, a town's name before a noun nearly always does.

Exceptions, from ``data/locative_heads.yaml``: heads that name ground ("the Iraqi city of Mosul", "the
Syrian border", "Iraq's second largest city") or a situation that happens on it ("Syria's war"), and
heads that are themselves part of a place name ("Iraqi Kurdistan").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NOMINAL_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
_NOUNS = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True, slots=True)
class HeadLexicon:
    """Head lemmas after which a country still names a place, and agentive participles ("-led")."""

    locative: frozenset[str]
    agentive: frozenset[str]
    #: Prepositions that mark the name after them as a place ("in Zanjili"); ``tacitus.geo.place_cues``.
    prepositions: frozenset[str] = frozenset()
    #: Nouns of a town described by its country ("Iraq's second largest city"); ``tacitus.geo.descriptions``.
    town_nouns: frozenset[str] = frozenset()


@cache
def head_lexicon() -> HeadLexicon:
    """The packaged lexicon (``tacitus.geo.data/locative_heads.yaml``), read once."""
    raw = resources.files("tacitus.geo.data").joinpath("locative_heads.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(raw)
    return HeadLexicon(
        locative=frozenset(w.lower() for w in [*data["places"], *data["situations"]]),
        agentive=frozenset(w.lower() for w in data["agentive_participles"]),
        prepositions=frozenset(w.lower() for w in data["prepositions"]),
        town_nouns=frozenset(w.lower() for w in data["town_nouns"]),
    )


def _in_span(token: Any, span: Any) -> bool:
    return bool(span.start <= token.i < span.end)


def modifies_noun(span: Any, lexicon: HeadLexicon | None = None) -> bool:
    """Whether a toponym entity (a spaCy Span) modifies a non-place noun or sits inside an organisation."""
    lexicon = lexicon or head_lexicon()
    root = span.root
    head = root.head
    if head is root or _in_span(head, span):
        return False
    if head.ent_type_ == "ORG":
        return True
    if root.dep_ == "npadvmod":
        return bool(head.lower_ in lexicon.agentive or head.lemma_.lower() in lexicon.agentive)
    if root.dep_ not in _NOMINAL_DEPS or head.pos_ not in _NOUNS:
        return False
    if head.ent_type_ in PLACE_LABELS:
        return False
    return head.lemma_.lower() not in lexicon.locative and head.lower_ not in lexicon.locative
