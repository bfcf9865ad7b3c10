"""The date patterns' word prefilter skips a pattern only where it could not have matched."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tacitus.bench import gvc_texts, lgl_texts, shared_dir
from tacitus.time.detect import NEEDLES, PATTERNS, WIDTHS, pattern_spans

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


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=20, max_size=80),
    st.lists(st.sampled_from([" ", "-", "\n", ", ", "x", "."]), min_size=1, max_size=5),
)
def test_windows_find_what_the_whole_text_gives(words: list[str], seps: list[str]) -> None:
    """Long texts full of needles: overlapping and touching windows, matches back to back."""
    text = "".join(w + seps[i % len(seps)] for i, w in enumerate(words))
    assert pattern_spans(text) == _all_spans(text)


def test_every_bounded_pattern_has_a_width() -> None:
    assert all(w is None or w > 0 for w in WIDTHS)
    assert WIDTHS.count(None) < len(WIDTHS)


def test_windows_agree_on_real_articles() -> None:
    try:
        texts = list(gvc_texts(shared_dir()))[:200] + list(lgl_texts(shared_dir()))[:200]
    except FileNotFoundError:
        pytest.skip("shared datasets not found")
    assert [pattern_spans(t) for t in texts] == [_all_spans(t) for t in texts]
