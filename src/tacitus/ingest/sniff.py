"""Choosing a reader: the file name proposes, the first bytes dispose.

Why sniff: scrapers save RSS as ``.html``, JSON Lines as ``.json`` and pages as ``.txt``; reading such a
file with the reader its extension names would yield markup soup or one giant bogus record.
"""

from __future__ import annotations

import json
import re

from tacitus.ingest.decode import bom_encoding

FORMAT_BY_SUFFIX: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".warc": "warc",
}
FORMATS = frozenset(FORMAT_BY_SUFFIX.values())

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)\b")
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|h[1-6])\b")
_SNIFF_CHARS = 4096


def format_from_name(name: str) -> str | None:
    """The format a file name announces (``.gz`` looked through), or None when it names none."""
    lowered = name.lower().removesuffix(".gz")
    dot = lowered.rfind(".")
    return FORMAT_BY_SUFFIX.get(lowered[dot:]) if dot > 0 else None


def _head_text(head: bytes) -> str:
    encoding = bom_encoding(head) or "utf-8"
    text = head[: _SNIFF_CHARS * 4].decode(encoding, errors="replace").lstrip("\ufeff")
    return text[:_SNIFF_CHARS].lstrip().lower()


def _json_shape(text: str) -> str | None:
    """How the head looks as JSON: 'lines' (a whole JSON value on the first line and another record
    after it), 'single' (one whole value on one line, nothing after), 'json' (anything else starting
    like JSON), or None (not JSON)."""
    if not text.startswith(("{", "[")):
        return None
    first, _, rest = text.partition("\n")
    try:
        json.loads(first)
    except ValueError:
        return "json"
    if rest.lstrip().startswith("{"):
        return "lines"
    return "single" if not rest.strip() else "json"


def sniff_format(hint: str | None, head: bytes) -> str:
    """Pick the reader for an input whose name suggests ``hint`` (None: unknown), starting with ``head``."""
    if head.startswith(b"WARC/"):
        return "warc"
    text = _head_text(head)
    if _FEED_ROOT.search(text[:2048]) and not text.startswith(("<!doctype html", "<html")):
        return "feed"
    is_html = bool(_HTML_START.match(text)) or (text.startswith("<?xml") and "<html" in text[:2048])
    json_shape = _json_shape(text)
    if hint == "warc":
        return "warc"
    if hint in {"json", "jsonl"} and json_shape is not None:
        return "jsonl" if json_shape == "lines" or (json_shape == "single" and hint == "jsonl") else "json"
    if hint in {"json", "jsonl"}:
        return "html" if is_html else hint
    if hint in {"csv", "tsv", "feed"}:
        return "html" if is_html else hint
    if hint == "html" or is_html:
        return "html"
    if json_shape == "lines":
        return "jsonl"
    if json_shape is not None and hint is None:
        return "json"
    return "txt"
