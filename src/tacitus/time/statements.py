"""The date of each reported statement: its own, or the one its speaker last gave.

Why: "yesterday" in a quote counts from the day the words were spoken, not from the day the article was
published. Articles date a briefing once ("On March 30, Colonel Joe Scrocca told reporters ...") and then
quote the same speaker again with a bare "Scrocca said"; that second quote is still the March 30
briefing. The quotes come from the quote stage (speaker, content span); this module finds the date the
frame of each statement gives it and carries it forward to the same speaker's next statements.

Policy (docs/time.md, "Statements"): a statement's own date is a single-day date expression outside the
statement's content, in its sentence, attached to its speech verb ("said on Thursday", "On March 30, X
told reporters", "in a statement released Friday"). A statement without one inherits the own date of
the same speaker's previous statement, walking back through that speaker's statements while each is in
the same or the previous paragraph; the walk stops at a statement by somebody else and at a date in the
reporter's own voice between the two (the narration has moved to another time).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from tacitus.model import Quote
from tacitus.nlp.text import doc_text, doc_token_forms
from tacitus.time.calendar import Interval
from tacitus.time.lexicon import lexicon

if TYPE_CHECKING:
    from tacitus.time.document import Resolved

#: How far up the parse a date may sit from the speech verb: "Friday" -> released -> statement -> in -> said.
_MAX_CLIMB = 5
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class StatementDate:
    """The day a statement was made; ``yearless`` when the text gives a month-day and no year."""

    day: dt.date
    yearless: bool
    text: str
    inherited: bool = False


@dataclass(frozen=True)
class _Statement:
    start: int
    end: int
    key: str | None
    paragraph: int
    own: StatementDate | None


def statement_day(interval: Interval) -> tuple[dt.date, bool] | None:
    """The single day an interval names (and whether its year is unknown), if it names one."""
    if interval.kind == "date" and interval.start is not None and interval.start == interval.end:
        return interval.start, interval.yearless
    return None


def speaker_key(quote: Quote) -> str | None:
    """Who said it, reduced to a key two mentions of one speaker share.

    The last word of the speaker ("Colonel Joe Scrocca" and "Scrocca" give "scrocca"; "a spokesman" and
    "the spokesman" give "spokesman"), else of the role, else of the organisation.
    """
    for name in (quote.speaker, quote.role, quote.organization):
        words = _WORD.findall(name.lower()) if name else []
        if words:
            return str(words[-1])
    return None


def _inside(position: int, start: int, end: int) -> bool:
    return start <= position < end


class StatementDates:
    """Statement dates of one document, from the quote stage's quotes and the first-pass date mentions."""

    def __init__(self, doc: Any, quotes: Sequence[Quote], items: Sequence[Resolved]) -> None:
        text = doc_text(doc)
        self._doc = doc
        self._length = len(text)
        self._paragraphs = [0] + [m.end() for m in re.finditer(r"\n+", text)]
        self._items = items
        reportable = sorted((q for q in quotes if q.end > q.start), key=lambda q: (q.start, -q.end))
        self._contents = [(q.start, q.end) for q in reportable]
        self._own_positions: set[int] = set()
        self._statements = [
            _Statement(q.start, q.end, speaker_key(q), self._paragraph(q.start), self._own_date(q))
            for q in reportable
        ]
        self._dates = [self._effective(k) for k in range(len(self._statements))]

    def _paragraph(self, position: int) -> int:
        return bisect.bisect_right(self._paragraphs, position) - 1

    def _speech_verb(self, quote: Quote) -> tuple[Any, tuple[int, int]] | None:
        """The speech verb of the quote's frame (nearest the content, the quote's cue word if present)
        and the character range of the sentences the frame may use."""
        span = self._doc.char_span(
            max(0, quote.start - 1), min(self._length, quote.end + 1), alignment_mode="expand"
        )
        if span is None:
            return None
        sentences = list(span.sents)
        low, high = sentences[0].start_char, sentences[-1].end_char
        speech = lexicon().speech_verbs
        forms = doc_token_forms(self._doc)  # the lemma is tested first, from strings read once per Doc
        verbs = [
            t
            for s in sentences
            for i in range(s.start, s.end)
            if forms[i][0] in speech
            for t in (self._doc[i],)
            if t.pos_ in ("VERB", "AUX") and not _inside(t.idx, quote.start, quote.end)
        ]
        cued = [t for t in verbs if quote.cue is not None and t.text == quote.cue]
        verbs = cued or verbs
        if not verbs:
            return None

        def distance(token: Any) -> int:
            index = int(token.idx)
            return quote.start - index if index < quote.start else index - quote.end

        return min(verbs, key=distance), (low, high)

    @staticmethod
    def _reaches(token: Any, speech: Any, quote: Quote) -> bool:
        """Whether the parse leads from a date's verb up to the speech verb without entering the content."""
        for _ in range(_MAX_CLIMB):
            if token.i == speech.i:
                return True
            if _inside(token.idx, quote.start, quote.end) or token.head.i == token.i:
                return False  # at the root another round would repeat this one (``is`` never held)
            token = token.head
        return bool(token.i == speech.i)

    def _own_date(self, quote: Quote) -> StatementDate | None:
        found = self._speech_verb(quote)
        if found is None:
            return None
        speech, (low, high) = found
        for item in self._items:
            position = item.mention.start
            if _inside(position, quote.start, quote.end) or not low <= position < high:
                continue
            day = statement_day(item.interval)
            if day is None or item.verb is None or not self._reaches(item.verb, speech, quote):
                continue
            self._own_positions.add(position)
            return StatementDate(day[0], day[1], item.mention.text)
        return None

    def _narration_date_between(self, low: int, high: int) -> bool:
        """A date in the reporter's own voice between two statements: the narration moved in time."""
        for item in self._items:
            position = item.mention.start
            if not low <= position < high or item.interval.kind != "date":
                continue
            if position in self._own_positions:
                continue
            if any(_inside(position, a, b) for a, b in self._contents):
                continue
            return True
        return False

    def _effective(self, index: int) -> StatementDate | None:
        statement = self._statements[index]
        if statement.own is not None:
            return statement.own
        if statement.key is None:
            return None
        paragraph, since = statement.paragraph, statement.start
        for earlier in reversed(self._statements[:index]):
            if earlier.end > statement.start:
                continue  # encloses or overlaps this statement: not an earlier one
            if earlier.key != statement.key or paragraph - earlier.paragraph > 1:
                return None
            if self._narration_date_between(earlier.end, since):
                return None
            if earlier.own is not None:
                return replace(earlier.own, inherited=True)
            paragraph, since = earlier.paragraph, earlier.start
        return None

    def holds(self, position: int) -> bool:
        """Whether a character sits inside any statement's content."""
        return any(_inside(position, s.start, s.end) for s in self._statements)

    def date_at(self, position: int) -> StatementDate | None:
        """The date of the innermost statement around ``position`` that has one (own or inherited)."""
        holders = [
            (s.end - s.start, k) for k, s in enumerate(self._statements) if _inside(position, s.start, s.end)
        ]
        for _, index in sorted(holders):
            if self._dates[index] is not None:
                return self._dates[index]
        return None
