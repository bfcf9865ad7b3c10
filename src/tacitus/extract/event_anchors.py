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


def place_for(claims: Sequence[Claim], analysis: Analysis, start: int, end: int) -> Place | None:
    for claim in claims:
        if claim.place is not None:
            return claim.place
    if not analysis.places:
        return None
    try:
        from tacitus.geo.assign import place_for_span
    except ImportError:
        return next((p for p in analysis.places if p.evidence and start <= p.evidence.start < end), None)
    found: Place | None = place_for_span(analysis.places, analysis.document.text, start, end)
    return found
