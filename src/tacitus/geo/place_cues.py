"""Whether the text itself marks a recognised name as a place.

Why: the recogniser's GPE label is a guess. A name the gazetteer also lacks may be a village no
gazetteer holds or a surname the recogniser mislabels ("Colonel Joe Scrocca" comes out as GPE).
Placing it at the document's enclosing place (``tacitus.geo.enclosing``) is right for the village and
wrong for the man, so it takes the text's own word that the name is a place:

- a LOC or FAC label (rivers, regions, buildings: what those labels tag is a place whatever it is);
- a locative preposition before it, past an article or a direction word ("in Zanjili", "near the
  Ghouta", "in west Mosul"), or governing it in the parse;
- a place noun after it or governing it ("the Zanjili district", "the city of Mosul");
- a list with another place ("Zanjili and al-Shifa").

The words are data (``data/locative_heads.yaml``: ``prepositions`` and ``places``).
"""

from __future__ import annotations

from typing import Any

from tacitus.geo.modifiers import PLACE_LABELS, HeadLexicon

_SKIPPED_BEFORE = frozenset({"the", "a", "an"})


def marked_as_place(span: Any, lexicon: HeadLexicon, direction_words: frozenset[str]) -> bool:
    """Whether a toponym entity (a spaCy Span) is marked as a place by its label or its context."""
    if span.label_ in {"LOC", "FAC"}:
        return True
    doc = span.doc
    i = span.start
    while i > 0 and (doc[i - 1].lower_ in _SKIPPED_BEFORE or doc[i - 1].lower_ in direction_words):
        i -= 1
    if i > 0 and doc[i - 1].lower_ in lexicon.prepositions:
        return True
    if span.end < len(doc) and doc[span.end].lemma_.lower() in lexicon.locative:
        return True
    root = span.root
    head = root.head
    if root.dep_ == "pobj":
        if head.lower_ in lexicon.prepositions:
            return True
        if head.lower_ == "of" and head.head.lemma_.lower() in lexicon.locative:
            return True
    if root.dep_ == "conj" and head.ent_type_ in PLACE_LABELS:
        return True
    return any(child.dep_ == "conj" and child.ent_type_ in PLACE_LABELS for child in root.children)
