"""Publication dates from metadata fields: ISO 8601, RFC 2822, epoch numbers and common written forms.

Why require a full day/month/year: ``Document.published`` anchors relative expressions ("yesterday",
"on Friday") downstream; a guessed day would silently shift every event date in the article.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import re

log = logging.getLogger(__name__)

_EPOCH_MS_THRESHOLD = 10**11
# Numbers below this (March 1973) are years, counts or ids, not publication timestamps.
_EPOCH_MIN_SECONDS = 10**8
_NUMERIC = re.compile(r"^\d{9,13}(\.\d+)?$")


def _from_number(value: float) -> dt.date | None:
    seconds = value / 1000 if value > _EPOCH_MS_THRESHOLD else value
    if seconds < _EPOCH_MIN_SECONDS:
        return None
    try:
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def _from_string(text: str, today: dt.date) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    if _NUMERIC.match(text):
        return _from_number(float(text))
    import dateparser  # imported late: it costs about a second and most inputs never need it

    try:
        parsed = dateparser.parse(
            text,
            languages=["en"],
            settings={
                "REQUIRE_PARTS": ["day", "month", "year"],
                "RELATIVE_BASE": dt.datetime.combine(today, dt.time(12)),
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
    except (ValueError, TypeError, OverflowError, AttributeError, AssertionError) as exc:
        log.debug("dateparser failed on %r: %s", text, exc)
        return None
    return parsed.date() if parsed is not None else None


def parse_published(value: object, today: dt.date) -> dt.date | None:
    """Read a metadata value as a calendar date, or None when it is not a full date.

    Time-zone-aware timestamps keep the publisher's local calendar day (no conversion to UTC).
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float):
        return _from_number(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 100:
        return None
    return _from_string(text, today)
