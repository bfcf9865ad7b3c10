"""The quote stage: direct quotes and reported speech with their speaker, role and organisation.

Claims and events ask :func:`source_for_span` who a number or an incident is attributed to; the answer
is the innermost quote or reported clause around it, or ``None`` for the reporter's own voice.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import ClassVar

from tacitus.extract.attribution import Attribution, find_attributions
from tacitus.extract.attribution_lexicon import AttributionLexicon, load_lexicon
from tacitus.model import Quote, Source
from tacitus.pipeline import Analysis

log = logging.getLogger(__name__)


def _is_reportable(attribution: Attribution) -> bool:
    """Findings of a sourceless document ("the video shows ...") are not somebody's statement."""
    has_source = any((attribution.speaker, attribution.role, attribution.organization))
    if attribution.kind == "evidence" and not has_source:
        return False
    return attribution.content_end > attribution.content_start


def quotes_from(text: str, attributions: Sequence[Attribution]) -> list[Quote]:
    """Turn attributions into the public :class:`Quote` records (text is ``text[start:end]``)."""
    quotes: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for a in attributions:
        if not _is_reportable(a) or (a.content_start, a.content_end) in seen:
            continue
        seen.add((a.content_start, a.content_end))
        quotes.append(
            Quote(
                speaker=a.speaker,
                role=a.role,
                organization=a.organization,
                text=text[a.content_start : a.content_end],
                direct=a.direct,
                start=a.content_start,
                end=a.content_end,
                cue=a.cue,
            )
        )
    return quotes


class QuoteStage:
    """Adds ``quotes``: every direct quote and reported statement of the parsed document."""

    name: ClassVar[str] = "extract.quotes"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"parsed"})
    provides: ClassVar[frozenset[str]] = frozenset({"quotes"})

    def __init__(self, lexicon: AttributionLexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.parsed is None:
            raise ValueError("QuoteStage needs the spaCy parse: run SpacyStage first")
        attributions = find_attributions(analysis.parsed, self.lexicon)
        quotes = quotes_from(analysis.document.text, attributions)
        log.debug("%s: %d quotes", analysis.document.id, len(quotes))
        return analysis.model_copy(update={"quotes": quotes})


def source_for_span(quotes: Sequence[Quote], start: int, end: int) -> Source | None:
    """Who the text attributes ``[start, end)`` to: the innermost quote or reported clause around it.

    ``None`` means the reporter's own voice, and also a clause attributed to nobody in particular
    ("it was reported that ..."), whose hedge is the claim's modality, not a source.
    """
    holders = [q for q in quotes if q.start <= start and end <= q.end]
    if not holders:
        return None
    inner = min(holders, key=lambda q: (q.end - q.start, not q.direct))
    if inner.speaker is None and inner.role is None and inner.organization is None:
        return None
    return Source(speaker=inner.speaker, role=inner.role, organization=inner.organization)
