"""The publication date of an HTML page, with htmldate, guarded against day/month swaps.

Why the guard: htmldate reads "04/01/2017" as 4 January, but a US page means 1 April. When the date it
found is written on the page only in such an ambiguous numeric form, we resolve the order from the page's
locale (``<html lang="en-US">``) and, when the locale does not tell, leave the date empty with a warning
rather than guess: ``published`` anchors every relative date in the article.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

import htmldate

log = logging.getLogger(__name__)

# Regions that write month before day in numeric dates.
MONTH_FIRST_REGIONS = frozenset({"us", "ph", "fm", "mh", "pw", "as", "gu", "mp", "pr", "vi", "um"})
_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}))?", re.IGNORECASE)


@dataclass(frozen=True)
class PageDate:
    """A page's date, or why it was left empty (``note``)."""

    date: dt.date | None
    note: str | None = None


def page_locale(html: str) -> tuple[str | None, str | None]:
    """``(language, region)`` from the ``<html lang>`` attribute, lower-cased; None where absent."""
    match = _LANG.search(html[:20000])
    if match is None:
        return None, None
    region = match.group(2)
    return match.group(1).lower(), region.lower() if region else None


def _ambiguous_form(html: str, date: dt.date) -> str | None:
    """The numeric spelling of ``date`` on the page if it could also be read day/month swapped."""
    if date.day > 12 or date.day == date.month:
        return None
    iso_forms = (date.isoformat(), f"{date.year}/{date.month:02d}/{date.day:02d}", f"{date:%Y%m%d}")
    if any(form in html for form in iso_forms):
        return None
    pattern = re.compile(
        rf"(?<!\d)0?{date.day}[/.\-]0?{date.month}[/.\-](?:{date.year}|{date.year % 100:02d})(?!\d)"
    )
    match = pattern.search(html)
    return match.group(0) if match else None


def find_page_date(html: str, *, url: str | None, today: dt.date) -> PageDate:
    """Find the page's original publication date offline (htmldate gets the HTML, never a bare URL)."""
    # Let htmldate return future dates: the caller warns about them against the injected clock.
    latest = today + dt.timedelta(days=20 * 366)
    found: str | None = None
    for extensive in (False, True):
        try:
            found = htmldate.find_date(
                html.encode("utf-8"),  # bytes: htmldate downloads a *string* that looks like a URL
                extensive_search=extensive,
                original_date=True,
                url=url,
                max_date=latest.isoformat(),
            )
        except Exception as exc:  # htmldate parses untrusted markup; its failures must not lose the text
            log.debug("htmldate failed: %s", exc)
            found = None
        if found:
            break
    if not found:
        return PageDate(None)
    try:
        date = dt.date.fromisoformat(found)
    except ValueError:
        return PageDate(None)
    form = _ambiguous_form(html, date)
    if form is None:
        return PageDate(date)
    language, region = page_locale(html)
    if region in MONTH_FIRST_REGIONS:
        return PageDate(dt.date(date.year, date.day, date.month))
    if region is not None or (language is not None and language != "en"):
        return PageDate(date)
    return PageDate(
        None,
        note=f"the publication date '{form}' could be day/month or month/day and the page does not say "
        "which (no region in <html lang>); left empty, set it with --published",
    )
