"""Date precision in the codes ACLED and UCDP use, derived from a resolved TimeSpan.

ACLED time_precision: 1 the day is known, 2 the week (or a few days), 3 the month or longer.
UCDP GED date_prec: 1 exact day, 2 a range of 2-6 days, 3 a week, 4 a month (8-31 days), 5 longer.
An interval with an open end is as imprecise as the codes allow (3 and 5): the text does not bound it.
"""

from __future__ import annotations

import datetime as dt

from tacitus.model import TimeSpan


def span_days(span: TimeSpan) -> int | None:
    """Number of days the span covers (``--MM-DD`` spans read in a leap year), None when open."""
    if span.start is None or span.end is None:
        return None
    try:
        first, last = (
            dt.date.fromisoformat(v.replace("--", "2000-", 1) if v.startswith("--") else v)
            for v in (span.start, span.end)
        )
    except ValueError:
        return None
    return abs((last - first).days) + 1


def acled_time_precision(span: TimeSpan) -> int:
    """ACLED's time_precision (1 day, 2 within a week, 3 a month or more)."""
    days = span_days(span)
    if days is None:
        return 3
    if days <= 1:
        return 1
    return 2 if days <= 7 else 3


def ucdp_date_prec(span: TimeSpan) -> int:
    """UCDP GED's date_prec (1 exact day, 2 2-6 days, 3 a week, 4 a month, 5 longer or open)."""
    days = span_days(span)
    if days is None:
        return 5
    if days <= 1:
        return 1
    if days <= 6:
        return 2
    if days == 7:
        return 3
    return 4 if days <= 31 else 5
