"""Toponym mentions from a spaCy parse: GPE/LOC/FAC entities (the ruler's curated names among them).

Why extend leftwards: NER tags "Mosul" in "west Mosul"; the direction word says the report concerns
only part of the city, which changes the precision code, so the mention keeps it.
"""

from __future__ import annotations

from typing import Any

from tacitus.geo.descriptions import description_end
from tacitus.geo.modifiers import PLACE_LABELS, head_lexicon, modifies_noun
from tacitus.geo.place_cues import marked_as_place
from tacitus.geo.resolve import Mention
from tacitus.nlp.text import doc_ents, doc_text

__all__ = ["DIRECTION_WORDS", "PLACE_LABELS", "mentions_from_doc"]
DIRECTION_WORDS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
    }
)


def mentions_from_doc(doc: Any) -> list[Mention]:
    """Place-like entities of a spaCy Doc, with a preceding direction word folded in, each flagged when it
    modifies a non-place noun ("a U.S. airstrike"), when the text marks it as a place
    (``tacitus.geo.place_cues``) and when it describes a town ("Iraq's second largest city")."""
    lexicon = head_lexicon()
    mentions = []
    for ent in doc_ents(doc):
        if ent.label_ not in PLACE_LABELS:
            continue
        start = ent.start_char
        if ent.start > 0 and doc[ent.start - 1].lower_ in DIRECTION_WORDS:
            start = doc[ent.start - 1].idx
        ruler_id = ent.ent_id_ if ent.ent_id_.startswith(("geonames:", "tacitus:")) else None
        mentions.append(
            Mention(
                text=doc_text(doc)[start : ent.end_char],
                start=start,
                end=ent.end_char,
                label=ent.label_,
                ruler_id=ruler_id,
                modifies_noun=modifies_noun(ent, lexicon),
                known_place=marked_as_place(ent, lexicon, DIRECTION_WORDS),
                description_end=description_end(ent, lexicon),
            )
        )
    return mentions
