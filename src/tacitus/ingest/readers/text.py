"""Plain-text articles: the first non-empty line is the title, the rest is the text, kept verbatim.

Why verbatim: every Evidence offset downstream indexes ``Document.text``; any rewriting here (joining
lines, fixing quotes) is fine only because it happens before the text exists, but the user then cannot
find the quoted span in their own file. So we keep the decoded file as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from tacitus.errors import InputError
from tacitus.ingest.assemble import Item, ReadContext, assemble
from tacitus.ingest.decode import decode_bytes
from tacitus.ingest.streams import read_bounded

# A first line longer than this is a paragraph, not a headline: the file then has no title.
MAX_TITLE_CHARS = 300


def split_title(text: str) -> tuple[str | None, str]:
    """Return ``(title, body)``; ``body`` is the file after the title line, leading line breaks removed.

    A file whose first line is the only text, or whose first line is too long to be a headline, has no
    title and its whole text is the body.
    """
    offset = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            rest = text[offset + len(line) :]
            title = line.strip()
            if len(title) > MAX_TITLE_CHARS or not rest.strip():
                return None, text
            return title, rest.lstrip("\r\n")
        offset += len(line)
    return None, text


def read_text(stream: BinaryIO, label: str, ctx: ReadContext) -> Iterator[Item]:
    """Read one plain-text article."""
    data = read_bounded(stream, label, ctx.settings.max_bytes)
    if not data.strip():
        raise InputError(label, "the file is empty" if not data else "the file contains only whitespace")
    text = decode_bytes(data, label)
    if not text.strip():
        raise InputError(label, "the file contains only whitespace")
    title, body = split_title(text)
    yield from assemble(ctx, label=label, fmt="txt", text=body, title=title)
