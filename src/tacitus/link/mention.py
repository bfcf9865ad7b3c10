"""Mentions: what one document says about one occurrence, the unit that incident linking joins.

Why group a document's events first: the event stage emits one Event per predicate ("opened fire",
"killed", "wounded"), and a single article often describes one shooting with three of them. Events of one
document that are mutually compatible (date, place, type) are grouped into one mention, so cross-document
linking compares occurrences, not verbs. A document with no events but with casualty claims still reports
something: it gets one document-level mention (type unknown) so that it can join an incident.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from tacitus.link.compat import (
    DateWindow,
    date_window,
    places_compatible,
    type_penalty,
    windows_compatible,
)
from tacitus.model import Claim, DocumentResult, Event, Place, TimeSpan

#: Claim kinds whose presence makes an event-less document worth a mention of its own.
CASUALTY_KINDS = frozenset(
    {"killed", "injured", "casualties", "missing", "abducted", "detained", "displaced", "trapped"}
)

#: Within-document grouping is stricter than cross-document linking: same town or very close.
WITHIN_DOC_KM = 15.0


@dataclass(frozen=True)
class Mention:
    """One document's account of one occurrence (one or more of its events, or the whole document)."""

    key: str
    doc_id: str
    outlet: str
    published: dt.date | None
    window: DateWindow | None
    date: TimeSpan | None
    place: Place | None
    type: str | None
    sub_type: str | None
    event_indexes: tuple[int, ...]
    claim_indexes: tuple[int, ...]
    actors: frozenset[str]
    perpetrators: frozenset[str]
    victims: frozenset[str]
    text: str
    primary: bool = False
    #: False for a document-level mention of a document with neither events nor casualty claims (an
    #: arrest, a trial, a vigil): it may join an incident but never makes one on its own.
    anchor: bool = True

    @property
    def event_keys(self) -> list[str]:
        return [event_key(self.doc_id, i) for i in self.event_indexes]


def event_key(doc_id: str, index: int) -> str:
    """Stable key of a document's event: the document id and the event's index."""
    return f"{doc_id}:e{index}"


def claim_key(doc_id: str, index: int) -> str:
    """Stable key of a document's claim, as stored in ``Incident.claims``."""
    return f"{doc_id}:c{index}"


def parse_key(key: str) -> tuple[str, str, int]:
    """Split ``doc:e3`` / ``doc:c3`` / ``doc:d0`` into (doc id, kind letter, index)."""
    doc_id, _, tail = key.rpartition(":")
    return doc_id, tail[:1], int(tail[1:] or 0)


def normalise_outlet(result: DocumentResult) -> str:
    """The outlet that published a document: its source name, else the URL's host, else the document."""
    doc = result.document
    if doc.source:
        return " ".join(doc.source.casefold().split())
    if doc.url and "//" in doc.url:
        host = doc.url.split("//", 1)[1].split("/", 1)[0].casefold()
        return host.removeprefix("www.")
    return f"doc:{doc.id}"


def _paragraph(text: str, start: int, end: int) -> str:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return text[lo : hi if hi >= 0 else len(text)]


def _events_compatible(a: Event, b: Event, published: dt.date | None) -> bool:
    return (
        type_penalty(a.type, b.type) is not None
        and windows_compatible(date_window(a.date, published), date_window(b.date, published))
        and places_compatible(a.place, b.place, WITHIN_DOC_KM)
    )


def _group_events(events: Sequence[Event], published: dt.date | None) -> list[list[int]]:
    """Greedy grouping in document order: an event joins the first group it is compatible with throughout."""
    groups: list[list[int]] = []
    for i, event in enumerate(events):
        if event.modality in ("negated", "hypothetical", "generic"):
            continue
        for group in groups:
            if all(_events_compatible(events[j], event, published) for j in group):
                group.append(i)
                break
        else:
            groups.append([i])
    return groups


def _most_common_place(places: Sequence[Place]) -> Place | None:
    """The place a document names most, counting only mentions that say where (not "a U.S. airstrike")."""
    places = [p for p in places if p.role == "location"]
    if not places:
        return None
    counts = Counter(p.geonameid if p.geonameid is not None else p.name for p in places)
    best = min(counts, key=lambda k: (-counts[k], str(k)))
    return next(p for p in places if (p.geonameid if p.geonameid is not None else p.name) == best)


def _first_resolved(values: Sequence[TimeSpan | None]) -> TimeSpan | None:
    return next((v for v in values if v is not None and v.start), None)


def _victims(claims: Sequence[Claim]) -> frozenset[str]:
    return frozenset(c.victim.casefold() for c in claims if c.victim)


Fallback = Literal["never", "casualties", "attach", "always"]


def mentions_of(result: DocumentResult, *, fallback: Fallback = "attach") -> list[Mention]:
    """The mentions of one document, the primary (most substantial, then earliest) flagged.

    ``fallback`` decides when a document without events gets a document-level mention: never, only when
    it has casualty claims, always, or ``attach`` (the linker's default): with casualty claims as an
    anchor, without them as a non-anchor mention that can join an incident but never opens one. Why
    attach: a follow-up (the arrest, the funeral, the trial) often has no event the extractor types and
    no toll, yet it belongs to the incident; an opinion piece that links to nothing stays out.
    """
    doc = result.document
    outlet = normalise_outlet(result)
    head = f"{doc.title or ''}\n"
    groups = _group_events(result.events, doc.published)
    claimed = {c for e in result.events for c in e.claims}
    mentions: list[Mention] = []
    for n, group in enumerate(groups):
        events = [result.events[i] for i in group]
        claim_ids = sorted({c for e in events for c in e.claims if 0 <= c < len(result.claims)})
        if n == 0:  # claims no event took are the document's lead story's
            claim_ids = sorted(set(claim_ids) | (set(range(len(result.claims))) - claimed))
        claims = [result.claims[i] for i in claim_ids]
        date = _first_resolved([e.date for e in events] + [c.date for c in claims])
        place = next((e.place for e in events if e.place), None) or next(
            (c.place for c in claims if c.place), None
        )
        if len(groups) == 1:
            body = doc.text
        else:  # several occurrences: each is described by the paragraphs holding its events and claims
            spans = [(e.evidence.start, e.evidence.end) for e in events]
            spans += [(c.evidence.start, c.evidence.end) for c in claims]
            body = "\n".join(dict.fromkeys(_paragraph(doc.text, s, t) for s, t in spans))
        actors = frozenset(a for e in events for a in (e.actor1, e.actor2) if a)
        perpetrators = frozenset(e.actor1 for e in events if e.actor1)
        types = Counter(e.type for e in events)
        etype = min(types, key=lambda t: (-types[t], t))
        sub = Counter(e.sub_type for e in events if e.type == etype)
        mentions.append(
            Mention(
                key=event_key(doc.id, group[0]),
                doc_id=doc.id,
                outlet=outlet,
                published=doc.published,
                window=date_window(date, doc.published),
                date=date,
                place=place,
                type=etype,
                sub_type=min(sub, key=lambda t: (-sub[t], t)),
                event_indexes=tuple(group),
                claim_indexes=tuple(claim_ids),
                actors=actors,
                perpetrators=perpetrators,
                victims=_victims(claims),
                text=head + body,
            )
        )
    has_casualties = any(c.kind in CASUALTY_KINDS for c in result.claims)
    if not mentions and (fallback in ("always", "attach") or (fallback == "casualties" and has_casualties)):
        date = _first_resolved([c.date for c in result.claims if c.kind in CASUALTY_KINDS])
        place = next((c.place for c in result.claims if c.place), None) or _most_common_place(result.places)
        mentions.append(
            Mention(
                key=f"{doc.id}:d0",
                doc_id=doc.id,
                outlet=outlet,
                published=doc.published,
                window=date_window(date, doc.published),
                date=date,
                place=place,
                type=None,
                sub_type=None,
                event_indexes=(),
                claim_indexes=tuple(range(len(result.claims))),
                actors=frozenset(c.actor for c in result.claims if c.actor),
                perpetrators=frozenset(c.actor for c in result.claims if c.actor),
                victims=_victims(result.claims),
                text=head + doc.text,
                anchor=has_casualties or fallback == "always",
            )
        )
    if mentions:
        weight = [len(m.event_indexes) + len(m.claim_indexes) for m in mentions]
        top = max(range(len(mentions)), key=lambda i: (weight[i], -i))
        # The lead story is what the whole article is about: its text is the whole document.
        mentions[top] = replace(mentions[top], primary=True, text=head + doc.text)
    return mentions
