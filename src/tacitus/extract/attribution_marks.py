"""Find the spans between quotation marks, straight or curly, in raw text.

Why on the raw text and not on tokens: quotation marks are characters, and a quote that runs on into
a new paragraph ("... the land.\\n\\n“Our priority ...”) is a typographic convention (the closing mark
is left off at a paragraph end) that only the character stream shows. Short spans without a clause
("so-called “caliphate”") are scare quotes, not speech, and are dropped by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = frozenset("“«„")
CLOSING = frozenset("”»")
STRAIGHT = '"'
#: British style quotes with single marks (‘...’); "’" followed by a letter is an apostrophe (won’t).
SINGLE_OPEN, SINGLE_CLOSE = "‘", "’"
DOUBLED = "''"
#: The characters the scanner acts on; a lone "'" is an apostrophe and, like any other character, is
#: skipped (scanning only these is ~10x faster than stepping through every character).
_MARKS = re.compile(
    "[" + "".join(sorted(OPENING | CLOSING)) + STRAIGHT + SINGLE_OPEN + SINGLE_CLOSE + "\n]|" + DOUBLED
)


@dataclass(frozen=True)
class MarkedSpan:
    """Text between quotation marks: ``start``/``end`` exclude the marks themselves."""

    start: int
    end: int
    closed: bool


def _paragraph_end(text: str, position: int) -> int:
    cut = text.find("\n", position)
    return len(text) if cut < 0 else cut


def _closes_single(text: str, i: int) -> bool:
    """Is the "’" at ``i`` a closing quotation mark rather than an apostrophe?

    "won’t" (a letter follows) and "the soldiers’ families" (an "s" before, a space after) are
    apostrophes; "...,’ said" and "‘safe zone’ was" close the quotation.
    """
    after = text[i + 1 : i + 2]
    if after.isalnum():
        return False
    before = text[i - 1 : i]
    return not (after.isspace() and before in ("s", "S"))


def find_marked_spans(text: str) -> list[MarkedSpan]:
    """Every span enclosed in quotation marks, in text order; unclosed ones stop at the paragraph end."""
    spans: list[MarkedSpan] = []
    open_at: int | None = None  # index of the first character after the opening mark
    open_char = ""
    for mark in _MARKS.finditer(text):  # every other character leaves the state as it is
        i, char = mark.start(), mark.group()
        # typewriter quotes: some archives write a double quote as two apostrophes (''...'')
        if char == DOUBLED:
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
            # a new opening mark before the old one closed: the old one ran to here unclosed
            spans.append(MarkedSpan(open_at, i, closed=False))
            open_at, open_char = i + width, char
    if open_at is not None:
        spans.append(MarkedSpan(open_at, _paragraph_end(text, open_at), closed=False))
    return [s for s in spans if text[s.start : s.end].strip()]
