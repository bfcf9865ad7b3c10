"""Who is speaking: source types from a claim's Source and a document's outlet, and independent sources.

Why a lexicon and independence: ACLED and Airwars weigh a toll by who gave it (a military press office, a
ministry, an NGO, a witness, the press) and count corroboration by *independent* sources: twelve reprints
of one wire story, or three updates from one newspaper, are one source. The lexicon is data
(data/source_types.yaml), matched as whole words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources

import yaml

from tacitus.link.duplicates import DuplicateIndex
from tacitus.model import Source

MEDIA = "media"


def _load(name: str) -> object:
    text = resources.files("tacitus.link").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=1)
def _source_patterns() -> list[tuple[str, re.Pattern[str]]]:
    data = _load("source_types.yaml")
    assert isinstance(data, dict)
    out: list[tuple[str, re.Pattern[str]]] = []
    for kind, cues in data["types"].items():
        alternation = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
        out.append((str(kind), re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE)))
    return out


@lru_cache(maxsize=1)
def responsibility_cues() -> tuple[str, ...]:
    """Phrases by which a belligerent accepts responsibility (lower-case)."""
    data = _load("responsibility.yaml")
    assert isinstance(data, dict)
    return tuple(str(c).casefold() for c in data["cues"])


def source_type(source: Source | None) -> str:
    """The type of a claim's source; the reporter's own voice (``None``) and unknown speakers are media."""
    if source is None:
        return MEDIA
    # The organisation says most (a "spokesman" of the army is military), then the role, then the name.
    for text in (source.organization, source.role, source.speaker):
        if not text:
            continue
        for kind, pattern in _source_patterns():
            if pattern.search(text):
                return kind
    return MEDIA


def independent_groups(
    docs: Iterable[str], outlets: Mapping[str, str], duplicates: DuplicateIndex | None
) -> list[list[str]]:
    """Partition documents into independent sources: near-duplicates and the same outlet count once."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            parent[hi] = lo

    doc_list = sorted(set(docs))
    for doc in doc_list:
        parent[doc] = doc
    first_of: dict[str, str] = {}
    for doc in doc_list:
        for key in (
            f"outlet:{outlets.get(doc, doc)}",
            f"dup:{duplicates.canonical(doc) if duplicates else doc}",
        ):
            if key in first_of:
                union(doc, first_of[key])
            else:
                first_of[key] = doc
    groups: dict[str, list[str]] = {}
    for doc in doc_list:
        groups.setdefault(find(doc), []).append(doc)
    return sorted(groups.values())
