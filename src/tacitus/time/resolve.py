"""Resolve one date expression to a :class:`~tacitus.model.TimeSpan` against its context.

Why a rule cascade: each rule knows one family of expressions and returns None when it does not apply,
so the order is the policy (recurrences before dates, our interval rules before dateparser) and a new
family is one new function. The resolver never raises on any text and always returns start <= end.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Callable
from dataclasses import replace

from tacitus.model import Evidence, TimeSpan
from tacitus.time import absolute, relative
from tacitus.time.calendar import YEARLESS, Interval, Tense, iso, open_interval
from tacitus.time.context import Context, count_of
from tacitus.time.lexicon import lexicon

log = logging.getLogger(__name__)

Rule = Callable[[str, Context], Interval | None]

#: How many (phrase, context) answers ``resolve_interval`` remembers.
RESOLVED_CACHE_SIZE = 8192

_LEADING = re.compile(
    r"^(?:on|in|at|during|around|about|circa|by|as of|as early as|as late as|sometime in|some time in"
    r"|until the end of|throughout|over|of)\s+"
)
#: Times of day in front of a day name do not change the day: "late on Friday", "the morning of March 29".
_DAYTIME = re.compile(
    r"^(?:(?:early|late|earlier|later) on |(?:the )?(?:early hours|small hours|morning|afternoon|evening"
    r"|night) of )"
)
_IN_THE_UNIT = re.compile(r"^(earlier|later) in the (week|month|year)$")
_WEEKDAY_PREFIX = re.compile(
    r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+(?=(?:the\s+)?\d|[a-z]{3})"
)
_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " "})


def normalize(text: str) -> str:
    """Lower-case, straighten quotes and dashes, drop edge punctuation and leading prepositions."""
    phrase = " ".join(text.translate(_TRANSLATE).lower().split())
    phrase = phrase.strip(" .,;:!?\"'()[]{}“”")
    phrase = re.sub(r"'s$", "", phrase)
    phrase = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", phrase)
    phrase = re.sub(r"\s*-\s*", "-", phrase) if re.search(r"\d\s*-\s*\d", phrase) else phrase
    previous = None
    while previous != phrase:
        previous = phrase
        phrase = _LEADING.sub("", phrase)
        phrase = _DAYTIME.sub("", phrase)
    phrase = _IN_THE_UNIT.sub(r"\1 this \2", phrase)
    if not re.match(
        r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+(?:morning|afternoon|"
        r"evening|night|early|dawn|noon|midday|last|this)",
        phrase,
    ):
        phrase = _WEEKDAY_PREFIX.sub("", phrase)
    return phrase


_RECURRENCE_HEAD = re.compile(
    r"^(?:every|each)(?: single)? (?:other )?(?:day|night|week|month|year|morning|evening"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: (?P<rest>.+))?$"
)
_PLURAL_WEEKDAY = re.compile(r"^(?:on )?(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)$")


def recurrence(p: str, ctx: Context) -> Interval | None:
    """ "every day", "daily", "on Fridays": a rate or habit, not a point in time.

    "every day last week" keeps the date of its tail ("last week").
    """
    m = _RECURRENCE_HEAD.match(p)
    if m is not None and m["rest"]:
        tail = interpret(m["rest"], ctx)
        if tail.kind == "date":
            return tail.with_reason(f"recurrence within {tail.reason}")
    words = p.split()
    lex = lexicon()
    singles = [w for w in lex.recurrence_words if " " not in w]
    tails = [w for w in lex.recurrence_words if " " in w]
    if (
        m is not None
        or _PLURAL_WEEKDAY.match(p)
        or any(w in singles for w in words)
        or (len(words) > 2 and any(p.endswith(t) for t in tails))
    ):
        return open_interval("recurrence (a rate or habit), not a point in time", kind="recurrence")
    return None


_DURATION = re.compile(
    r"^(?:(?:for|about|around|nearly|almost|roughly|more than|less than|at least|some|over|up to|just)\s+)*"
    r"(?:the )?(?:(?P<count>[a-z0-9 ]+?|\d+(?:\.\d+)?)[\s-]+)?"
    r"(?P<unit>second|minute|hour|day|night|week|month|year|decade|century|centuries)s?(?:[\s-]+long)?$"
)


def duration(p: str, ctx: Context) -> Interval | None:
    """ "two minute", "hours", "three years", "a 24-hour": a length of time, not a date."""
    m = _DURATION.match(p)
    if m is None:
        return None
    count = m["count"]
    vague = ("many", "some", "few", "several", "dozens of", "hundreds of", "long")
    numeric = count is not None and re.match(r"^\d+(?:\.\d+)?$", count) is not None
    if count is not None and count_of(count) is None and not numeric and count not in vague:
        return None
    return open_interval("a duration, not a date", kind="duration")


_SINCE = re.compile(r"^(?:ever )?since (?P<rest>.+)$")
_UNTIL = re.compile(r"^(?:until|till|up to|through|up until) (?P<rest>.+)$")
_BEFORE = re.compile(r"^(?:before|prior to|ahead of) (?P<rest>.+)$")
_AFTER = re.compile(r"^after (?P<rest>.+)$")


def bounded(p: str, ctx: Context) -> Interval | None:
    """ "since January" (January 1 to the reference), "until March", "before 2014", "after March 29"."""
    for pattern, side in ((_SINCE, "since"), (_UNTIL, "until"), (_BEFORE, "before"), (_AFTER, "after")):
        m = pattern.match(p)
        if m is None:
            continue
        inner = interpret(m["rest"], ctx)
        if inner.kind != "date" or (inner.start is None and inner.end is None):
            return None
        day = dt.timedelta(days=1)
        if side == "since":
            end = None if inner.yearless else ctx.ref
            reason = f"from {inner.reason} up to {ctx.ref_name}" if end else f"from {inner.reason}; end open"
            return Interval(inner.start, end, reason, unit=inner.unit, yearless=inner.yearless)
        if side == "until":
            return Interval(
                None, inner.end, f"up to {inner.reason}", unit=inner.unit, yearless=inner.yearless
            )
        if side == "before":
            end = inner.start - day if inner.start is not None else None
            return Interval(None, end, f"before {inner.reason}", unit=inner.unit, yearless=inner.yearless)
        start = inner.end + day if inner.end is not None else None
        end = ctx.ref if ctx.tense == "past" and not inner.yearless else None
        return Interval(start, end, f"after {inner.reason}", unit=inner.unit, yearless=inner.yearless)
    return None


_RANGE = re.compile(
    r"^(?:between (?P<a>.+?) and (?P<b>.+)|from (?P<c>.+?) (?:to|until|through|till) (?P<d>.+)"
    r"|(?P<e>.+?)(?: to |-| through | until )(?P<f>.+))$"
)


def span_range(p: str, ctx: Context) -> Interval | None:
    """ "between 2014 and 2016", "from March 29 to April 2, 2017": the left end is read against the right."""
    m = _RANGE.match(p)
    if m is None:
        return None
    left, right = (m["a"], m["b"]) if m["a"] else ((m["c"], m["d"]) if m["c"] else (m["e"], m["f"]))
    end = interpret(right, ctx)
    if end.kind != "date" or end.end is None:
        return None
    left_ctx = Context(
        published=ctx.published, tense="past", reference=end.end, anchor=ctx.anchor, today=ctx.today
    )
    if end.yearless:
        left_ctx = Context(published=None, tense="past")
    start = interpret(left, left_ctx)
    if start.kind != "date" or start.start is None or start.yearless != end.yearless or start.start > end.end:
        return None
    return Interval(start.start, end.end, f"range: {start.reason} to {end.reason}", yearless=end.yearless)


RULES: tuple[Rule, ...] = (
    recurrence,
    relative.day_word,
    relative.ago,
    relative.anchored,
    relative.window,
    relative.hours_window,
    relative.calendar_relative,
    relative.weekday,
    absolute.month_day,
    absolute.day_of_month,
    absolute.month_or_year_part,
    absolute.day_range,
    absolute.month_only,
    absolute.year,
    absolute.season,
    absolute.month_week,
    bounded,
    duration,
    absolute.numeric,
    span_range,
    absolute.explicit,
)


def interpret(phrase: str, ctx: Context, depth: int = 0) -> Interval:
    """The interval a normalised phrase denotes in ``ctx`` (kind "none" when no rule reads it)."""
    if depth > 3 or not phrase:
        return open_interval("not a date expression", kind="none")
    for rule in RULES:
        result = rule(phrase, ctx)
        if result is not None:
            return result
    return open_interval("not a date expression the resolver knows", kind="none")


def _finish(interval: Interval, ctx: Context) -> Interval:
    """Order the ends, cut a past-tense interval at the reference day, and check the calendar."""
    start, end = interval.start, interval.end
    if start is not None and end is not None and start > end:
        start, end = end, start
    reason = interval.reason
    ref = ctx.ref
    if (
        ctx.tense == "past"
        and ref is not None
        and not interval.yearless
        and start is not None
        and end is not None
        and start <= ref < end
    ):
        end = ref
        reason += f"; cut at {ctx.ref_name} (past tense)"
    return Interval(start, end, reason, interval.unit, interval.yearless, interval.kind)


#: Carrier years for a statement date without a year: a leap year and the three after it, so every
#: weekday and both February lengths occur; a Feb 29 statement date only exists in leap years.
_PROBE_YEARS = (YEARLESS, YEARLESS + 1, YEARLESS + 2, YEARLESS + 3)
_LEAP_PROBE_YEARS = (YEARLESS, YEARLESS + 4, YEARLESS + 8, YEARLESS + 12)


def _year_free(phrase: str, ctx: Context) -> Interval:
    """Read ``phrase`` against a statement date with no year ("On March 30", no publication date).

    Why probe years: "yesterday" of March 30 is March 29 in any year, but "Friday" or "last week" of
    March 30 depends on the year. The phrase is read against the statement date in four carrier years;
    a reading that names the same month-days in all of them is kept without a year (``--03-29``), a
    reading that names the same full dates ("in 2014") is kept as is, anything else stays open.
    """
    assert ctx.reference is not None
    day = ctx.reference
    years = _LEAP_PROBE_YEARS if (day.month, day.day) == (2, 29) else _PROBE_YEARS
    readings: list[tuple[int, Interval]] = []
    for year in years:
        probe = replace(ctx, reference=day.replace(year=year), reference_yearless=False)
        readings.append((year, _finish(interpret(phrase, probe), probe)))
    first_year, first = readings[0]

    def shape(year: int, interval: Interval) -> tuple[object, ...]:
        ends = tuple(
            None if d is None else (d.year - year, d.month, d.day) for d in (interval.start, interval.end)
        )
        return interval.kind, interval.unit, interval.yearless, ends

    if all(
        (r.kind, r.start, r.end, r.yearless) == (first.kind, first.start, first.end, first.yearless)
        for _, r in readings
    ):
        return first
    if first.kind == "date" and all(shape(y, r) == shape(first_year, first) for y, r in readings):
        if first.start is None and first.end is None:
            return first
        return replace(first, yearless=True, reason=f"{first.reason} (year unknown)")
    label = f"{day.month:02d}-{day.day:02d}"
    reason = f"'{phrase}' counts from a statement dated --{label} whose year the text does not give"
    return open_interval(reason, first.unit)


def resolve_interval(text: str, ctx: Context) -> Interval:
    """Normalise and interpret ``text``; never raises.

    The answer depends only on the phrase and the (frozen) context, and news repeats both ("Monday",
    "last week" against an unknown publication date): 60% of the GVC calls were repeats, so answers are
    remembered per process (a bounded cache; an Interval is frozen, so it is shared safely).
    """
    return _resolve_interval(text, ctx)


@functools.lru_cache(maxsize=RESOLVED_CACHE_SIZE)
def _resolve_interval(text: str, ctx: Context) -> Interval:
    try:
        if ctx.reference is not None and ctx.reference_yearless:
            return _year_free(normalize(text), ctx)
        return _finish(interpret(normalize(text), ctx), ctx)
    except (ValueError, OverflowError, KeyError, IndexError, RecursionError) as exc:
        log.debug("date expression %r is outside the calendar: %s", text, exc)
        return open_interval(f"outside the calendar ({type(exc).__name__})", kind="none")


def to_timespan(interval: Interval, text: str, ctx: Context, evidence: Evidence | None = None) -> TimeSpan:
    """The public record, with the future flag set against the publication date (or the clock)."""
    future = False
    reason = interval.reason
    if interval.start is not None and not interval.yearless:
        if ctx.published is not None and interval.start > ctx.published:
            future = True
            reason += "; after the publication date"
        elif ctx.published is None and ctx.today is not None and interval.start > ctx.today:
            future = True
            reason += "; after today's date (no publication date)"
    return TimeSpan(
        start=iso(interval.start, interval.yearless),
        end=iso(interval.end, interval.yearless),
        precision=interval.precision,
        text=text,
        reason=reason,
        future=future,
        evidence=evidence,
    )


def resolve(
    text: str,
    published: dt.date | None,
    *,
    tense: Tense = "unknown",
    reference: dt.date | None = None,
    anchor: dt.date | None = None,
    anchor_label: str | None = None,
    today: dt.date | None = None,
) -> TimeSpan:
    """Resolve a date phrase against a publication date (None when unknown; the clock is never used).

    ``reference`` is the date of the statement the phrase is reported in, ``anchor`` the date of the event
    it counts from ("two days after the attack"). See docs/time.md for the policy.
    """
    ctx = Context(published, tense, reference, anchor, anchor_label, today)
    return to_timespan(resolve_interval(text, ctx), text, ctx)
