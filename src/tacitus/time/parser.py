"""dateparser, called the safe way: one short date phrase at a time, English only, cached.

Why the guards: dateparser 1.5.0 reads "we" as Wednesday and "the 29th" as a date after the reference
even when asked to prefer the past (shared/docs/dependencies.md), and it runs ~1,900 phrases/s. It is the
fallback for explicit formats ("29/03/2017", "2017-03-29", "29th of March 2017"), never run over raw text.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from typing import Literal

from dateparser.date import DateDataParser

log = logging.getLogger(__name__)

Period = Literal["day", "week", "month", "year"]


@functools.lru_cache(maxsize=32)
def _parser(base: dt.date, prefer: str) -> DateDataParser:
    settings = {
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": prefer,
        "RETURN_AS_TIMEZONE_AWARE": False,
        "STRICT_PARSING": False,
    }
    return DateDataParser(languages=["en"], settings=settings)


def warm_up() -> None:
    """Load dateparser's English data now: its first parse costs ~0.2 s, which belongs to start-up, not
    to the first document of a run."""
    _parser(dt.date(2000, 1, 1), "past").get_date_data("1 January 2000")


@functools.lru_cache(maxsize=16384)
def parse_phrase(phrase: str, base: dt.date, prefer: str = "past") -> tuple[dt.date, Period] | None:
    """The date dateparser reads in ``phrase`` relative to ``base``, with its period, or None.

    ``prefer`` is dateparser's PREFER_DATES_FROM ("past", "future" or "current_period").
    """
    if not phrase.strip() or len(phrase) > 80:
        return None
    try:
        data = _parser(base, prefer).get_date_data(phrase)
    except (ValueError, OverflowError, TypeError, KeyError, IndexError, AttributeError) as exc:
        log.debug("dateparser failed on %r: %s", phrase, exc)
        return None
    if data.date_obj is None:
        return None
    period = data.period if data.period in ("day", "week", "month", "year") else "day"
    return data.date_obj.date(), period
