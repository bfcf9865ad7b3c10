"""Where an event sits in its document: actor mentions located in the parse, and the date and place the
text ties to an event's sentence.

Why apart from the event finder: these read the records of the actor, time and geo stages, not the
trigger words; the finder only asks them for a span.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tacitus.actors.dictionary import ActorDictionary
from tacitus.extract.event_roles import MentionRef
from tacitus.extract.event_sentence import event_dates
from tacitus.model import Actor, Claim, Place, TimeSpan
from tacitus.pipeline import Analysis


def mention_refs(doc: Any, actors: Sequence[Actor], dictionary: ActorDictionary) -> list[MentionRef]:
    """Actor mentions (from the actor stage's records) located as token spans of the parse."""
    refs: list[MentionRef] = []
    for actor in actors:
        entry = dictionary.get(actor.name)
        for evidence in actor.mentions or ([actor.evidence] if actor.evidence else []):
            span = doc.char_span(evidence.start, evidence.end, alignment_mode="expand")
            if span is None:
                continue
            refs.append(
                MentionRef(
                    token_start=span.start,
                    token_end=span.end,
                    start=evidence.start,
                    end=evidence.end,
                    name=actor.name,
                    type=actor.type if actor.type is not None else (entry.type if entry else None),
                )
            )
    return refs


def date_for(claims: Sequence[Claim], analysis: Analysis, start: int, end: int, root: Any) -> TimeSpan | None:
    for claim in claims:
        if claim.date is not None:
            return claim.date
    if not analysis.dates:
        return None
    dates = event_dates(root, analysis.dates)
    try:
        from tacitus.time.assign import date_for_span
    except ImportError:
        return next((d for d in dates if d.evidence and start <= d.evidence.start < end), None)
    published = analysis.document.published
    found: TimeSpan | None = date_for_span(dates, analysis.document.text, start, end, published)
    return found


def stated_only(date: TimeSpan | None, counted: bool) -> TimeSpan | None:
    """A habit, threat or denial keeps only a date the text gives it, never the publication-day fallback:
    dated to the day of the report it would read as today's incident."""
    if counted or date is None or date.evidence is not None or date.text:
        return date
    return None


#: Dependents that open a clause of their own, with its own action and its own place: "continues in
#: west Mosul as forces work to recapture Zanjili", "killed three in Mosul after fleeing from Tal Afar",
#: "said in Baghdad that ...". Noun modifiers (acl: "a strike targeting a house in Mosul") and
#: controlled complements (xcomp: "began firing at troops in Mosul") stay in their head's clause.
_OWN_CLAUSE = frozenset({"advcl", "ccomp", "parataxis", "pcomp", "relcl", "csubj"})
_VERBAL = frozenset({"VERB", "AUX"})


def clause_tokens(root: Any) -> set[int]:
    """Token indices of the clause a trigger belongs to, without the clauses nested in it.

    A noun trigger ("the battle ... continues") belongs to the clause of the verb above it; climbing
    stops at the first verb, so the trigger itself is never inside a nested clause of that verb."""
    head = root
    while head.pos_ not in _VERBAL and head.head.i != head.i:
        head = head.head
    found: set[int] = set()
    stack = [head]
    while stack:
        token = stack.pop()
        found.add(token.i)
        for child in token.children:
            nested = child.dep_ in _OWN_CLAUSE or (child.dep_ == "conj" and child.pos_ in _VERBAL)
            if not nested:
                stack.append(child)
    return found


def _clause_places(places: Sequence[Place], root: Any) -> list[Place]:
    """The located places named inside the trigger's own clause."""
    tokens = clause_tokens(root)
    doc = root.doc
    found = []
    for place in places:
        if place.role != "location" or place.evidence is None:
            continue
        span = doc.char_span(place.evidence.start, place.evidence.end, alignment_mode="expand")
        if span is not None and span.root.i in tokens:
            found.append(place)
    return found


def place_for(
    claims: Sequence[Claim], analysis: Analysis, start: int, end: int, root: Any = None
) -> Place | None:
    """The place of an event in the sentence ``start:end``: its claims' place, else the most specific
    place of the trigger's own clause, else the place the text ties to the sentence (geo.assign)."""
    for claim in claims:
        if claim.place is not None:
            return claim.place
    if not analysis.places:
        return None
    try:
        from tacitus.geo.assign import most_specific, place_for_span
    except ImportError:
        return next((p for p in analysis.places if p.evidence and start <= p.evidence.start < end), None)
    if root is not None:
        own = _clause_places(analysis.places, root)
        if own:
            return most_specific(own, start, end)
    found: Place | None = place_for_span(analysis.places, analysis.document.text, start, end)
    return found
