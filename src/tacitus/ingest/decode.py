"""Bytes to text: refuse binary data, decode UTF-8 when it is, and guess legacy encodings readably.

Why not just charset-normalizer: on short Western text it often picks an exotic code page (cp775 for a
cp1252 "Café"), which yields mojibake. Web practice (WHATWG) treats unlabelled non-UTF-8 Western text as
windows-1252, so we prefer cp1252 when its reading looks like a Latin-script text, and defer to the
detector for other scripts (whose bytes read as cp1252 come out as runs of accented letters).
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from tacitus.errors import InputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
# A Western text has few non-ASCII letters; cp1251/cp1253 bytes read as cp1252 are nearly all non-ASCII.
_MAX_NON_ASCII_LETTER_SHARE = 0.3
_BINARY_CONTROL_SHARE = 0.1
# Mac and DOS/EBCDIC code pages: charset-normalizer sometimes ranks them first (mac_cyrillic for cp1251
# Russian, whose capitals then read as punctuation); on the web they are rare, so an equally clean
# reading in another code page wins.
_RARE_ON_WEB = re.compile(r"^(mac_|cp(0\d\d|[2-9]\d\d|10\d\d|1140)$)")
_CHAOS_TOLERANCE = 0.01
_COHERENCE_TOLERANCE = 0.1


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, if ``data`` starts with one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def looks_binary(head: bytes) -> bool:
    """True for data that is not text: NUL bytes (outside UTF-16/32) or many control characters."""
    if not head or bom_encoding(head) in {"utf-16", "utf-32"}:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in _ALLOWED_CONTROLS)
    return controls / len(head) > _BINARY_CONTROL_SHARE


def _reads_as_western(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return True
    non_ascii = sum(1 for ch in letters if ord(ch) > 127)
    return non_ascii / len(letters) <= _MAX_NON_ASCII_LETTER_SHARE


def guess_encoding(data: bytes) -> str | None:
    """Name of the encoding ``data`` is most likely in, or None when no reading is plausible."""
    bom = bom_encoding(data)
    if bom is not None:
        return bom
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte sequence cut at the end of a sample is still UTF-8.
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"
    else:
        return "utf-8"
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _reads_as_western(western):
        return "cp1252"
    candidates = list(from_bytes(data))
    if candidates:
        best = min(candidates, key=lambda match: match.chaos)
        for match in candidates:
            close = (
                match.chaos <= best.chaos + _CHAOS_TOLERANCE
                and match.coherence >= best.coherence - _COHERENCE_TOLERANCE
            )
            if close and not _RARE_ON_WEB.match(match.encoding):
                return str(match.encoding)
        return str(best.encoding)
    return "latin-1" if western is None else "cp1252"


def decode_bytes(data: bytes, label: str, *, declared: str | None = None) -> str:
    """Decode a whole file's bytes to text, raising InputError when it is not text at all.

    ``declared`` is an encoding named by the content itself (an HTML meta charset): used when the bytes
    really decode with it, ignored when the label lies.
    """
    if looks_binary(data[:65536]):
        raise InputError(label, "this looks like a binary file, not text (it contains NUL or control bytes)")
    if declared and bom_encoding(data) is None:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    encoding = guess_encoding(data)
    if encoding is None:
        raise InputError(label, "cannot tell which text encoding this file uses")
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return data.decode(encoding, errors="replace")


def human_size(size: int) -> str:
    """``52.4 MB``, ``50 MB``, ``900 bytes``: sizes as people read them (binary units)."""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            text = f"{value:.1f}".removesuffix(".0") if unit != "bytes" else str(size)
            return f"{text} {unit}"
        value /= 1024
    return f"{size} bytes"
