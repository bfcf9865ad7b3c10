"""Tie a span of text (a claim, an event) to the date the text gives it.

Why nearest-in-structure and not first-in-article: an article dated April 1 may report a video taken on
March 29 and a statement released Friday; a claim takes the date of its own clause, else of its
sentence, else of its paragraph, and only then the publication date. Text-only on purpose, so the events
stage can call it without the parse.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence

from tacitus.model import TimeSpan

#: Words ending in a period that do not end a sentence ("Col. John J. Thomas", "U.S. forces").
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "col", "lt", "gen", "maj", "sgt", "capt", "brig", "adm", "gov", "sen", "rep"}
    | {"rev", "prof", "st", "jr", "sr", "no", "vs", "etc", "inc", "co", "corp", "u.s", "u.n", "u.k"}
    | {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s+")
_CLAUSE_BREAK = re.compile(r"[;:“”\"]|\s[—–-]\s|,\s(?:and|but|while|whereas|although|though)\s")


def _word_before(text: str, stop: int) -> str:
    """The last whitespace-separated word of ``text[:stop]`` (``text[:stop].rsplit(None, 1)[-1]``)
    without copying the text before it: that copy per full stop made long paragraphs quadratic."""
    end = stop
    while end > 0 and text[end - 1].isspace():
        end -= 1
    begin = end
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:end]


@functools.lru_cache(maxsize=256)
def _sentence_breaks(text: str) -> tuple[int, ...]:
    """Sentence ends of a paragraph; cached, as every claim and event of the paragraph asks again."""
    breaks = []
    for m in _SENTENCE_END.finditer(text):
        word = _word_before(text, m.start()).lower().strip("\"“'(")
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        breaks.append(m.end())
    return tuple(breaks)


def _bounds(text: str, start: int, end: int, breaks: Sequence[int]) -> tuple[int, int]:
    left = max((b for b in breaks if b <= start), default=0)
    right = min((b for b in breaks if b >= end), default=len(text))
    return left, right


@functools.lru_cache(maxsize=16)
def _paragraph_breaks(text: str) -> tuple[int, ...]:
    """Paragraph starts of a document; cached, as every claim, event and date of it asks again."""
    return tuple(m.end() for m in re.finditer(r"\n+", text))


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The line block holding the span (paragraphs are separated by newlines)."""
    return _bounds(text, start, end, _paragraph_breaks(text))


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding the span, within its paragraph (abbreviations like "Col." do not split)."""
    p_start, p_end = paragraph_bounds(text, start, end)
    breaks = [p_start + b for b in _sentence_breaks(text[p_start:p_end])]
    left, right = _bounds(text, start, end, breaks)
    return max(left, p_start), min(right, p_end)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause holding the span: its sentence cut at semicolons, dashes, quotation marks, ", and"."""
    s_start, s_end = sentence_bounds(text, start, end)
    found = [(s_start + m.start(), s_start + m.end()) for m in _CLAUSE_BREAK.finditer(text[s_start:s_end])]
    left = max((after for _, after in found if after <= start), default=s_start)
    right = min((before for before, _ in found if before >= end), default=s_end)
    return left, right


def _distance(span: TimeSpan, start: int, end: int) -> int:
    if span.evidence is None:
        return len(span.text) + end
    if span.evidence.end <= start:
        return start - span.evidence.end
    if span.evidence.start >= end:
        return span.evidence.start - end
    return 0


def _position(span: TimeSpan) -> int:
    return span.evidence.start if span.evidence is not None else 0


def publication_span(published: dt.date) -> TimeSpan:
    """The fallback date: the publication day, with no evidence in the text."""
    day = published.isoformat()
    return TimeSpan(start=day, end=day, precision="day", text="", reason="publication date")


def date_for_span(
    dates: Sequence[TimeSpan], text: str, start: int, end: int, published: dt.date | None
) -> TimeSpan | None:
    """The date the text ties to ``text[start:end]``: nearest dated expression in the same clause, else
    sentence, else paragraph, else the publication date (None when there is none).

    Only expressions with a start date count; recurrences and open intervals say nothing about when.
    """
    usable = [d for d in dates if d.evidence is not None and d.start is not None]
    for bounds in (clause_bounds, sentence_bounds, paragraph_bounds):
        low, high = bounds(text, start, end)
        inside = [d for d in usable if d.evidence is not None and low <= d.evidence.start < high]
        if inside:
            return min(inside, key=lambda d: (_distance(d, start, end), _position(d)))
    return publication_span(published) if published is not None else None
