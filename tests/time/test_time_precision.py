"""ACLED time_precision and UCDP date_prec derived from spans."""

from __future__ import annotations

import pytest

from tacitus.model import TimeSpan
from tacitus.time.precision import acled_time_precision, ucdp_date_prec


def _span(start: str | None, end: str | None) -> TimeSpan:
    return TimeSpan(start=start, end=end, precision=None, text="x")


@pytest.mark.parametrize(
    ("start", "end", "acled", "ucdp"),
    [
        ("2017-03-29", "2017-03-29", 1, 1),
        ("--03-29", "--03-29", 1, 1),
        ("2017-03-29", "2017-03-31", 2, 2),
        ("2017-03-20", "2017-03-26", 2, 3),
        ("2017-03-11", "2017-03-20", 3, 4),
        ("2017-03-01", "2017-03-31", 3, 4),
        ("2016-01-01", "2016-12-31", 3, 5),
        (None, "2017-04-01", 3, 5),
        (None, None, 3, 5),
    ],
)
def test_codes(start: str | None, end: str | None, acled: int, ucdp: int) -> None:
    span = _span(start, end)
    assert acled_time_precision(span) == acled
    assert ucdp_date_prec(span) == ucdp
