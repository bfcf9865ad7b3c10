"""Resolve every date expression of a parsed document, each against the right reference day.

Why two passes: a relative phrase may count from another date of the same text: "yesterday" in a quote
from a statement given "On March 30", "two days after the attack" when the attack is dated elsewhere. The
first pass resolves every mention against the publication date; the second re-reads the mentions that
sit in a dated statement (tacitus.time.statements, from the quote stage's quotes) or count from a dated
event.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tacitus.model import Evidence, Precision, Quote, TimeSpan
from tacitus.nlp.text import doc_text
from tacitus.time.calendar import Interval, Tense
from tacitus.time.context import Context
from tacitus.time.detect import Mention, find_mentions
from tacitus.time.resolve import normalize, resolve_interval, to_timespan
from tacitus.time.statements import StatementDate, StatementDates, statement_day
from tacitus.time.syntax import (
    anchor_noun,
    attached_lemmas,
    governor,
    span_of,
    speaker_of,
    speech_verb_over,
    speech_verbs_of_sentence,
    tense_of,
)

STAGE_TAG = "time.dates.v2"

_NOUN_ANCHORED = re.compile(r"(?:following|after|before|preceding|since|prior to|leading up to|ahead of)$")
_NARRATIVE = re.compile(
    r"(?:later|earlier)$|^the (?:next|following|previous|preceding) (?:day|morning|night|evening)$"
    r"|^(?:later |earlier )?(?:that|the same) (?:day|night|morning|afternoon|evening)$"
    r"|^(?:in )?the (?:following|next) (?:days|weeks|months)$"
)
_QUOTE_PAIRS = (("“", "”"), ('"', '"'))


@dataclass(frozen=True)
class Resolved:
    """One mention with its parse facts and its resolution."""

    mention: Mention
    span: Any
    verb: Any
    tense: Tense
    interval: Interval


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (curly pairs, then straight pairs)."""
    regions: list[tuple[int, int]] = []
    for opening, closing in _QUOTE_PAIRS:
        position = 0
        while True:
            first = text.find(opening, position)
            if first < 0:
                break
            last = text.find(closing, first + 1)
            if last < 0:
                break
            regions.append((first + 1, last))
            position = last + 1
    return regions


def _inside(position: int, regions: list[tuple[int, int]]) -> tuple[int, int] | None:
    return next((r for r in regions if r[0] <= position < r[1]), None)


def _anchor_of(interval: Interval) -> tuple[dt.date, Precision] | None:
    """The start of a dated interval and its precision, usable as an anchor for "two years earlier"."""
    if interval.kind != "date" or interval.yearless or interval.start is None or interval.end is None:
        return None
    precision = interval.precision
    return (interval.start, precision) if precision is not None else None


class _Document:
    def __init__(
        self,
        doc: Any,
        published: dt.date | None,
        today: dt.date | None,
        quotes: Sequence[Quote] | None = None,
    ) -> None:
        self.doc = doc
        self.published = published
        self.today = today
        text = doc_text(doc)  # ``Doc.text`` is rebuilt from the tokens on every read: read it once
        self.text_length = len(text)
        self.quotes = quote_regions(text)
        self.items: list[Resolved] = []
        self._sentence_list: list[Any] | None = None
        self._speech_verbs_by_sentence: dict[int, list[Any]] = {}
        for mention in find_mentions(doc):
            span = span_of(doc, mention.start, mention.end)
            verb = governor(span) if span is not None else None
            tense = tense_of(verb)
            interval = resolve_interval(mention.text, Context(published, tense, today=today))
            self.items.append(Resolved(mention, span, verb, tense, interval))
        self.statements = StatementDates(doc, quotes, self.items) if quotes is not None else None

    def _dated_statement(self, verb: Any) -> StatementDate | None:
        for item in self.items:
            if (
                item.verb is not None
                and item.verb.i == verb.i
                and not _inside(item.mention.start, self.quotes)
            ):
                day = statement_day(item.interval)
                if day is not None:
                    return StatementDate(day[0], day[1], item.mention.text)
        return None

    def _sentences(self) -> list[Any]:
        """The Doc's sentences, listed once per document (each statement date looked them all up)."""
        if self._sentence_list is None:
            self._sentence_list = list(self.doc.sents)
        return self._sentence_list

    def _speech_verbs(self, k: int) -> list[Any]:
        """``speech_verbs_of_sentence`` of sentence ``k``, remembered for the document."""
        if k not in self._speech_verbs_by_sentence:
            self._speech_verbs_by_sentence[k] = speech_verbs_of_sentence(self._sentences()[k])
        return self._speech_verbs_by_sentence[k]

    def statement_date(self, item: Resolved) -> StatementDate | None:
        """The date of the statement a mention is reported in.

        With the quote stage's quotes: the statement's own date or its speaker's last one
        (tacitus.time.statements); a mention in no quote falls back to a dated speech verb over it in
        the parse. Without quotes (the parse alone): the speech verb over the mention, else the verb
        after its quotation, else an earlier statement by the same speaker within three sentences.
        """
        if item.span is None:
            return None
        speech = speech_verb_over(item.span.root)
        if self.statements is not None:
            found = self.statements.date_at(item.mention.start)
            if found is not None or self.statements.holds(item.mention.start):
                return found
            return self._dated_statement(speech) if speech is not None else None
        quote = _inside(item.mention.start, self.quotes)
        if speech is None and quote is not None:
            tail = self.doc.char_span(quote[1], min(self.text_length, quote[1] + 2), alignment_mode="expand")
            sent = tail.sent if tail is not None else item.span.sent
            verbs = speech_verbs_of_sentence(sent, outside=quote)
            speech = verbs[0] if verbs else None
        if speech is None:
            return None
        own = self._dated_statement(speech)
        if own is not None:
            return own
        speaker = speaker_of(speech)
        if speaker is None:
            return None
        sentences = self._sentences()
        index = next((k for k, s in enumerate(sentences) if s.start <= speech.i < s.end), 0)
        for k in reversed(range(max(0, index - 3), index)):
            for verb in self._speech_verbs(k):
                if speaker_of(verb) == speaker:
                    earlier = self._dated_statement(verb)
                    if earlier is not None:
                        return StatementDate(earlier.day, earlier.yearless, earlier.text, inherited=True)
        return None

    def anchor(self, position: int, item: Resolved) -> tuple[tuple[dt.date, Precision] | None, str | None]:
        """The date (and its precision) a relative phrase counts from, and a label for the reason."""
        phrase = normalize(item.mention.text)
        if _NOUN_ANCHORED.search(phrase):
            noun = anchor_noun(self.doc, item.mention.end)
            if noun is None:
                return None, None
            lemma = noun.lemma_.lower()
            for other in self.items:
                if other is item or other.span is None or _anchor_of(other.interval) is None:
                    continue
                if lemma in attached_lemmas(other.span):
                    return _anchor_of(other.interval), str(noun.text)
            return None, str(noun.text)
        if _NARRATIVE.search(phrase):
            for other in reversed(self.items[:position]):
                found = _anchor_of(other.interval)
                if found is not None:
                    return found, other.mention.text
            return None, "the previous date in the text"
        return None, None

    def resolve(self) -> list[Resolved]:
        second: list[Resolved] = []
        for position, item in enumerate(self.items):
            statement = self.statement_date(item)
            anchor, label = self.anchor(position, item)
            if statement is None and anchor is None and label is None:
                second.append(item)
                continue
            day: dt.date | None = anchor[0] if anchor is not None else None
            unit: Precision = anchor[1] if anchor is not None else "day"
            ctx = Context(
                self.published,
                item.tense,
                statement.day if statement is not None else None,
                day,
                label,
                self.today,
                unit,
                reference_yearless=statement is not None and statement.yearless,
                reference_inherited=statement is not None and statement.inherited,
            )
            second.append(
                Resolved(
                    item.mention, item.span, item.verb, item.tense, resolve_interval(item.mention.text, ctx)
                )
            )
        return second


def resolve_document(
    doc: Any,
    published: dt.date | None,
    today: dt.date | None = None,
    quotes: Sequence[Quote] | None = None,
) -> list[Resolved]:
    """Every date mention of a spaCy Doc with its interval (kinds date, recurrence, duration, none).

    ``quotes`` are the quote stage's statements (speaker and content span); with them, relative words in
    a statement count from its own date or its speaker's last one. Without them, the parse alone says
    which statement a mention is in.
    """
    return _Document(doc, published, today, quotes).resolve()


def document_dates(
    doc: Any,
    published: dt.date | None,
    today: dt.date | None = None,
    quotes: Sequence[Quote] | None = None,
) -> list[TimeSpan]:
    """The document's TimeSpans: dates and recurrences, each with evidence equal to its text slice.

    Durations ("hours of surveillance") and phrases no rule reads are left out: they are not dates.
    """
    spans: list[TimeSpan] = []
    for item in resolve_document(doc, published, today, quotes):
        if item.interval.kind not in ("date", "recurrence"):
            continue
        mention = item.mention
        evidence = Evidence(start=mention.start, end=mention.end, text=mention.text, stage=STAGE_TAG)
        ctx = Context(published, item.tense, today=today)
        spans.append(to_timespan(item.interval, mention.text, ctx, evidence))
    return spans
