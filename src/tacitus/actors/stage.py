"""The actor stage: canonical Actor records for a document, and claims rewritten to canonical names.

Why rewrite claims here: a claim's actor is written as the text has it ("ISIS militants", "the group");
incidents merged across reports must compare actors, and only canonical names compare.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from tacitus.actors.dictionary import ActorDictionary
from tacitus.actors.mentions import ActorMention, find_mentions, prepare
from tacitus.model import Actor, Claim, Evidence
from tacitus.pipeline import Analysis

STAGE_TAG = "actors.v2"


class ActorStage:
    """Adds ``actors``: one Actor per canonical actor the document mentions, with every mention."""

    name: ClassVar[str] = "actors"
    version: ClassVar[str] = "2"
    requires: ClassVar[frozenset[str]] = frozenset({"parsed", "claims"})
    provides: ClassVar[frozenset[str]] = frozenset({"actors"})

    def __init__(self, dictionary: ActorDictionary | None = None) -> None:
        self.dictionary = dictionary if dictionary is not None else ActorDictionary.load()
        prepare(self.dictionary)

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.parsed is None:
            return analysis
        mentions = find_mentions(analysis.parsed, self.dictionary)
        actors = actors_from_mentions(mentions, self.dictionary, analysis.document.text)
        claims = [self._canonical_claim(claim, mentions) for claim in analysis.claims]
        return analysis.model_copy(update={"actors": actors, "claims": claims})

    def _canonical_claim(self, claim: Claim, mentions: Sequence[ActorMention]) -> Claim:
        update: dict[str, str] = {}
        for field in ("actor", "victim"):
            surface = getattr(claim, field)
            if surface is None:
                continue
            name = self._canonical(surface, claim.evidence, mentions)
            if name is not None and name != surface:
                update[field] = name
        return claim.model_copy(update=update) if update else claim

    def _canonical(self, surface: str, evidence: Evidence, mentions: Sequence[ActorMention]) -> str | None:
        """A mention inside the claim's span first (it knows anaphora), then the dictionary."""
        lowered = surface.lower()
        for mention in mentions:
            inside = evidence.start <= mention.start and mention.end <= evidence.end
            if inside and (mention.text.lower() in lowered or lowered in mention.text.lower()):
                return mention.name
        entry = self.dictionary.resolve(surface)
        return entry.name if entry is not None else None


def actors_from_mentions(
    mentions: Sequence[ActorMention], dictionary: ActorDictionary, text: str
) -> list[Actor]:
    """Group mentions by canonical actor, in order of first mention."""
    grouped: dict[str, list[ActorMention]] = {}
    for mention in mentions:
        grouped.setdefault(mention.name, []).append(mention)
    actors: list[Actor] = []
    for name, group in grouped.items():
        entry = dictionary.entries[name]
        evidence = [
            Evidence(start=m.start, end=m.end, text=text[m.start : m.end], stage=STAGE_TAG) for m in group
        ]
        aliases: list[str] = []
        for mention in group:
            if mention.text not in aliases:
                aliases.append(mention.text)
        actors.append(
            Actor(
                name=name,
                aliases_seen=aliases,
                type=entry.type,
                parent=entry.parent,
                country=entry.country,
                evidence=evidence[0],
                mentions=evidence,
            )
        )
    return actors
