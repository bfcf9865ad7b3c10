"""The resolver's written policy (docs/time.md), one rule per test."""

from __future__ import annotations

import datetime as dt

import pytest

from tacitus.time.resolve import normalize, resolve

SATURDAY = dt.date(2017, 4, 1)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("yesterday", "2017-03-31", "2017-03-31", "day"),
        ("today", "2017-04-01", "2017-04-01", "day"),
        ("on March 29", "2017-03-29", "2017-03-29", "day"),
        ("March 29, 2017", "2017-03-29", "2017-03-29", "day"),
        ("Friday", "2017-03-31", "2017-03-31", "day"),
        ("last week", "2017-03-20", "2017-03-26", "week"),
        ("this week", "2017-03-27", "2017-04-02", "week"),
        ("last month", "2017-03-01", "2017-03-31", "month"),
        ("in mid-March", "2017-03-11", "2017-03-20", "month"),
        ("early April", "2017-04-01", "2017-04-10", "month"),
        ("in 2014", "2014-01-01", "2014-12-31", "year"),
        ("last year", "2016-01-01", "2016-12-31", "year"),
        ("two weeks ago", "2017-03-13", "2017-03-19", "week"),
        ("since January", "2017-01-01", "2017-04-01", "year"),
    ],
)
def test_brief_expressions_against_a_saturday(text: str, start: str, end: str, precision: str) -> None:
    span = resolve(text, SATURDAY)
    assert (span.start, span.end, span.precision) == (start, end, precision)
    assert span.reason
    assert not span.future


def test_weekday_is_the_most_recent_on_or_before_publication() -> None:
    assert resolve("Friday", SATURDAY).reason == "weekday before publication"
    assert resolve("Saturday", SATURDAY).start == "2017-04-01"
    assert resolve("Sunday", SATURDAY).start == "2017-03-26"


def test_weekday_in_future_tense_is_on_or_after_publication_and_flagged() -> None:
    span = resolve("Friday", SATURDAY, tense="future")
    assert span.start == "2017-04-07"
    assert span.future
    assert "future" in span.reason


def test_relative_words_use_the_statement_date_when_given() -> None:
    span = resolve("yesterday", SATURDAY, reference=dt.date(2017, 3, 30))
    assert span.start == "2017-03-29"
    assert "statement" in span.reason


def test_without_publication_date_month_day_keeps_no_year() -> None:
    span = resolve("March 29", None)
    assert (span.start, span.end, span.precision) == ("--03-29", "--03-29", "day")
    assert (resolve("mid-March", None).start, resolve("mid-March", None).end) == ("--03-11", "--03-20")


@pytest.mark.parametrize("text", ["today", "yesterday", "Friday", "last week", "two weeks ago"])
def test_without_publication_date_relative_words_stay_open_never_today(text: str) -> None:
    span = resolve(text, None, today=dt.date(2026, 11, 23))
    assert span.start is None
    assert span.end is None
    assert "unknown" in span.reason


def test_dates_after_publication_are_flagged() -> None:
    span = resolve("April 5, 2017", SATURDAY)
    assert span.future
    assert "after the publication date" in span.reason
    assert resolve("tomorrow", SATURDAY).future


def test_today_flags_absolute_dates_after_it_when_publication_is_unknown() -> None:
    span = resolve("2031", None, today=dt.date(2026, 11, 23))
    assert span.future
    assert "today" in span.reason


def test_anchor_resolves_counted_days_and_stays_open_without_one() -> None:
    dated = resolve("two days after the attack", SATURDAY, anchor=dt.date(2017, 3, 3))
    assert dated.start == dated.end == "2017-03-05"
    undated = resolve("two days after the attack", SATURDAY)
    assert undated.start is None
    assert "the attack" in undated.reason


def test_recurrence_and_duration_are_not_dates() -> None:
    assert resolve("every day", SATURDAY).start is None
    assert "recurrence" in resolve("every day", SATURDAY).reason
    assert resolve("every day last week", SATURDAY).start == "2017-03-20"
    assert "duration" in resolve("two minute", SATURDAY).reason


def test_we_is_never_a_wednesday() -> None:
    assert resolve("we", SATURDAY).start is None


def test_normalize_straightens_and_strips() -> None:
    assert normalize("  On  Friday’s ") == "friday"
    assert normalize("in mid–March,") == "mid-march"
