"""What a date expression is resolved against: the publication date, a statement's date, an anchor.

Why a record: the same words mean different days depending on who says them and when ("yesterday" in a
quote given on March 30 is March 29 whatever the publication date), so every rule reads its reference
from here instead of from a global clock.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tacitus.model import Precision
from tacitus.time.calendar import Tense
from tacitus.time.lexicon import lexicon


@dataclass(frozen=True)
class Context:
    """The dates a phrase may be resolved against.

    ``published``: the document's publication date (None when unknown; never replaced by the clock).
    ``reference``: the date of the statement the phrase is reported in, when the text gives one.
    ``anchor``: the date of the event a phrase like "two days after the attack" counts from.
    ``today``: the injected clock, used only to flag dates after it when the publication date is unknown.
    ``anchor_unit``: how precise the anchor is; "two days later" cannot count from a month.
    ``reference_yearless``: the statement date is a month-day without a year ("On March 30", no
    publication date); only readings that do not depend on the year are kept (resolve.resolve_interval).
    ``reference_inherited``: the statement has no date of its own; the date is the one its speaker gave
    in an earlier statement (tacitus.time.statements).
    """

    published: dt.date | None
    tense: Tense = "unknown"
    reference: dt.date | None = None
    anchor: dt.date | None = None
    anchor_label: str | None = None
    today: dt.date | None = None
    anchor_unit: Precision = "day"
    reference_yearless: bool = False
    reference_inherited: bool = False

    @property
    def ref(self) -> dt.date | None:
        """The "now" of the speaker: the statement's date if given, else the publication date."""
        return self.reference or self.published

    @property
    def ref_name(self) -> str:
        if self.reference is None:
            return "publication"
        return "the speaker's earlier statement date" if self.reference_inherited else "the statement date"


_DIGITS = re.compile(r"^\d{1,5}$")


def count_of(words: str) -> tuple[int, int] | None:
    """The range of counts a number phrase allows: "two" (2, 2), "a few" (2, 6), "12" (12, 12)."""
    words = words.strip()
    lex = lexicon()
    if _DIGITS.match(words):
        return int(words), int(words)
    if words in lex.vague_numbers:
        return lex.vague_numbers[words]
    if words in lex.numbers:
        value = lex.numbers[words]
        return value, value
    return None
