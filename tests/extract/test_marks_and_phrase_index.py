"""Speed rewrites that must not change answers: the quote-mark scanner jumps between marks instead of
stepping through every character, and the quantity grammar tries only the phrases whose first word is
at hand. Both are checked against the plain algorithms on generated text."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tacitus.extract import quantities
from tacitus.extract.attribution_marks import (
    CLOSING,
    DOUBLED,
    OPENING,
    SINGLE_CLOSE,
    SINGLE_OPEN,
    STRAIGHT,
    MarkedSpan,
    _closes_single,
    _paragraph_end,
    find_marked_spans,
)
from tacitus.extract.numbers import Token, lexicon, matches


def _stepwise_marked_spans(text: str) -> list[MarkedSpan]:
    """The scanner as it was: one character at a time."""
    spans: list[MarkedSpan] = []
    open_at: int | None = None
    open_char = ""
    i = 0
    while i < len(text):
        char = text[i]
        if char == "'" and text.startswith(DOUBLED, i):
            char, width = STRAIGHT, 2
        else:
            width = 1
        if char == "\n" and open_at is not None:
            spans.append(MarkedSpan(open_at, i, closed=False))
            open_at = None
        elif open_char == SINGLE_OPEN and open_at is not None:
            if char == SINGLE_CLOSE and _closes_single(text, i):
                spans.append(MarkedSpan(open_at, i, closed=True))
                open_at, open_char = None, ""
        elif open_at is None and char == SINGLE_OPEN and (i == 0 or not text[i - 1].isalnum()):
            open_at, open_char = i + 1, char
        elif open_at is None and (char in OPENING or char == STRAIGHT):
            open_at, open_char = i + width, char
        elif open_at is not None and (
            (open_char == STRAIGHT and char == STRAIGHT) or (open_char != STRAIGHT and char in CLOSING)
        ):
            spans.append(MarkedSpan(open_at, i, closed=True))
            open_at = None
        elif open_at is not None and open_char != STRAIGHT and char in OPENING:
            spans.append(MarkedSpan(open_at, i, closed=False))
            open_at, open_char = i + width, char
        i += width
    if open_at is not None:
        spans.append(MarkedSpan(open_at, _paragraph_end(text, open_at), closed=False))
    return [s for s in spans if text[s.start : s.end].strip()]


MARK_TEXT = st.lists(
    st.sampled_from([*"ab s,.\n'", *OPENING, *CLOSING, STRAIGHT, SINGLE_OPEN, SINGLE_CLOSE, "said", "''"]),
    max_size=60,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(MARK_TEXT)
def test_mark_scanner_matches_the_stepwise_one(text: str) -> None:
    assert find_marked_spans(text) == _stepwise_marked_spans(text)


def test_mark_scanner_on_real_quotes() -> None:
    text = "“We left,” he said. ''Typewriter quotes'' and ‘single ones’ too; soldiers’ kin won’t.\n“Unclosed"
    assert find_marked_spans(text) == _stepwise_marked_spans(text)
    assert len(find_marked_spans(text)) == 4


def _words() -> list[str]:
    lex = lexicon()
    phrases = [q[0] for q in lex.qualifiers] + [v[0] for v in lex.vague] + [f[0] for f in lex.fractions]
    words = {w for phrase in phrases for w in phrase} | {w for row in lex.zero_words for w in row}
    return sorted(words | {"people", "12", "and"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_words()), max_size=6), st.integers(min_value=0, max_value=6))
def test_phrase_buckets_find_the_first_match_of_the_full_list(words: list[str], i: int) -> None:
    tokens = [Token(w, 0, 0) for w in words]
    lex = lexicon()
    full: dict[str, tuple[tuple[Any, ...], ...]] = {
        "qualifiers": lex.qualifiers,
        "zero": tuple((w, 0.0) for w in lex.zero_words),
        "vague": lex.vague,
        "fractions": lex.fractions,
    }
    for kind, rows in full.items():
        expected = next((row for row in rows if matches(tokens, i, row[0])), None)
        found = next(
            (row for row in quantities._candidates(kind, tokens, i) if matches(tokens, i, row[0])), None
        )
        assert found == expected
