"""Who a claim is attributed to: the innermost quote or reported clause that contains it.

Why here and not only in the quote stage: claims must work (and be tested) with hand-built Quote
records while the quote stage evolves; the rule is the one the quote stage documents for
``source_for_span`` (innermost containing quote wins), so the two agree.
"""

from __future__ import annotations

from collections.abc import Sequence

from tacitus.model import Quote, Source


def innermost_source(quotes: Sequence[Quote], start: int, end: int) -> Source | None:
    """The Source of the shortest quote whose ``[start, end)`` contains ``[start, end)``; None if none.

    A quote without any speaker, role or organization gives no source (the reporter's voice stands).
    """
    containing = [q for q in quotes if q.start <= start and end <= q.end]
    if not containing:
        return None
    quote = min(containing, key=lambda q: q.end - q.start)
    if quote.speaker is None and quote.role is None and quote.organization is None:
        return None
    return Source(speaker=quote.speaker, role=quote.role, organization=quote.organization)


def source_of(quotes: Sequence[Quote], start: int, end: int) -> Source | None:
    """The quote stage's ``source_for_span`` when it is installed, else :func:`innermost_source`."""
    try:
        from tacitus.extract.quotes import source_for_span
    except ImportError:
        return innermost_source(quotes, start, end)
    return source_for_span(quotes, start, end)
