"""Calendar arithmetic and the interval record the resolver works with.

Why our own: dateparser returns one datetime, but a news date is an interval ("last week" is seven days,
"mid-March" ten). These helpers build intervals and pick which year an underspecified date belongs to.
A date without a year is carried in the leap year 2000 with ``yearless=True`` and printed ``--MM-DD``.
"""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from tacitus.model import Precision

Tense = Literal["past", "future", "unknown"]
Kind = Literal["date", "recurrence", "duration", "none"]

#: The leap year that carries month-days whose year the text does not give.
YEARLESS = 2000

MONTHS: dict[str, int] = {
    name: index
    for index in range(1, 13)
    for name in (
        stdlib_calendar.month_name[index].lower(),
        stdlib_calendar.month_abbr[index].lower(),
    )
}
MONTHS["sept"] = 9
WEEKDAYS: dict[str, int] = {stdlib_calendar.day_name[i].lower(): i for i in range(7)}


@dataclass(frozen=True)
class Interval:
    """A resolved interval before it becomes a :class:`~tacitus.model.TimeSpan`.

    ``unit`` is the precision the expression itself names; it is used when an end is open and the length
    of the interval cannot say how precise the date is.
    """

    start: dt.date | None
    end: dt.date | None
    reason: str
    unit: Precision | None = None
    yearless: bool = False
    kind: Kind = "date"

    @property
    def precision(self) -> Precision | None:
        """The smallest calendar unit whose length covers the interval (day, week, month, year)."""
        if self.start is None or self.end is None:
            return self.unit
        return precision_of(self.start, self.end)

    def with_reason(self, reason: str) -> Interval:
        return replace(self, reason=reason)


def open_interval(reason: str, unit: Precision | None = None, kind: Kind = "date") -> Interval:
    """An expression whose dates the text and the reference date cannot fix."""
    return Interval(None, None, reason, unit=unit, kind=kind)


def precision_of(start: dt.date, end: dt.date) -> Precision:
    days = (end - start).days + 1
    if days <= 1:
        return "day"
    if days <= 7:
        return "week"
    if days <= 31:
        return "month"
    return "year"


def iso(day: dt.date | None, yearless: bool) -> str | None:
    if day is None:
        return None
    return f"--{day.month:02d}-{day.day:02d}" if yearless else day.isoformat()


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, stdlib_calendar.monthrange(year, month)[1])


def month_interval(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), month_end(year, month)


def month_part(year: int, month: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    """Days ``first``..``last`` of a month; a negative ``last`` counts from the month's end (-1 = last)."""
    end_day = month_end(year, month).day
    stop = end_day + 1 + last if last < 0 else min(last, end_day)
    return dt.date(year, month, first), dt.date(year, month, stop)


def week_start(day: dt.date) -> dt.date:
    """Monday of the ISO week holding ``day``."""
    return day - dt.timedelta(days=day.weekday())


def week_interval(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = week_start(day)
    return monday, monday + dt.timedelta(days=6)


def add_months(day: dt.date, months: int) -> dt.date:
    """The first of the month ``months`` after (or before) ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def shift_days(day: dt.date, days: int) -> dt.date | None:
    """``day`` plus ``days``, or None outside the calendar (year 1..9999)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def choose_period(
    make: Callable[[int], tuple[dt.date, dt.date]], reference: dt.date, tense: Tense
) -> tuple[dt.date, dt.date] | None:
    """Pick the year of a period whose year the text omits ("March 29", "mid-March").

    Past or unknown tense: the latest period starting on or before the reference (news reports the past).
    Future tense: the earliest period ending on or after the reference.
    """
    candidates: list[tuple[dt.date, dt.date]] = []
    for year in range(reference.year - 4, reference.year + 5):
        if not 1 <= year <= 9999:
            continue
        try:
            candidates.append(make(year))
        except ValueError:  # 29 February in a common year
            continue
    if tense == "future":
        later = [c for c in candidates if c[1] >= reference]
        return min(later) if later else None
    earlier = [c for c in candidates if c[0] <= reference]
    return max(earlier) if earlier else None
