"""Find date expressions in a parsed document: spaCy's DATE/TIME entities plus patterns NER misses.

Why both: the small model tags "March 29", "today" and "Friday" well, but gives "the days" for "in the
days following", "March" for "mid-March", and nothing for "earlier this month" or "two days after".
Pattern matches and entities that overlap are merged into one mention, so each expression is resolved
once and its evidence is the exact slice of the text.
"""

from __future__ import annotations

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
    for pattern, groups in zip(PATTERNS, NEEDLES, strict=True):
        haystack = lowered if pattern.flags & re.IGNORECASE else text
        if haystack is not None and not all(any(w in haystack for w in group) for group in groups):
            continue
        spans.extend(m.span() for m in pattern.finditer(text))
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
