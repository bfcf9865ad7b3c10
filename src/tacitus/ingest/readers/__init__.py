"""One reader per input format. A reader takes a decompressed binary stream, the input's label and the
read context, yields Documents (and per-record IngestIssues), and raises only ``InputError``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO

from tacitus.ingest.assemble import Item, ReadContext
from tacitus.ingest.readers.feeds import read_feed
from tacitus.ingest.readers.html import read_html
from tacitus.ingest.readers.records import read_csv, read_json, read_jsonl, read_tsv
from tacitus.ingest.readers.text import read_text
from tacitus.ingest.readers.warc import read_warc

Reader = Callable[[BinaryIO, str, ReadContext], Iterator[Item]]

READERS: dict[str, Reader] = {
    "txt": read_text,
    "html": read_html,
    "json": read_json,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "tsv": read_tsv,
    "feed": read_feed,
    "warc": read_warc,
}

__all__ = ["READERS", "Reader"]
