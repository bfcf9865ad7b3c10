"""Opening inputs: peek at the first bytes for sniffing, undo gzip, and read with a size bound.

Why a peekable stream of our own: stdin and gzip streams cannot seek back, yet the format must be sniffed
from the first bytes before the right reader consumes the whole stream record by record.
"""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass
from typing import BinaryIO

from tacitus.errors import InputError
from tacitus.ingest.decode import human_size

HEAD_SIZE = 65536
GZIP_MAGIC = b"\x1f\x8b"


class _HeadThenRest(io.RawIOBase):
    """Serve already-read ``head`` bytes, then the rest of ``stream``; turn gzip damage into InputError."""

    def __init__(self, head: bytes, stream: BinaryIO, label: str) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._stream = stream
        self._label = label

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        target = memoryview(buffer).cast("B")
        if self._head.nbytes:
            size = min(self._head.nbytes, target.nbytes)
            target[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = _guarded_read(self._stream, target.nbytes, self._label)
        target[: len(data)] = data
        return len(data)


def _guarded_read(stream: BinaryIO, size: int, label: str) -> bytes:
    try:
        return stream.read(size)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise InputError(label, f"the gzip data is truncated or corrupt ({exc})") from exc


@dataclass(frozen=True)
class OpenedInput:
    """A decompressed, buffered stream and its first bytes (for sniffing)."""

    stream: BinaryIO
    head: bytes
    compressed: bool


def open_stream(raw: BinaryIO, label: str) -> OpenedInput:
    """Peek at ``raw``; if it is gzip (any extension), decompress it transparently."""
    head = _guarded_read(raw, HEAD_SIZE, label)
    compressed = head.startswith(GZIP_MAGIC)
    source: BinaryIO = raw
    if compressed:
        unzipped = gzip.GzipFile(fileobj=io.BufferedReader(_HeadThenRest(head, raw, label)), mode="rb")
        source = unzipped  # type: ignore[assignment]
        head = _guarded_read(unzipped, HEAD_SIZE, label)  # type: ignore[arg-type]
    stream = io.BufferedReader(_HeadThenRest(head, source, label), buffer_size=HEAD_SIZE)
    return OpenedInput(stream=stream, head=head, compressed=compressed)


def read_bounded(stream: BinaryIO, label: str, max_bytes: int) -> bytes:
    """Read a whole (decompressed) input, refusing more than ``max_bytes``."""
    data = _guarded_read(stream, max_bytes + 1, label)
    if len(data) > max_bytes:
        raise InputError(
            label, f"its content is over the {human_size(max_bytes)} limit (--max-bytes) once decompressed"
        )
    return data
