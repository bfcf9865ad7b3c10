"""The quantity grammar: bounds, hedges, ranges, rates, changes; never raises; numbers round-trip."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tacitus.extract.quantities import find_rate, parse_quantity, scan

CASES = [
    ("1,200", (1200, 1200, 1200), None),
    ("10,000 a day", (10000, 10000, 10000), "day"),
    ("a dozen", (12, 12, 12), None),
    ("twenty-five", (25, 25, 25), None),
    ("two hundred and fifty", (250, 250, 250), None),
    ("1.5 million", (1_500_000, 1_500_000, 1_500_000), None),
    ("hundreds of families", (100, None, 100), None),
    ("tens of thousands", (10000, None, 10000), None),
    ("dozens", (12, None, 12), None),
    ("several hundred", (300, None, 300), None),
    ("scores of", (20, None, 20), None),
    ("between 100 and 150", (100, 150, 100), None),
    ("12-40", (12, 40, 12), None),
    ("six to 18", (6, 18, 6), None),
    ("from 5 to 7", (5, 7, 5), None),
    ("two or three", (2, 3, 2), None),
    ("at least 35", (35, None, 35), None),
    ("more than 20", (20, None, 20), None),
    ("over 500", (500, None, 500), None),
    ("as many as 200", (None, 200, None), None),
    ("up to 50", (None, 50, None), None),
    ("nearly 50", (None, 50, None), None),
    ("fewer than 10", (None, 10, None), None),
    ("about 30", (None, None, 30), None),
    ("an estimated 180,000", (None, None, 180000), None),
    ("some 200 people per week", (None, None, 200), "week"),
    ("4,000 people each month", (4000, 4000, 4000), "month"),
    ("no one", (0, 0, 0), None),
]


@pytest.mark.parametrize(("text", "bounds", "per"), CASES)
def test_bounds_and_rates(text: str, bounds: tuple[float | None, ...], per: str | None) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert (q.min, q.max, q.best) == bounds
    assert q.per == per


def test_percent_and_fraction() -> None:
    q = parse_quantity("less than 5%")
    assert q is not None and q.unit == "percent" and (q.min, q.max) == (None, 5)
    half = parse_quantity("half of the city")
    assert half is not None and half.unit == "percent" and half.best == 50
    assert parse_quantity("10 per cent") is not None


def test_hedges_keep_words() -> None:
    q = parse_quantity("killed dozens of people")
    assert q is not None and q.vague and q.approximate and q.text == "dozens"
    about = parse_quantity("about 30")
    assert about is not None and about.approximate


def test_changes_keep_the_current_value() -> None:
    q = parse_quantity("down from 10,000 to 4,000")
    assert q is not None and q.best == 4000 and q.previous == 10000
    q2 = parse_quantity("4,000, down from 10,000")
    assert q2 is not None and q2.best == 4000 and q2.previous == 10000
    assert len(scan("4,000, down from 10,000")) == 1


@pytest.mark.parametrize("text", ["a 25-year-old man", "in 2014", "$500", "at 10:30", "her 3-month-old son"])
def test_not_counts(text: str) -> None:
    assert parse_quantity(text) is None


def test_rate_anywhere() -> None:
    assert find_rate("fleeing the city every day last week") == "day"
    assert find_rate("last week") is None


def test_offsets_point_into_text() -> None:
    text = "Officials said at least 35 people and dozens of others were hurt."
    for q in scan(text, offset=7):
        assert ("x" * 7 + text)[q.start : q.end] == q.text


@given(st.text())
def test_never_raises(text: str) -> None:
    scan(text)
    parse_quantity(text)


UNITS = [
    "",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _below_thousand(n: int) -> str:
    words = []
    if n >= 100:
        words.append(f"{UNITS[n // 100]} hundred")
        n %= 100
        if n:
            words.append("and")
    if n >= 20:
        words.append(TENS[n // 10] + (f"-{UNITS[n % 10]}" if n % 10 else ""))
    elif n:
        words.append(UNITS[n])
    return " ".join(words)


def to_words(n: int) -> str:
    """A small English number formatter for the round-trip test (1 <= n < 1,000,000)."""
    thousands, rest = divmod(n, 1000)
    parts = []
    if thousands:
        parts.append(f"{_below_thousand(thousands)} thousand")
    if rest:
        parts.append(_below_thousand(rest))
    return " ".join(parts)


@given(st.integers(min_value=0, max_value=10**9))
def test_digits_round_trip(n: int) -> None:
    q = parse_quantity(f"{n:,} people")
    assert q is not None and q.best == n and q.min == n and q.max == n


@given(st.integers(min_value=1, max_value=999_999))
def test_words_round_trip(n: int) -> None:
    q = parse_quantity(f"{to_words(n)} people")
    assert q is not None, to_words(n)
    assert q.best == n, to_words(n)


def test_ages_and_indexes_are_not_counts() -> None:
    from tacitus.extract.quantities import scan

    assert [q.text for q in scan("his sons, ages 3 and 4, and a man aged 40")] == []
    assert [q.text for q in scan("Image 6 of 8 and page 1 / 8")] == []
    assert [q.text for q in scan("one of three people")] == ["one", "three"]
