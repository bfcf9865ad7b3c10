"""Rules for expressions that count from a reference day: "yesterday", "Friday", "last week", "two days
ago", "earlier this month", "the days following the announcement".

Why hand-written: dateparser reads "last week" as a single day and has no reading at all for "earlier this
month" or "in the days following" (shared/docs/dependencies.md); news dates are intervals, and the
interval each phrase allows is a policy we state in docs/time.md and pin in tests.
Each rule takes a normalised phrase and returns an :class:`Interval`, or None when it does not apply.
"""

from __future__ import annotations

import datetime as dt
import re

from tacitus.model import Precision
from tacitus.time.calendar import (
    WEEKDAYS,
    Interval,
    add_months,
    month_end,
    month_interval,
    month_part,
    open_interval,
    week_interval,
    week_start,
)
from tacitus.time.context import Context, count_of
from tacitus.time.lexicon import lexicon

_UNITS = "day|week|month|year"
_ORDER: dict[Precision, int] = {"day": 0, "week": 1, "month": 2, "year": 3}
_DAY = dt.timedelta(days=1)


def _unit(word: str) -> Precision:
    stem = word.rstrip("s")
    if stem == "day":
        return "day"
    if stem == "week":
        return "week"
    if stem == "month":
        return "month"
    return "year"


def _unknown_reference(phrase: str, unit: Precision | None, ctx: Context) -> Interval:
    return open_interval(f"'{phrase}' counts from the publication date, which is unknown", unit)


def _period_of(day: dt.date, unit: Precision) -> tuple[dt.date, dt.date]:
    """The calendar unit (day, ISO week, month, year) holding ``day``."""
    if unit == "day":
        return day, day
    if unit == "week":
        return week_interval(day)
    if unit == "month":
        return month_interval(day.year, day.month)
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def _shift(day: dt.date, count: int, unit: Precision) -> dt.date:
    """``day`` moved by ``count`` units (months and years move to the 1st of the month)."""
    if unit == "day":
        return day + dt.timedelta(days=count)
    if unit == "week":
        return day + dt.timedelta(days=7 * count)
    if unit == "month":
        return add_months(day, count)
    return dt.date(day.year + count, 1, 1)


def day_word(p: str, ctx: Context) -> Interval | None:
    """ "today", "yesterday", "last night", "tomorrow": a day next to the reference."""
    offsets = lexicon().day_words
    if p not in offsets:
        return None
    if ctx.ref is None:
        return _unknown_reference(p, "day", ctx)
    offset = offsets[p]
    day = ctx.ref + dt.timedelta(days=offset)
    where = "day of" if offset == 0 else ("day before" if offset < 0 else "day after")
    if abs(offset) > 1:
        where = f"{abs(offset)} days {'before' if offset < 0 else 'after'}"
    return Interval(day, day, f"{where} {ctx.ref_name}", unit="day")


_AGO = re.compile(rf"^(?P<count>.+?) (?P<unit>{_UNITS})s? (?:ago|back)$")


def ago(p: str, ctx: Context) -> Interval | None:
    """ "two days ago" is one day; "two weeks ago" the ISO week holding the day 14 days back."""
    m = _AGO.match(p)
    counts = count_of(m["count"]) if m else None
    if m is None or counts is None:
        return None
    unit = _unit(m["unit"])
    if ctx.ref is None:
        return _unknown_reference(p, unit, ctx)
    low, high = counts
    start = _period_of(_shift(ctx.ref, -high, unit), unit)[0]
    end = _period_of(_shift(ctx.ref, -low, unit), unit)[1]
    return Interval(start, end, f"{m['count']} {unit}(s) before {ctx.ref_name}", unit=unit)


_WINDOW_BACK = re.compile(
    rf"^(?:the |these )?(?:past|previous|recent|last)(?: (?P<count>.+?))? (?P<unit>{_UNITS})s$"
    rf"|^(?:the )?(?:past|last) (?P<unit1>{_UNITS})$|^recent (?P<unit2>{_UNITS})s$"
)
_WINDOW_AHEAD = re.compile(rf"^(?:the )?(?:coming|next)(?: (?P<count>.+?))? (?P<unit>{_UNITS})s?$")


def _window_length(count: str | None, unit: Precision, plural: bool) -> int | None:
    if count is None and plural:
        return lexicon().vague_windows[unit]
    counts = count_of(count) if count else (1, 1)
    if counts is None:
        return None
    high = counts[1]
    return {"day": high, "week": 7 * high, "month": 30 * high, "year": 365 * high}[unit]


_HOURS = re.compile(r"^(?:the )?(?:past|last|previous) (?P<count>\d{1,3}|[a-z]+(?: [a-z]+)?) hours$")


def hours_window(p: str, ctx: Context) -> Interval | None:
    """ "the last 24 hours": the days those hours touch, ending on the reference day."""
    m = _HOURS.match(p)
    counts = count_of(m["count"]) if m else None
    if m is None or counts is None:
        return None
    if ctx.ref is None:
        return _unknown_reference(p, "day", ctx)
    days = -(-counts[1] // 24)
    return Interval(ctx.ref - dt.timedelta(days=days), ctx.ref, f"{p} up to {ctx.ref_name}", unit="day")


def window(p: str, ctx: Context) -> Interval | None:
    """ "the past two weeks" ends on the reference day; "the coming days" starts the day after it."""
    back = _WINDOW_BACK.match(p)
    if back is not None and not re.match(rf"^last (?:{_UNITS})$", p):
        word = back["unit"] or back["unit1"] or back["unit2"]
        unit = _unit(word)
        days = _window_length(back["count"], unit, plural=p.endswith("s"))
        if days is None:
            return None
        if ctx.ref is None:
            return _unknown_reference(p, unit, ctx)
        start = ctx.ref - dt.timedelta(days=days - 1)
        return Interval(start, ctx.ref, f"window of {days} days ending at {ctx.ref_name}", unit=unit)
    ahead = _WINDOW_AHEAD.match(p)
    if ahead is not None and (ahead["count"] or p.endswith("s")):
        unit = _unit(ahead["unit"])
        days = _window_length(ahead["count"], unit, plural=True)
        if days is None:
            return None
        if ctx.ref is None:
            return _unknown_reference(p, unit, ctx)
        start = ctx.ref + _DAY
        return Interval(start, ctx.ref + dt.timedelta(days=days), f"window after {ctx.ref_name}", unit=unit)
    return None


_RELATIONS_AFTER = ("following", "after", "since", "that followed", "later")
_ANCHORED = re.compile(
    rf"^(?:the )?(?:(?P<count>[a-z0-9 ]+?) )?(?P<unit>{_UNITS})(?P<plural>s)? "
    r"(?P<rel>following|after|since|that followed|later|before|preceding|prior to|ahead of|leading up to"
    r"|earlier|that preceded)(?: (?P<rest>.+))?$"
)
_SAME_DAY = re.compile(r"^(?:later |earlier )?(?:that|the same) (?:day|night|morning|afternoon|evening)$")
_NEXT_DAY = re.compile(r"^the (?:next|following) (?:day|morning|night|evening)$")
_PREVIOUS_DAY = re.compile(r"^the (?:previous|preceding) (?:day|night|evening|morning)$")


def _undated_anchor(p: str, unit: Precision | None, ctx: Context, named: str | None = None) -> Interval:
    label = f" ('{ctx.anchor_label or named}')" if ctx.anchor_label or named else ""
    reason = f"counts from an event the text does not date{label}"
    if ctx.tense == "past" and ctx.published is not None:
        return Interval(None, ctx.published, reason + "; on or before publication (past tense)", unit=unit)
    return open_interval(reason, unit)


def anchored(p: str, ctx: Context) -> Interval | None:
    """ "two days after the attack", "the days following X", "a week later", "the next day".

    The anchor is the dated event the phrase names (found by the stage), else the narrative's previous
    date for "later"/"the next day"; without one the interval stays open with a reason.
    """
    offset: int | None = None
    if _SAME_DAY.match(p):
        offset = 0
    elif _NEXT_DAY.match(p):
        offset = 1
    elif _PREVIOUS_DAY.match(p):
        offset = -1
    if offset is not None:
        if ctx.anchor is None or ctx.anchor_unit != "day":
            return _undated_anchor(p, "day", ctx)
        day = ctx.anchor + dt.timedelta(days=offset)
        return Interval(day, day, f"{offset:+d} day(s) from the anchor date", unit="day")
    m = _ANCHORED.match(p)
    if m is None:
        return None
    counts = count_of(m["count"]) if m["count"] else None
    if m["count"] and counts is None:
        return None
    if m["rel"] in ("later", "earlier") and m["rest"]:
        return None
    unit = _unit(m["unit"])
    sign = 1 if m["rel"] in _RELATIONS_AFTER else -1
    if ctx.anchor is None or _ORDER[ctx.anchor_unit] > _ORDER[unit]:
        return _undated_anchor(p, unit if counts or not m["plural"] else None, ctx, m["rest"])
    if counts is not None:
        low, high = counts
        first = _period_of(_shift(ctx.anchor, sign * (low if sign > 0 else high), unit), unit)[0]
        last = _period_of(_shift(ctx.anchor, sign * (high if sign > 0 else low), unit), unit)[1]
        return Interval(first, last, f"{m['count']} {unit}(s) {m['rel']} the anchor date", unit=unit)
    if m["rel"] == "since":
        end = ctx.ref if ctx.ref is not None else None
        return Interval(ctx.anchor + _DAY, end, f"{unit}s since the anchor date up to {ctx.ref_name}")
    days = {"day": 7 if m["plural"] else 1, "week": 31 if m["plural"] else 7}.get(unit, 365)
    if sign > 0:
        return Interval(
            ctx.anchor + _DAY, ctx.anchor + dt.timedelta(days=days), f"{unit}(s) after the anchor date"
        )
    return Interval(
        ctx.anchor - dt.timedelta(days=days), ctx.anchor - _DAY, f"{unit}(s) before the anchor date"
    )


_CALENDAR = re.compile(
    r"^(?:(?P<part>early|mid|middle|late|earlier|later|the end of|the beginning of|the start of"
    r"|the middle of|the first half of|the second half of)[\s-]*)?"
    r"(?P<rel>last|this|next|the past|the previous|the current|the coming|previous|past|current|coming)"
    r" (?P<unit>week|month|year|weekend)$"
)


def _base_period(unit: str, rel: str, ref: dt.date) -> tuple[dt.date, dt.date]:
    step = {"this": 0, "current": 0, "next": 1, "coming": 1}.get(rel.removeprefix("the "), -1)
    if unit == "week":
        return week_interval(ref + dt.timedelta(days=7 * step))
    if unit == "month":
        return month_interval(*_year_month(add_months(ref, step)))
    if unit == "year":
        return dt.date(ref.year + step, 1, 1), dt.date(ref.year + step, 12, 31)
    saturday = week_start(ref) + dt.timedelta(days=5)
    if step < 0 or (step == 0 and saturday > ref):
        # "last weekend": the latest full weekend ending before the reference day.
        sunday = ref - dt.timedelta(days=(ref.weekday() + 1) % 7 or 7)
        return sunday - _DAY, sunday
    saturday += dt.timedelta(days=7 * step)
    return saturday, saturday + _DAY


def _year_month(day: dt.date) -> tuple[int, int]:
    return day.year, day.month


def calendar_relative(p: str, ctx: Context) -> Interval | None:
    """ "last week" (the previous ISO week), "this month", "earlier this month", "late last year"."""
    if p in ("weekend", "the weekend"):
        p = "this weekend"
    m = _CALENDAR.match(p)
    if m is None:
        return None
    unit_word = m["unit"]
    unit: Precision = "week" if unit_word == "weekend" else _unit(unit_word)
    if ctx.ref is None:
        return _unknown_reference(p, unit, ctx)
    ref = ctx.ref
    start, end = _base_period(unit_word, m["rel"], ref)
    part = m["part"]
    name = f"{m['rel']} {unit_word}"
    if part == "earlier":
        last = max(min(end, ref - _DAY), start)
        return Interval(start, last, f"{name} up to the day before {ctx.ref_name}", unit=unit)
    if part == "later":
        first = min(max(start, ref + _DAY), end)
        return Interval(first, end, f"{name} after {ctx.ref_name}", unit=unit)
    if part is not None and unit_word != "weekend":
        key = part
        lex = lexicon()
        if unit_word == "month":
            first_day, last_day = lex.month_parts[key]
            start, end = month_part(start.year, start.month, first_day, last_day)
        elif unit_word == "year":
            first_month, last_month = lex.year_parts[key]
            start, end = dt.date(start.year, first_month, 1), month_end(start.year, last_month)
        else:
            first_wd, last_wd = lex.week_parts[key]
            start, end = start + dt.timedelta(days=first_wd), start + dt.timedelta(days=last_wd)
        return Interval(start, end, f"{part} {name} relative to {ctx.ref_name}", unit=unit)
    current = m["rel"].removeprefix("the ") in ("this", "current")
    if current and unit_word != "weekend" and ctx.tense == "future":
        return Interval(max(start, ref), end, f"{name}, from {ctx.ref_name} on (future tense)", unit=unit)
    return Interval(start, end, f"{name} relative to {ctx.ref_name}", unit=unit)


_WEEKDAY = re.compile(
    r"^(?P<rel>last|this|next|past|coming|on|this past|this coming)?\s*"
    r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night|early morning|dawn|noon|midday|last week|this week))?$"
)


def weekday(p: str, ctx: Context) -> Interval | None:
    """A weekday: the most recent such day on or before the reference, unless the verb is future.

    "last Friday" is strictly before the reference, "next Friday" strictly after; "Friday" in a
    Saturday article is the day before (docs/time.md, weekday policy).
    """
    m = _WEEKDAY.match(p)
    if m is None:
        return None
    if ctx.ref is None:
        return _unknown_reference(p, "day", ctx)
    target = WEEKDAYS[m["wd"]]
    ref = ctx.ref
    rel = m["rel"] or ""
    if p.endswith("last week"):
        day = week_start(ref) - dt.timedelta(days=7) + dt.timedelta(days=target)
        return Interval(day, day, f"{m['wd']} of the week before {ctx.ref_name}", unit="day")
    back = (ref.weekday() - target) % 7
    ahead = (target - ref.weekday()) % 7
    if rel == "last":
        day, reason = ref - dt.timedelta(days=back or 7), "weekday strictly before"
    elif rel in ("next", "coming", "this coming"):
        day, reason = ref + dt.timedelta(days=ahead or 7), "weekday strictly after"
    elif ctx.tense == "future":
        day, reason = ref + dt.timedelta(days=ahead), "weekday on or after (future tense)"
    else:
        day = ref - dt.timedelta(days=back)
        reason = "same weekday as" if back == 0 else "weekday before"
    return Interval(day, day, f"{reason} {ctx.ref_name}", unit="day")
