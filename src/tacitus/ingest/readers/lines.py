"""Decoded lines of a big file, one at a time, for the streaming record readers (JSON Lines, CSV).

Why decode line by line: a scraper's dump is often UTF-8 with a few cp1252 records pasted in; decoding
each line on its own keeps those readable instead of failing (or garbling) the whole file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from tacitus.errors import InputError
from tacitus.ingest.decode import bom_encoding, guess_encoding, looks_binary
from tacitus.ingest.streams import read_bounded


def _decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        encoding = guess_encoding(raw) or "cp1252"
        return raw.decode(encoding, errors="replace")


def decoded_lines(stream: BinaryIO, label: str, max_bytes: int) -> Iterator[str]:
    """Yield the stream's lines (with their line endings) as text, streaming unless it is UTF-16/32."""
    head = stream.peek(8)[:8] if hasattr(stream, "peek") else b""
    wide = bom_encoding(head)
    if wide in {"utf-16", "utf-32"}:
        yield from read_bounded(stream, label, max_bytes).decode(wide, errors="replace").splitlines(True)
        return
    first = True
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            return
        if len(raw) > max_bytes:
            raise InputError(label, f"a line is longer than the {max_bytes}-byte limit (--max-bytes)")
        if first:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
            first = False
        if looks_binary(raw):
            raise InputError(label, "it contains binary data (NUL or control bytes), not text lines")
        yield _decode_line(raw)
