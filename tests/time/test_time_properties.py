"""Property tests: the resolver never raises and never returns an end before its start."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tacitus.model import TimeSpan
from tacitus.time.resolve import resolve

WORDS = st.sampled_from(
    [
        "last",
        "next",
        "this",
        "week",
        "month",
        "year",
        "Friday",
        "March",
        "29",
        "2017",
        "ago",
        "two",
        "days",
        "since",
        "until",
        "mid-",
        "early",
        "late",
        "between",
        "and",
        "to",
        "-",
        "every",
        "the",
        "following",
        "earlier",
        "later",
        "yesterday",
        "today",
        "of",
        "in",
        "31",
        "February",
        "0",
        "9999",
        "weekend",
    ]
)
PHRASES = st.one_of(st.text(max_size=60), st.lists(WORDS, max_size=6).map(" ".join))
DATES = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
TENSES = st.sampled_from(["past", "future", "unknown"])


def _ordered(span: TimeSpan) -> bool:
    if span.start is None or span.end is None:
        return True
    if span.start.startswith("--") != span.end.startswith("--"):
        return False
    return span.start <= span.end


@settings(max_examples=300, deadline=None)
@given(text=PHRASES, published=DATES, tense=TENSES, anchor=DATES, reference=DATES)
def test_resolver_never_raises_and_keeps_start_before_end(
    text: str, published: dt.date | None, tense: str, anchor: dt.date | None, reference: dt.date | None
) -> None:
    span = resolve(text, published, tense=tense, anchor=anchor, reference=reference)  # type: ignore[arg-type]
    assert _ordered(span)
    assert span.text == text


@settings(max_examples=200, deadline=None)
@given(published=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_weekday_is_within_the_week_before_publication(published: dt.date) -> None:
    span = resolve("Friday", published)
    assert span.start is not None
    day = dt.date.fromisoformat(span.start)
    assert day.weekday() == 4
    assert 0 <= (published - day).days <= 6
