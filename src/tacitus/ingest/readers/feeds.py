"""RSS and Atom feeds with feedparser: one Document per entry, its content (else summary) as plain text.

feedparser is given the bytes in a stream, never a string: a string that looks like a URL or a file
name would make it fetch or open that instead of parsing.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

import feedparser

from tacitus.errors import InputError
from tacitus.ingest.assemble import Item, ReadContext, assemble, record_issue
from tacitus.ingest.readers.guard import guard_records
from tacitus.ingest.readers.html_text import fragment_to_text
from tacitus.ingest.streams import read_bounded

log = logging.getLogger(__name__)


def _entry_text(entry: Mapping[str, Any]) -> str | None:
    contents = entry.get("content") or []
    values = [c.get("value", "") for c in contents if isinstance(c, Mapping) and c.get("value")]
    raw = max(values, key=len) if values else entry.get("summary")
    if not isinstance(raw, str):
        return None
    return fragment_to_text(raw) or None


def _entry_published(entry: Mapping[str, Any]) -> object:
    """The entry's date as written (keeps the publisher's calendar day), else feedparser's UTC reading."""
    for key in ("published", "updated", "created"):
        if isinstance(entry.get(key), str) and entry[key].strip():
            return entry[key]
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return dt.date(parsed[0], parsed[1], parsed[2])
            except (TypeError, ValueError, IndexError):
                continue
    return None


def _entry_source(entry: Mapping[str, Any], feed: Mapping[str, Any]) -> object:
    source = entry.get("source")
    if isinstance(source, Mapping) and source.get("title"):
        return source["title"]
    return feed.get("title")


def _entries(parsed: Any, label: str, ctx: ReadContext, fmt: str) -> Iterator[Item]:
    feed = parsed.get("feed") or {}
    for index, entry in enumerate(parsed.entries):
        where = f"{label}#{index}"
        text = _entry_text(entry)
        if text is None:
            yield record_issue(InputError(where, "the entry has neither content nor a summary"), fmt)
            continue
        try:
            yield from assemble(
                ctx,
                label=where,
                fmt=fmt,
                text=text,
                title=entry.get("title"),
                url=entry.get("link"),
                published=_entry_published(entry),
                source=_entry_source(entry, feed),
            )
        except InputError as exc:
            yield record_issue(exc, fmt)


def read_feed(stream: BinaryIO, label: str, ctx: ReadContext) -> Iterator[Item]:
    """Read an RSS 0.9x/1.0/2.0 or Atom feed (``path#index``, entries from 0)."""
    data = read_bounded(stream, label, ctx.settings.max_bytes)
    if not data.strip():
        raise InputError(label, "the file is empty")
    try:
        parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False)
    except Exception as exc:  # feedparser's many parsers can fail on hostile bytes in many ways
        raise InputError(label, f"cannot parse it as a feed ({type(exc).__name__}: {exc})") from exc
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            raise InputError(label, f"this is not a readable RSS/Atom feed ({reason})")
        raise InputError(label, "the feed has no entries")
    version = str(parsed.get("version") or "")
    fmt = "atom" if version.startswith("atom") else "rss"
    yield from guard_records(_entries(parsed, label, ctx, fmt), label, "entries")
