"""Towns described by their country instead of named: "the western half of Iraq's second largest city".

Why: news names a town once and then describes it ("Iraq's second largest city", "the Syrian town").
An event told in the describing sentence otherwise gets the country as its place, which maps it
hundreds of kilometres off and at country precision. A reader takes the description to mean the town of
that country the text named last; so does this module, and only then: a description with no town of
that country named before it is left to its country. The place it adds carries the whole description
as its evidence and is flagged ``approximate`` (inferred, not named), so never finer than precision 2.
A description whose head noun has its own name ("the Iraqi city of Mosul", "the city, Mosul") needs
none of this and is skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tacitus.geo.modifiers import PLACE_LABELS, HeadLexicon
from tacitus.model import Evidence, Place

#: UCDP ``where_prec`` of a country: only a country's name describes a town here.
_COUNTRY = 6


def description_end(span: Any, lexicon: HeadLexicon) -> int | None:
    """Where "Iraq's second largest city" ends, when the toponym ``span`` describes a town by its country
    (the possessor or compound of a town noun that has no name of its own); else ``None``."""
    root = span.root
    head = root.head
    if root.dep_ not in {"poss", "compound"} or head.i < span.end:
        return None
    if head.lemma_.lower() not in lexicon.town_nouns:
        return None
    for child in head.children:
        named = child.ent_type_ in PLACE_LABELS or any(t.ent_type_ in PLACE_LABELS for t in child.subtree)
        if child.dep_ in {"prep", "appos"} and named:
            return None
    return int(head.idx + len(head.text))


def described_towns(
    places: Sequence[Place], descriptions: Sequence[tuple[int, int]], text: str, stage: str
) -> list[Place]:
    """One place for each description ``(start, end)`` whose country has a town named before it."""
    out: list[Place] = []
    for start, end in descriptions:
        country = next(
            (
                p
                for p in places
                if p.evidence is not None and p.evidence.start == start and p.where_prec == _COUNTRY
            ),
            None,
        )
        if country is None:
            continue
        towns = [
            p
            for p in places
            if p.country == country.country
            and p.evidence is not None
            and p.evidence.end <= start
            and p.where_prec is not None
            and p.where_prec <= 2
            and p.role == "location"
        ]
        if not towns:
            continue
        town = max(towns, key=lambda p: p.evidence.start if p.evidence else 0)
        out.append(
            town.model_copy(
                update={
                    "precision": 2,
                    "where_prec": 2,
                    "approximate": True,
                    "evidence": Evidence(start=start, end=end, text=text[start:end], stage=stage),
                }
            )
        )
    return out
