"""Web archives (WARC, WARC.gz) with warcio: every HTML response through the HTML reader.

Streamed record by record, so a crawl of any size costs the memory of one page. The URL of each
Document is the record's WARC-Target-URI; records that are not HTML (images, scripts, requests,
metadata) are skipped silently, HTML pages without article text become one issue each.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from tacitus.errors import InputError
from tacitus.ingest.assemble import Item, ReadContext, record_issue
from tacitus.ingest.decode import decode_bytes
from tacitus.ingest.readers.guard import guard_records
from tacitus.ingest.readers.html import declared_charset, extract_page, page_items

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_PAGE_RECORDS = frozenset({"response", "resource"})


def _content_type(record: Any) -> tuple[str, str | None]:
    """(media type, charset) of a record's payload, from its HTTP headers or WARC headers."""
    headers = record.http_headers if record.http_headers is not None else record.rec_headers
    value = headers.get_header("Content-Type") or ""
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, val = param.partition("=")
        if name.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'")
    return media.strip().lower(), charset


def _status_ok(record: Any) -> bool:
    if record.http_headers is None:
        return True
    code = str(record.http_headers.get_statuscode() or "200")
    return code.startswith("2")


def _pages(stream: BinaryIO, label: str, ctx: ReadContext) -> Iterator[Item]:
    limit = ctx.settings.max_bytes
    for index, record in enumerate(ArchiveIterator(stream)):
        if record.rec_type not in _PAGE_RECORDS or not _status_ok(record):
            continue
        media, charset = _content_type(record)
        if media not in _HTML_TYPES:
            continue
        where = f"{label}#{index}"
        url = record.rec_headers.get_header("WARC-Target-URI")
        payload = record.content_stream().read(limit + 1)
        try:
            if len(payload) > limit:
                raise InputError(where, "the page is over the size limit (--max-bytes)")
            markup = decode_bytes(payload, where, declared=charset or declared_charset(payload))
            page = extract_page(markup, where, ctx, url=url)
            yield from page_items(page, where, ctx, "warc")
        except InputError as exc:
            yield record_issue(exc, "warc")


def read_warc(stream: BinaryIO, label: str, ctx: ReadContext) -> Iterator[Item]:
    """Read the HTML responses of a WARC file (``path#index``: the record's position, from 0)."""
    try:
        yield from guard_records(_pages(stream, label, ctx), label, "HTML responses")
    except InputError:
        raise
    except Exception as exc:  # warcio raises assorted errors on damaged archives
        raise InputError(label, f"this is not a readable WARC file ({type(exc).__name__}: {exc})") from exc
