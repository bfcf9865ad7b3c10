"""``iter_inputs``: files, directories and stdin to Documents, with every problem as an IngestIssue.

Why nothing may escape: ingesting is the first step of long batch runs over scraped data, where broken
files are normal. Each bad input becomes exactly one issue naming the problem, and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from tacitus.errors import InputError
from tacitus.ingest.assemble import Item, ReadContext
from tacitus.ingest.decode import human_size, looks_binary
from tacitus.ingest.issues import IngestIssue
from tacitus.ingest.readers import READERS
from tacitus.ingest.sniff import format_from_name, sniff_format
from tacitus.ingest.streams import open_stream
from tacitus.model import Document
from tacitus.settings import Settings

log = logging.getLogger(__name__)

STDIN_LABEL = "<stdin>"


def _os_problem(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "it is a directory"
    return f"cannot read it ({exc.strerror or exc})"


#: Names of a folder's own documentation (any extension): a corpus folder's README.md or LICENSE describes
#: the articles and is no article itself; named on the command line, such a file is still read.
_FOLDER_DOCS = frozenset({"readme", "license", "licence", "copying", "changelog", "notice", "authors"})


def _is_input_name(name: str) -> bool:
    """Inside directories, read files with a known extension (``.gz`` looked through) or none at all;
    images, PDFs and the like beside the articles are skipped rather than reported one by one, and so is
    the folder's own documentation (README, LICENSE ...)."""
    if name.split(".", 1)[0].lower() in _FOLDER_DOCS:
        return False
    if format_from_name(name) is not None:
        return True
    return "." not in name.lower().removesuffix(".gz")


def _walk(directory: Path) -> Iterator[Path | IngestIssue]:
    """Files under ``directory`` in sorted order, skipping hidden files and directories."""
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as exc:
        yield IngestIssue(path=str(directory), problem=f"cannot list the directory: {_os_problem(exc)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path)
        elif _is_input_name(entry.name):
            yield path
        else:
            log.info("skipping %s: not a news file (extension or a folder's README/LICENSE)", path)


def _read_stream(raw: BinaryIO, label: str, hint: str | None, ctx: ReadContext) -> Iterator[Item]:
    fmt: str | None = hint
    try:
        opened = open_stream(raw, label)
        if not opened.head.strip():
            raise InputError(label, "the file is empty" if not opened.head else "it contains only whitespace")
        fmt = sniff_format(hint, opened.head)
        if fmt != "warc" and looks_binary(opened.head):
            raise InputError(
                label, "this looks like a binary file, not text (it contains NUL or control bytes)"
            )
        yield from READERS[fmt](opened.stream, label, ctx)
    except InputError as exc:
        yield IngestIssue(path=exc.path, problem=exc.problem, severity="error", fmt=fmt)
    except Exception as exc:  # last line of defence: a library bug on one file must not stop the batch
        log.exception("unexpected error reading %s", label)
        problem = f"unexpected error while reading it ({type(exc).__name__}: {exc})"
        yield IngestIssue(path=label, problem=problem, severity="error", fmt=fmt)


def _read_file(path: Path, ctx: ReadContext, size: int) -> Iterator[Item]:
    label = str(path)
    hint = format_from_name(path.name)
    limit = ctx.settings.max_bytes
    if size > limit:
        problem = f"{human_size(size)} is over the {human_size(limit)} limit (--max-bytes)"
        yield IngestIssue(path=label, problem=problem, fmt=hint)
        return
    try:
        raw = path.open("rb")
    except OSError as exc:
        yield IngestIssue(path=label, problem=_os_problem(exc), fmt=hint)
        return
    with raw:
        yield from _read_stream(raw, label, hint, ctx)


def _read_path(path: Path, ctx: ReadContext) -> Iterator[Item]:
    try:
        info = path.stat()
    except (OSError, ValueError) as exc:
        problem = _os_problem(exc) if isinstance(exc, OSError) else f"not a usable path ({exc})"
        yield IngestIssue(path=str(path), problem=problem)
        return
    if stat.S_ISDIR(info.st_mode):
        for found in _walk(path):
            if isinstance(found, IngestIssue):
                yield found
                continue
            try:
                size = found.stat().st_size
            except OSError as exc:
                yield IngestIssue(path=str(found), problem=_os_problem(exc))
                continue
            yield from _read_file(found, ctx, size)
    elif not stat.S_ISREG(info.st_mode):
        yield IngestIssue(path=str(path), problem="it is not a regular file (a device, socket or pipe)")
    else:
        yield from _read_file(path, ctx, info.st_size)


def iter_inputs(
    paths: Sequence[str | Path],
    settings: Settings,
    *,
    today: dt.date | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | IngestIssue]:
    """Yield a Document per article found in ``paths`` (files, directories, ``-`` for stdin), in order,
    and an IngestIssue per problem. Never raises for bad input.

    ``today`` is the clock for the future-date check (default: the system date).
    """
    ctx = ReadContext(settings=settings, today=today or dt.date.today())
    for entry in paths:
        if str(entry) == "-":
            stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
            if stream is None:
                yield IngestIssue(path=STDIN_LABEL, problem="there is no standard input to read")
                continue
            yield from _read_stream(stream, STDIN_LABEL, None, ctx)
        else:
            yield from _read_path(Path(entry), ctx)
