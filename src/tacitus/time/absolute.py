"""Rules for expressions that name the calendar: "March 29", "March 29, 2017", "mid-March", "early
April", "in 2014", "the 1990s", "29-31 March", and dateparser for the remaining explicit formats.

Why the year policy lives here: "March 29" has no year; the year is the one that puts the date on or
before the reference day (past or unknown tense) or on or after it (future tense). Without a reference the
year stays unknown and the date prints as ``--03-29``; the clock is never used (docs/time.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from tacitus.time.calendar import (
    MONTHS,
    YEARLESS,
    Interval,
    add_months,
    choose_period,
    month_end,
    month_interval,
    month_part,
    open_interval,
    week_interval,
)
from tacitus.time.context import Context
from tacitus.time.lexicon import lexicon
from tacitus.time.parser import parse_phrase

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?P<year>\d{4})"
_ORD = r"(?:st|nd|rd|th)?"
_PARTS = (
    r"early|mid|middle|late|the end of|the beginning of|the start of|the middle of"
    r"|the first half of|the second half of"
)

Maker = Callable[[int], tuple[dt.date, dt.date]]


def _place(make: Maker, year: str | None, what: str, ctx: Context) -> Interval | None:
    """Fix the year of a period: the text's year, else by the tense policy, else leave it unknown."""
    if year is not None:
        start, end = make(int(year))
        return Interval(start, end, f"{what} with the year given")
    if ctx.ref is None:
        start, end = make(YEARLESS)
        return Interval(start, end, f"{what}; year unknown (no publication date)", yearless=True)
    chosen = choose_period(make, ctx.ref, ctx.tense)
    if chosen is None:
        return None
    side = "on or after" if ctx.tense == "future" else "on or before"
    return Interval(
        chosen[0],
        chosen[1],
        f"{what}; latest year {side} {ctx.ref_name}".replace(
            "latest year on or after", "earliest year on or after"
        ),
    )


_MONTH_DAY = re.compile(
    rf"^(?P<month>{_MONTH})\.? (?:the )?(?P<day>\d{{1,2}}){_ORD}(?:,?\s+{_YEAR})?$"
    rf"|^(?:the )?(?P<day2>\d{{1,2}}){_ORD}(?: of)? (?P<month2>{_MONTH})\.?(?:,?\s+(?P<year2>\d{{4}}))?$"
)


def month_day(p: str, ctx: Context) -> Interval | None:
    """ "March 29", "29 March 2017", "the 29th of March"."""
    m = _MONTH_DAY.match(p)
    if m is None:
        return None
    month = MONTHS[m["month"] or m["month2"]]
    day = int(m["day"] or m["day2"])
    year = m["year"] or m["year2"]
    try:
        dt.date(YEARLESS if year is None else int(year), month, day)
    except ValueError:
        return open_interval(f"'{p}' is not a calendar date", "day")

    def make(y: int) -> tuple[dt.date, dt.date]:
        return dt.date(y, month, day), dt.date(y, month, day)

    return _place(make, year, "month and day", ctx)


_DAY_OF_MONTH = re.compile(rf"^the (?P<day>\d{{1,2}}){_ORD}(?: of (?:the|this) month)?$")


def day_of_month(p: str, ctx: Context) -> Interval | None:
    """ "the 29th": the latest such day on or before the reference (after it in future tense)."""
    m = _DAY_OF_MONTH.match(p)
    if m is None or not 1 <= int(m["day"]) <= 31:
        return None
    if ctx.ref is None:
        return open_interval(f"'{p}' needs the month of the publication date, which is unknown", "day")
    day = int(m["day"])
    step = 1 if ctx.tense == "future" else -1
    month = dt.date(ctx.ref.year, ctx.ref.month, 1)
    for _ in range(13):
        if day <= month_end(month.year, month.month).day:
            candidate = dt.date(month.year, month.month, day)
            if (step < 0 and candidate <= ctx.ref) or (step > 0 and candidate >= ctx.ref):
                return Interval(candidate, candidate, f"day of month nearest {ctx.ref_name}", unit="day")
        month = add_months(month, step)
    return None


_MONTH_PART = re.compile(rf"^(?P<part>{_PARTS})[\s-]*(?P<month>{_MONTH})\.?(?:,?\s+(?:of )?{_YEAR})?$")
_YEAR_PART = re.compile(rf"^(?P<part>{_PARTS})[\s-]*{_YEAR}$")


def month_or_year_part(p: str, ctx: Context) -> Interval | None:
    """ "mid-March" is the 11th-20th, "early April" the 1st-10th, "late 2016" September-December."""
    lex = lexicon()
    m = _MONTH_PART.match(p)
    if m is not None:
        month = MONTHS[m["month"]]
        first, last = lex.month_parts[m["part"]]

        def make(y: int) -> tuple[dt.date, dt.date]:
            return month_part(y, month, first, last)

        return _place(make, m["year"], f"{m['part']} {m['month']}", ctx)
    m = _YEAR_PART.match(p)
    if m is not None:
        first_month, last_month = lex.year_parts[m["part"]]
        year = int(m["year"])
        return Interval(dt.date(year, first_month, 1), month_end(year, last_month), f"{m['part']} {year}")
    return None


_MONTH_ONLY = re.compile(rf"^(?:(?P<rel>last|this|next) )?(?P<month>{_MONTH})\.?(?:,?\s+(?:of )?{_YEAR})?$")


def month_only(p: str, ctx: Context) -> Interval | None:
    """ "March", "in March 2017", "last March" (the latest March before the reference's month)."""
    m = _MONTH_ONLY.match(p)
    if m is None:
        return None
    month = MONTHS[m["month"]]

    def make(y: int) -> tuple[dt.date, dt.date]:
        return month_interval(y, month)

    if m["rel"] is None or ctx.ref is None:
        return _place(make, m["year"], m["month"], ctx)
    this_month = month_interval(ctx.ref.year, ctx.ref.month)
    if m["rel"] == "last":
        chosen = choose_period(make, this_month[0] - dt.timedelta(days=1), "past")
    elif m["rel"] == "next":
        chosen = choose_period(make, this_month[1] + dt.timedelta(days=1), "future")
    else:
        chosen = make(ctx.ref.year)
    if chosen is None:
        return None
    return Interval(chosen[0], chosen[1], f"{m['rel']} {m['month']} relative to {ctx.ref_name}")


_YEAR_ONLY = re.compile(r"^(?:the year )?(?P<year>1\d{3}|2\d{3})$")
_DECADE = re.compile(r"^(?:the )?(?P<decade>1\d{2}|2\d{2})0s$")


def year(p: str, ctx: Context) -> Interval | None:
    """ "2014", "the year 2014", "the 1990s"."""
    m = _YEAR_ONLY.match(p)
    if m is not None:
        y = int(m["year"])
        return Interval(dt.date(y, 1, 1), dt.date(y, 12, 31), "year given")
    m = _DECADE.match(p)
    if m is not None:
        first = int(m["decade"]) * 10
        return Interval(dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "decade given")
    return None


_DAY_RANGE = re.compile(
    rf"^(?:between |from )?(?P<d1>\d{{1,2}}){_ORD}\s*(?:-|to|and|until|through)\s*(?P<d2>\d{{1,2}}){_ORD}"
    rf"(?: of)? (?P<month>{_MONTH})\.?(?:,?\s+{_YEAR})?$"
    rf"|^(?:between |from )?(?P<month2>{_MONTH})\.? (?P<d3>\d{{1,2}}){_ORD}\s*(?:-|to|and|until|through)\s*"
    rf"(?P<d4>\d{{1,2}}){_ORD}(?:,?\s+(?P<year2>\d{{4}}))?$"
)


def day_range(p: str, ctx: Context) -> Interval | None:
    """ "29-31 March", "March 29 to 31, 2017": days of one month."""
    m = _DAY_RANGE.match(p)
    if m is None:
        return None
    month = MONTHS[m["month"] or m["month2"]]
    first, last = int(m["d1"] or m["d3"]), int(m["d2"] or m["d4"])
    if first > last:
        return None
    try:
        dt.date(YEARLESS, month, first)
        dt.date(YEARLESS, month, last)
    except ValueError:
        return open_interval(f"'{p}' is not a calendar range")

    def make(y: int) -> tuple[dt.date, dt.date]:
        return dt.date(y, month, first), dt.date(y, month, last)

    return _place(make, m["year"] or m["year2"], "days of a month", ctx)


_EXPLICIT = re.compile(rf"\d{{4}}|\d+[/.-]\d+|\b(?:{_MONTH})\b|fortnight")
_REFERENCE_FREE_BASES = (dt.date(2001, 6, 15), dt.date(2010, 2, 10))


def _period_interval(day: dt.date, period: str) -> tuple[dt.date, dt.date]:
    if period == "week":
        return week_interval(day)
    if period == "month":
        return month_interval(day.year, day.month)
    if period == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return day, day


def explicit(p: str, ctx: Context) -> Interval | None:
    """Other explicit formats through dateparser ("2017-03-29", "29/03/2017", "a fortnight ago").

    Only phrases with a year, a numeric date, a month name or "fortnight" go to dateparser, so words like
    "we" never become a Wednesday. Without a reference, a phrase is parsed against two unrelated bases:
    equal answers mean an absolute date; equal month and day mean a date whose year is unknown.
    """
    if not _EXPLICIT.search(p):
        return None
    prefer = "future" if ctx.tense == "future" else "past"
    if ctx.ref is not None:
        parsed = parse_phrase(p, ctx.ref, prefer)
        if parsed is None:
            return None
        start, end = _period_interval(*parsed)
        return Interval(start, end, f"read by dateparser relative to {ctx.ref_name}")
    first, second = (parse_phrase(p, base, prefer) for base in _REFERENCE_FREE_BASES)
    if first is None or second is None:
        return None
    if first == second:
        start, end = _period_interval(*first)
        return Interval(start, end, "read by dateparser (absolute date)")
    (a, period_a), (b, _period_b) = first, second
    if period_a == "day" and (a.month, a.day) == (b.month, b.day):
        day = dt.date(YEARLESS, a.month, a.day)
        return Interval(day, day, "month and day; year unknown (no publication date)", yearless=True)
    return open_interval(f"'{p}' counts from the publication date, which is unknown")


_SEASON = re.compile(
    r"^(?:the )?(?:(?P<rel>last|this|next) )?(?P<season>spring|summer|autumn|fall|winter)"
    r"(?: of)?(?: (?P<year>\d{4}))?$"
)


def season(p: str, ctx: Context) -> Interval | None:
    """ "the spring of 2016" (March-May), "last summer"; winter runs from December into the next year."""
    m = _SEASON.match(p)
    if m is None:
        return None
    first, last = lexicon().seasons[m["season"]]

    def make(y: int) -> tuple[dt.date, dt.date]:
        return dt.date(y, first, 1), month_end(y + 1 if last < first else y, last)

    if m["rel"] is None or ctx.ref is None:
        if m["year"] is None and ctx.ref is None:
            return open_interval(f"'{p}' needs the year of the publication date, which is unknown", "year")
        return _place(make, m["year"], m["season"], ctx)
    current = choose_period(make, ctx.ref, "past")
    if current is None:
        return None
    step = {"last": -1, "this": 0, "next": 1}[m["rel"]]
    if m["rel"] == "last" and current[1] >= ctx.ref:
        step = -1
    elif m["rel"] == "last":
        step = 0
    start, end = make(current[0].year + step)
    return Interval(start, end, f"{m['rel']} {m['season']} relative to {ctx.ref_name}")


_MONTH_WEEK = re.compile(
    rf"^(?:the )?(?P<nth>first|second|third|fourth|last|final) week (?:of|in) (?P<month>{_MONTH})\.?"
    rf"(?:,?\s+{_YEAR})?$"
)


def month_week(p: str, ctx: Context) -> Interval | None:
    """ "the first week of March" (1-7), "the last week of March" (25-31)."""
    m = _MONTH_WEEK.match(p)
    if m is None:
        return None
    month = MONTHS[m["month"]]
    first, last = lexicon().month_weeks[m["nth"]]

    def make(y: int) -> tuple[dt.date, dt.date]:
        end_day = month_end(y, month).day
        low = end_day + 1 + first if first < 0 else first
        high = end_day + 1 + last if last < 0 else last
        return dt.date(y, month, low), dt.date(y, month, high)

    return _place(make, m["year"], f"{m['nth']} week of {m['month']}", ctx)


_NUMERIC = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$")


def numeric(p: str, ctx: Context) -> Interval | None:
    """ISO and slashed dates ("2017-03-29", "29/03/2017"), before ranges can split them at the dash."""
    return explicit(p, ctx) if _NUMERIC.match(p) else None
