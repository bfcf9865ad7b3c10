"""Find date expressions in a parsed document: spaCy's DATE/TIME entities plus patterns NER misses.

Why both: the small model tags "March 29", "today" and "Friday" well, but gives "the days" for "in the
days following", "March" for "mid-March", and nothing for "earlier this month" or "two days after".
Pattern matches and entities that overlap are merged into one mention, so each expression is resolved
once and its evidence is the exact slice of the text.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any

from tacitus.nlp.text import doc_ents, doc_text
from tacitus.time.calendar import MONTHS

_MONTH_LIST = sorted({name.capitalize() for name in MONTHS if len(name) > 3} | {"May"}, key=len, reverse=True)
_MONTH_NAMES = "|".join(_MONTH_LIST)
_WEEKDAY_NAMES = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_COUNT = (
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3}"
    r"|a few|several|a couple of)"
)
_RELATION = r"(?:following|after|before|preceding|since|leading up to|prior to)"
_PART = r"(?:[Ee]arly|[Mm]id|[Ll]ate|the end of|the beginning of|the start of|the middle of)"

#: Patterns for expressions the NER misses or cuts short. Case matters for names (weekdays, months).
PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"\b(?:[Ii]n |[Dd]uring |[Oo]ver )?[Tt]he (?:(?:next|following|first|few|" + _COUNT + r") )?"
        r"(?:days?|weeks?|months?) (?:that )?" + _RELATION + r"\b"
    ),
    re.compile(r"\b(?:[Ee]arlier|[Ll]ater|" + _PART + r")[\s-]+(?:this|last|next) (?:week|month|year)\b"),
    re.compile(r"\b" + _PART + r"[\s-]*(?:" + _MONTH_NAMES + r")\b(?:,? \d{4})?"),
    re.compile(
        r"\b(?:(?:[Ll]ast|[Tt]his|[Nn]ext|[Oo]n|this past|this coming) )?(?:" + _WEEKDAY_NAMES + r")s?\b"
        r"(?: (?:morning|afternoon|evening|night))?"
    ),
    re.compile(
        r"\b" + _COUNT + r" (?:days?|weeks?|months?|years?) (?:ago|earlier|later|before|after)\b", re.I
    ),
    re.compile(r"\b(?:yesterday|today|tonight|tomorrow|last night)\b", re.I),
    re.compile(
        r"\b(?:the (?:next|following|previous|same) (?:day|morning|night|evening)|later that day)\b", re.I
    ),
    re.compile(
        r"\b(?:in )?(?:the )?(?:past|last|coming|next|recent) (?:few |several |" + _COUNT + r" )?"
        r"(?:days|weeks|months)\b",
        re.I,
    ),
    re.compile(r"\b(?:" + _MONTH_NAMES + r") \d{1,2}(?:st|nd|rd|th)?\b(?:, \d{4})?"),
    re.compile(r"\b\d{1,2}(?:st|nd|rd|th)? (?:" + _MONTH_NAMES + r")\b(?: \d{4})?"),
)

_UNITS = ("day", "week", "month")
_RELATIONS = ("following", "after", "before", "preceding", "since", "leading up to", "prior to")
_MONTHS = tuple(_MONTH_LIST)
#: Per pattern of ``PATTERNS``: groups of words of which every match contains one each (a case-insensitive
#: pattern's in the lower-cased text). A text lacking a group cannot match, so the pattern is not run:
#: ``str`` containment is far cheaper than the regex engine trying every position of an article.
NEEDLES: tuple[tuple[tuple[str, ...], ...], ...] = (
    (_UNITS, _RELATIONS),
    (tuple(f"{w} {u}" for w in ("this", "last", "next") for u in ("week", "month", "year")),),
    (_MONTHS,),
    (tuple(_WEEKDAY_NAMES.split("|")),),
    ((*_UNITS, "year"), ("ago", "earlier", "later", "before", "after")),
    (("yesterday", "today", "tonight", "tomorrow", "last night"),),
    (("day", "morning", "night", "evening"),),
    (("days", "weeks", "months"),),
    (_MONTHS,),
    (_MONTHS,),
)
#: The characters other than ASCII letters that ``re.IGNORECASE`` matches to an ASCII letter (İ, ı, ſ, the
#: Kelvin sign): in a text holding one, lower-casing does not show every case-insensitive match.
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")
#: The standard library's regex parser (``re._parser``, untyped), which tells each pattern's longest match.
_regex_parser: Any = importlib.import_module("re._parser")
_MAXREPEAT: int = importlib.import_module("re._constants").MAXREPEAT


def _longest_match(pattern: re.Pattern[str]) -> int | None:
    """The most characters ``pattern`` can match, or None when unbounded (or when it can match nothing)."""
    low, high = _regex_parser.parse(pattern.pattern, pattern.flags).getwidth()
    return int(high) if low > 0 and high < _MAXREPEAT else None


#: Per pattern of ``PATTERNS``, the longest text it can match (None: unbounded, run over the whole text).
WIDTHS: tuple[int | None, ...] = tuple(_longest_match(p) for p in PATTERNS)

_BOUND_PREFIX = re.compile(r"(?:ever since|since|until|till|before|after|prior to) $", re.I)


@dataclass(frozen=True)
class Mention:
    """A date expression's character span in the document."""

    start: int
    end: int
    text: str


def _candidate_spans(doc: Any) -> list[tuple[int, int]]:
    spans = [(ent.start_char, ent.end_char) for ent in doc_ents(doc) if ent.label_ in ("DATE", "TIME")]
    spans.extend(pattern_spans(doc_text(doc)))  # ``Doc.text`` joins every token again: read it once
    return spans


def pattern_spans(text: str) -> list[tuple[int, int]]:
    """The matches of every pattern of ``PATTERNS`` in ``text``, pattern by pattern."""
    spans: list[tuple[int, int]] = []
    lowered = None if any(c in text for c in _FOLDS_TO_ASCII) else text.lower()
    if lowered is not None and len(lowered) != len(text):
        lowered = None  # positions in the lower-cased text would not be positions in ``text``
    for pattern, groups, width in zip(PATTERNS, NEEDLES, WIDTHS, strict=True):
        haystack = lowered if pattern.flags & re.IGNORECASE else text
        if haystack is not None and not all(any(w in haystack for w in group) for group in groups):
            continue
        if haystack is None or width is None:
            spans.extend(m.span() for m in pattern.finditer(text))
        else:
            spans.extend(_matches_near(pattern, text, haystack, groups, width))
    return spans


def _matches_near(
    pattern: re.Pattern[str], text: str, haystack: str, groups: tuple[tuple[str, ...], ...], width: int
) -> list[tuple[int, int]]:
    """``[m.span() for m in pattern.finditer(text)]``, with the regex run only where a match can start.

    Why: running ten patterns over every character of an article was most of the date stage. Every
    match holds a word of each needle group at the same position in ``haystack`` (``text`` or its
    lower-cased copy, of equal length) and is at most ``width`` long, so it starts in ``[q + len(w) -
    width, q]`` for one occurrence ``q`` of a word ``w`` of the group with the fewest occurrences. Each
    such window is searched with ``endpos`` one character past the longest match that can start in it,
    so the regex sees the same text as over the whole article (``pos`` keeps the character before it for
    ``\\b``), and the windows are visited left to right as ``finditer`` would: the same matches.
    """
    group = min(groups, key=lambda g: sum(haystack.count(w) for w in g))
    windows: list[tuple[int, int]] = []
    for word in group:
        q = haystack.find(word)
        while q >= 0:
            windows.append((max(0, q + len(word) - width), q))
            q = haystack.find(word, q + 1)
    windows.sort()
    spans: list[tuple[int, int]] = []
    resume = 0  # where the last match ended: finditer never looks before it again
    k = 0
    while k < len(windows):
        low, high = windows[k]
        k += 1
        while k < len(windows) and windows[k][0] <= high + 1:  # merge windows that touch or overlap
            high = max(high, windows[k][1])
            k += 1
        position = max(low, resume)
        while position <= high:
            match = pattern.search(text, position, high + width + 1)
            if match is None or match.start() > high:
                break
            spans.append(match.span())
            resume = position = match.end()
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def find_mentions(doc: Any) -> list[Mention]:
    """Date expressions in ``doc`` (a spaCy Doc), in text order, with "since"/"until" kept in front."""
    text: str = doc_text(doc)
    mentions: list[Mention] = []
    for start, end in _merge(_candidate_spans(doc)):
        bound = _BOUND_PREFIX.search(text, max(0, start - 12), start)
        if bound is not None and bound.end() == start:
            start = bound.start()
        while end > start and text[end - 1] in " \n\t,.;:":
            end -= 1
        if end > start:
            mentions.append(Mention(start, end, text[start:end]))
    return mentions
