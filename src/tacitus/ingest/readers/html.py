"""HTML pages: trafilatura finds the article's main text, title and site name; htmldate its date.

Why trafilatura: it is the best-measured open main-text extractor, and it runs offline on a string.
The same function reads the HTML payloads of WARC records (``extract_page``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import urlsplit

import trafilatura

from tacitus.errors import InputError
from tacitus.ingest.assemble import Item, ReadContext, assemble
from tacitus.ingest.decode import decode_bytes
from tacitus.ingest.issues import IngestIssue
from tacitus.ingest.readers.html_dates import find_page_date, page_locale
from tacitus.ingest.streams import read_bounded

log = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-:.]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Page:
    """What was read from one HTML page."""

    text: str
    title: str | None
    url: str | None
    source: str | None
    language: str
    published: object
    date_note: str | None


def declared_charset(data: bytes) -> str | None:
    """The charset a page's ``<meta>`` declares (checked against the bytes by ``decode_bytes``)."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", errors="replace") if match else None


def _extract(markup: str, url: str | None, *, recall: bool) -> trafilatura.settings.Document | None:
    try:
        result = trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_recall=recall,
        )
    except Exception as exc:  # lxml and trafilatura fail in many ways on hostile markup
        log.debug("trafilatura failed: %s", exc)
        return None
    return result if not isinstance(result, dict) else None


def extract_page(markup: str, label: str, ctx: ReadContext, *, url: str | None = None) -> Page:
    """Read an HTML string; raise InputError when no article text can be found in it."""
    if not markup.strip():
        raise InputError(label, "the HTML is empty")
    extracted = _extract(markup, url, recall=False)
    text = extracted.text if extracted is not None else None
    if not text or not text.strip():
        extracted = _extract(markup, url, recall=True) or extracted
        text = extracted.text if extracted is not None else None
    if not text or not text.strip():
        raise InputError(label, "no article text found in the HTML")
    page_url = url or (extracted.url if extracted is not None else None)
    source = extracted.sitename if extracted is not None else None
    if not source and page_url:
        source = urlsplit(page_url).hostname
    language, _ = page_locale(markup)
    page_date = find_page_date(markup, url=page_url, today=ctx.today)
    return Page(
        text=text,
        title=extracted.title if extracted is not None else None,
        url=page_url,
        source=source,
        language=language or "en",
        published=page_date.date,
        date_note=page_date.note,
    )


def page_items(page: Page, label: str, ctx: ReadContext, fmt: str) -> Iterator[Item]:
    """The Document (and warnings) for a page read by ``extract_page``."""
    yield from assemble(
        ctx,
        label=label,
        fmt=fmt,
        text=page.text,
        title=page.title,
        url=page.url,
        published=page.published,
        source=page.source,
        language=page.language,
    )
    if page.date_note and ctx.settings.published is None:
        yield IngestIssue(path=label, problem=page.date_note, severity="warning", fmt=fmt)


def read_html(stream: BinaryIO, label: str, ctx: ReadContext) -> Iterator[Item]:
    """Read one HTML page."""
    data = read_bounded(stream, label, ctx.settings.max_bytes)
    if not data.strip():
        raise InputError(label, "the file is empty")
    markup = decode_bytes(data, label, declared=declared_charset(data))
    yield from page_items(extract_page(markup, label, ctx), label, ctx, "html")
