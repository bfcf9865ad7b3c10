"""Reconciliation: one Incident from a cluster of mentions, every source's figure kept, nothing averaged.

Rules, and why:
- Each independent source (near-duplicates and one outlet's updates count once) contributes one figure per
  kind: its largest asserted count in the incident's claims (a document's smaller counts are usually
  sub-groups, "two of the five dead were children"); hedged (alleged) counts are used only when the source
  asserts none. Of one outlet's several documents, the latest one's figure stands (tolls get updated).
- The incident's Figure: ``min`` and ``max`` over all sources' bounds, ``best`` = the lowest credible
  figure (ACLED's conservative rule): the smallest asserted source figure, and ``reported`` = the figure
  most independent sources assert (ties: the lower). Never an average.
- A Conflict is recorded whenever independent sources disagree on the toll, the perpetrator, the day or the
  place, with each value and the documents that gave it.
- Grading after Airwars: confirmed (a belligerent accepts responsibility), contested (sources name
  competing perpetrators), corroborated (two or more independent sources), single-source.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tacitus.link.compat import places_nested_or_same
from tacitus.link.duplicates import DuplicateIndex
from tacitus.link.mention import Mention, claim_key, normalise_outlet, parse_key
from tacitus.link.sources import MEDIA, independent_groups, responsibility_cues, source_type
from tacitus.model import Claim, Conflict, DocumentResult, Figure, Incident, Place, TimeSpan

#: Claim units that count people (a "5%" or "20 families" is not a death toll).
PEOPLE_UNITS = frozenset({"people", "persons", "civilians", "children", "men", "women"})
CREDIBLE = ("asserted", "alleged")


@dataclass(frozen=True)
class SourcedClaim:
    """A claim of an incident with the document and outlet that carried it and its source type."""

    key: str
    doc_id: str
    outlet: str
    source_type: str
    claim: Claim


@dataclass(frozen=True)
class SourceFigure:
    """One independent source's figure for one kind of toll."""

    value: float
    low: float
    high: float
    asserted: bool
    doc_id: str
    outlet: str


def sourced_claims(incident: Incident, results: Mapping[str, DocumentResult]) -> list[SourcedClaim]:
    """Resolve an incident's claim keys against the documents' results (skipping documents not given)."""
    out: list[SourcedClaim] = []
    for key in incident.claims:
        doc_id, _, index = parse_key(key)
        result = results.get(doc_id)
        if result is None or index >= len(result.claims):
            continue
        claim = result.claims[index]
        out.append(SourcedClaim(key, doc_id, normalise_outlet(result), source_type(claim.source), claim))
    return out


def incident_id(keys: Sequence[str]) -> str:
    """Deterministic id: a hash of the sorted member mention keys."""
    return "inc-" + hashlib.sha1("\n".join(sorted(keys)).encode("utf-8")).hexdigest()[:16]


def _value(claim: Claim) -> float | None:
    for v in (claim.best, claim.min, claim.max):
        if v is not None:
            return v
    return None


def _fmt(value: float) -> str:
    return f"{value:g}"


class Reconciler:
    """Builds Incident records from mention clusters, using the documents and the duplicate index."""

    def __init__(
        self, results: Mapping[str, DocumentResult], duplicates: DuplicateIndex | None = None
    ) -> None:
        self.results = results
        self.duplicates = duplicates

    def claims(self, mentions: Sequence[Mention]) -> list[SourcedClaim]:
        """Every claim of the incident's mentions, with its document, outlet and source type."""
        out: list[SourcedClaim] = []
        for mention in mentions:
            result = self.results[mention.doc_id]
            for i in mention.claim_indexes:
                claim = result.claims[i]
                out.append(
                    SourcedClaim(
                        claim_key(mention.doc_id, i),
                        mention.doc_id,
                        mention.outlet,
                        source_type(claim.source),
                        claim,
                    )
                )
        return sorted(out, key=lambda c: (c.doc_id, parse_key(c.key)[2]))

    # ------------------------------------------------------------------------------- figures
    def _doc_figure(self, claims: Sequence[SourcedClaim], kind: str) -> SourceFigure | None:
        usable = [
            c
            for c in claims
            if c.claim.kind == kind
            and c.claim.modality in CREDIBLE
            and c.claim.per is None
            and c.claim.unit in PEOPLE_UNITS
            and _value(c.claim) is not None
        ]
        asserted = [c for c in usable if c.claim.modality == "asserted"]
        pool = asserted or usable
        if not pool:
            return None
        top = max(pool, key=lambda c: (_value(c.claim) or 0.0, c.key))
        value = _value(top.claim) or 0.0
        low = top.claim.min if top.claim.min is not None else value
        high = top.claim.max if top.claim.max is not None else value
        return SourceFigure(value, low, high, bool(asserted), top.doc_id, top.outlet)

    def source_figures(
        self, claims: Sequence[SourcedClaim], groups: Sequence[Sequence[str]], kind: str
    ) -> list[SourceFigure]:
        """One figure per independent source: that source's latest document that gives one."""
        by_doc: dict[str, list[SourcedClaim]] = {}
        for c in claims:
            by_doc.setdefault(c.doc_id, []).append(c)
        out: list[SourceFigure] = []
        for group in groups:
            figures = [f for d in group if (f := self._doc_figure(by_doc.get(d, []), kind)) is not None]
            if figures:
                out.append(max(figures, key=lambda f: (self._published(f.doc_id), f.value, f.doc_id)))
        return out

    def _published(self, doc_id: str) -> int:
        published = self.results[doc_id].document.published
        return published.toordinal() if published else 0

    @staticmethod
    def figure(figures: Sequence[SourceFigure]) -> Figure | None:
        """min/max over every source, ``best`` = the lowest asserted figure (ACLED), ``reported`` = the
        figure most independent sources assert (ties: the lower one).

        Why both: ``best`` is the conservative toll an analyst may cite; ``reported`` is what the
        sources agree on. Against the Gun Violence Archive on GVC train+dev the consensus figure was
        right slightly more often than ``best``, min-of-sources, max, or the latest report
        (docs/benchmarks/link.md); neither is ever an average.
        """
        if not figures:
            return None
        credible = [f for f in figures if f.asserted] or list(figures)
        votes = Counter(f.value for f in credible)
        return Figure(
            min=min(f.low for f in figures),
            max=max(f.high for f in figures),
            best=min(f.value for f in credible),
            reported=min(votes, key=lambda v: (-votes[v], v)),
        )

    # ------------------------------------------------------------------------------- conflicts
    @staticmethod
    def _figure_conflict(field: str, figures: Sequence[SourceFigure]) -> Conflict | None:
        if len({f.value for f in figures}) < 2:
            return None
        ordered = sorted(figures, key=lambda f: (f.value, f.doc_id))
        return Conflict(
            field=field,
            values=[f"{_fmt(f.value)} ({f.outlet})" for f in ordered],
            documents=[f.doc_id for f in ordered],
        )

    @staticmethod
    def _value_conflict(field: str, values: Sequence[tuple[str, str, str]]) -> Conflict | None:
        """``values`` are (value, outlet, doc id); a conflict when two outlets give different values."""
        if len({v for v, _, _ in values}) < 2:
            return None
        ordered = sorted(set(values))
        return Conflict(
            field=field, values=[f"{v} ({o})" for v, o, _ in ordered], documents=[d for _, _, d in ordered]
        )

    def _place_conflict(self, mentions: Sequence[Mention]) -> Conflict | None:
        placed = [m for m in mentions if m.place is not None]
        distinct: list[Place] = []
        for m in placed:
            assert m.place is not None
            if not any(places_nested_or_same(m.place, p) for p in distinct):
                distinct.append(m.place)
        if len(distinct) < 2:
            return None
        values = [(m.place.name, m.outlet, m.doc_id) for m in placed if m.place is not None]
        return self._value_conflict("place", values)

    # ------------------------------------------------------------------------------- grading
    def _accepts_responsibility(self, docs: Sequence[str], perpetrators: set[str]) -> str | None:
        """The sentence in which a named perpetrator accepts responsibility, if a member document has one."""
        names = {p.casefold() for p in perpetrators}
        for doc_id in docs:
            result = self.results[doc_id]
            for actor in result.actors:
                if actor.name.casefold() in names:
                    names |= {a.casefold() for a in actor.aliases_seen}
        if not names:
            return None
        for doc_id in docs:
            text = self.results[doc_id].document.text
            low = text.casefold()
            for cue in responsibility_cues():
                for match in re.finditer(re.escape(cue), low):
                    lo = max(low.rfind(".", 0, match.start()), low.rfind("\n", 0, match.start())) + 1
                    hi = low.find(".", match.end())
                    sentence = low[lo : hi if hi >= 0 else len(low)]
                    before = low[max(lo, match.start() - 25) : match.start()]
                    if re.search(r"\b(?:not|no|never|denied|deny|denies)\b|n't", before):
                        continue
                    if any(re.search(rf"\b{re.escape(n)}\b", sentence) for n in names):
                        return text[lo : hi if hi >= 0 else len(text)].strip()
        return None

    # ------------------------------------------------------------------------------- incident
    def incident(self, mentions: Sequence[Mention]) -> Incident:
        """Reconcile one cluster of mentions into an Incident."""
        mentions = sorted(mentions, key=lambda m: m.key)
        docs = sorted({m.doc_id for m in mentions})
        outlets = {m.doc_id: m.outlet for m in mentions}
        groups = independent_groups(docs, outlets, self.duplicates)
        claims = self.claims(mentions)
        killed = self.source_figures(claims, groups, "killed")
        injured = self.source_figures(claims, groups, "injured")
        perpetrators = sorted({(p, m.outlet, m.doc_id) for m in mentions for p in m.perpetrators})
        days = sorted(
            {
                (m.date.start, m.outlet, m.doc_id)
                for m in mentions
                if m.date and m.date.precision == "day" and m.date.start
            }
        )
        conflicts = [
            c
            for c in (
                self._figure_conflict("killed", killed),
                self._figure_conflict("injured", injured),
                self._value_conflict("perpetrator", perpetrators),
                self._value_conflict("date", [(str(d), o, doc) for d, o, doc in days]),
                self._place_conflict(mentions),
            )
            if c is not None
        ]
        # A document whose claims all come from named speakers still speaks through the outlet only if it
        # gives no claim at all (the reporter's own voice is already typed "media" claim by claim).
        quiet_docs = set(docs) - {c.doc_id for c in claims}
        types = sorted({c.source_type for c in claims} | ({MEDIA} if quiet_docs else set()))
        grading, reason = self._grade(docs, groups, {p for p, _, _ in perpetrators}, conflicts)
        type_counts = Counter(m.type for m in mentions if m.type)
        etype = min(type_counts, key=lambda t: (-type_counts[t], t)) if type_counts else None
        subs = Counter(m.sub_type for m in mentions if m.type == etype and m.sub_type)
        return Incident(
            id=incident_id([m.key for m in mentions]),
            documents=docs,
            events=sorted(k for m in mentions for k in m.event_keys),
            date=self._consensus_date(mentions),
            place=self._consensus_place(mentions),
            type=etype,
            sub_type=min(subs, key=lambda t: (-subs[t], t)) if subs else None,
            actors=sorted({a for m in mentions for a in m.actors}),
            killed=self.figure(killed),
            injured=self.figure(injured),
            sources=len(groups),
            source_types=types,
            conflicts=conflicts,
            grading=grading,
            grading_reason=reason,
            claims=[c.key for c in claims],
        )

    def _grade(
        self,
        docs: Sequence[str],
        groups: Sequence[Sequence[str]],
        perpetrators: set[str],
        conflicts: list[Conflict],
    ) -> tuple[str, str]:
        accepted = self._accepts_responsibility(docs, perpetrators)
        if accepted:
            return "confirmed", f"a belligerent accepts responsibility: {accepted!r}"
        contest = next((c for c in conflicts if c.field == "perpetrator"), None)
        if contest:
            return "contested", f"sources name competing perpetrators: {', '.join(contest.values)}"
        if len(groups) >= 2:
            return "corroborated", f"{len(groups)} independent sources ({len(docs)} documents)"
        extra = f" ({len(docs)} documents: duplicates or one outlet)" if len(docs) > 1 else ""
        return "single-source", f"one independent source{extra}"

    @staticmethod
    def _consensus_date(mentions: Sequence[Mention]) -> TimeSpan | None:
        order = {"day": 0, "week": 1, "month": 2, "year": 3}
        dated = [m.date for m in mentions if m.date is not None and m.date.start]
        if not dated:
            return None
        counts = Counter(d.start for d in dated)
        return min(
            dated, key=lambda d: (order.get(d.precision or "year", 4), -counts[d.start], d.start or "")
        )

    @staticmethod
    def _consensus_place(mentions: Sequence[Mention]) -> Place | None:
        placed = [m.place for m in mentions if m.place is not None]
        if not placed:
            return None
        counts = Counter(p.geonameid if p.geonameid is not None else p.name for p in placed)

        def rank(p: Place) -> tuple[int, int, str]:
            ident = p.geonameid if p.geonameid is not None else p.name
            return (-counts[ident], p.precision or 4, p.name)

        return min(placed, key=rank)
