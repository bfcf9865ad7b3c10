"""The date patterns' word prefilter skips a pattern only where it could not have matched."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tacitus.time.detect import NEEDLES, PATTERNS, pattern_spans

WORDS = [
    "the", "The", "days", "weeks", "following", "after", "since", "this", "last", "week", "month", "year",
    "Mid", "mid-", "March", "May", "Monday", "Fridays", "morning", "two", "3", "ago", "EARLIER", "Later",
    "yesterday", "TODAY", "Last Night", "next", "same", "day", "past", "few", "12th", "2024", ",", "\u017f",
    "\u0130", "in", "During", "leading up to", "prior to", "that", "later that DAY", "Sunday",
]  # fmt: skip


def _all_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for pattern in PATTERNS for m in pattern.finditer(text)]


def test_every_pattern_has_needles() -> None:
    assert len(NEEDLES) == len(PATTERNS)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12), st.sampled_from([" ", "-", "  ", "\n"]))
def test_prefilter_keeps_every_match(words: list[str], sep: str) -> None:
    text = sep.join(words)
    assert pattern_spans(text) == _all_spans(text)
