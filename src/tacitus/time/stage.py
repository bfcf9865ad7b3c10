"""The date stage: the document's TimeSpans, and each claim's date.

Why it needs claims: the stage fills ``claim.date`` with the date the text ties to the claim's own clause,
sentence or paragraph (tacitus.time.assign), falling back to the publication date, so events and exports
inherit a date with a stated reason instead of the article's first date. Why it needs quotes: relative
words inside a statement count from the statement's own date, or from the date its speaker last gave
(tacitus.time.statements), not from the publication date.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from tacitus.pipeline import Analysis
from tacitus.time.assign import date_for_span
from tacitus.time.document import document_dates
from tacitus.time.parser import warm_up


class DateStage:
    """Adds ``dates`` and fills ``claim.date``.

    ``today`` is the injected clock. It is never a reference for relative words; it only flags as
    future a date after it when the document has no publication date.
    """

    name: ClassVar[str] = "time.dates"
    version: ClassVar[str] = "2"
    requires: ClassVar[frozenset[str]] = frozenset({"parsed", "quotes", "claims"})
    provides: ClassVar[frozenset[str]] = frozenset({"dates"})

    def __init__(self, today: dt.date | None = None) -> None:
        self.today = today
        warm_up()

    def __call__(self, analysis: Analysis) -> Analysis:
        document = analysis.document
        if analysis.parsed is None:
            return analysis
        dates = document_dates(analysis.parsed, document.published, self.today, analysis.quotes)
        claims = [
            claim.model_copy(
                update={
                    "date": date_for_span(
                        dates, document.text, claim.evidence.start, claim.evidence.end, document.published
                    )
                }
            )
            for claim in analysis.claims
        ]
        return analysis.model_copy(update={"dates": dates, "claims": claims})
