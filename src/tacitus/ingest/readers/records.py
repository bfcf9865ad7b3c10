"""Structured dumps: JSON (an object or an array of objects), JSON Lines and CSV/TSV, one Document per record.

Field names come from ``settings.fields`` because every scraper names them differently; a dotted name
(``meta.url``) reaches into nested objects. JSON Lines and CSV are streamed record by record, so a
multi-gigabyte dump costs the memory of one record.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterator, Mapping
from typing import BinaryIO

from tacitus.errors import InputError
from tacitus.ingest.assemble import Item, ReadContext, assemble, record_issue
from tacitus.ingest.decode import decode_bytes
from tacitus.ingest.readers.guard import guard_records
from tacitus.ingest.readers.lines import decoded_lines
from tacitus.ingest.streams import read_bounded
from tacitus.settings import FieldMap

_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", int: "a number", float: "a number"}
_DELIMITERS = (",", "\t", ";", "|")


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _field(record: Mapping[str, object], name: str) -> object:
    if name in record:
        return record[name]
    current: object = record
    for part in name.split("."):
        if not isinstance(current, Mapping) or part not in current:
            return None
        current = current[part]
    return current


def _fields_found(record: Mapping[str, object]) -> str:
    names = [str(name) for name in itertools.islice(record, 12)]
    return ", ".join(names) if names else "none"


def record_items(record: object, label: str, fmt: str, ctx: ReadContext, fields: FieldMap) -> Iterator[Item]:
    """The Document for one record, or InputError saying which field is missing or wrong."""
    if not isinstance(record, Mapping):
        raise InputError(
            label, f"expected an object with a '{fields.text}' field, found {_type_name(record)}"
        )
    text = _field(record, fields.text)
    if text is None or text == "":
        raise InputError(
            label,
            f"no '{fields.text}' field (fields found: {_fields_found(record)}); "
            "name the text field with fields.text in the settings",
        )
    if not isinstance(text, str):
        raise InputError(label, f"the '{fields.text}' field is {_type_name(text)}, not text")
    yield from assemble(
        ctx,
        label=label,
        fmt=fmt,
        text=text,
        title=_field(record, fields.title),
        url=_field(record, fields.url),
        published=_field(record, fields.published),
        source=_field(record, fields.source),
    )


def _guarded(record: object, label: str, fmt: str, ctx: ReadContext) -> Iterator[Item]:
    try:
        yield from record_items(record, label, fmt, ctx, ctx.settings.fields)
    except InputError as exc:
        yield record_issue(exc, fmt)


def _unwrap(value: object, fields: FieldMap) -> object:
    """A lone object without a text field but holding one array of objects (``{"articles": [...]}``)
    is a wrapper: read the array."""
    if isinstance(value, dict) and _field(value, fields.text) is None:
        arrays = [v for v in value.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        if len(arrays) == 1:
            return arrays[0]
    return value


def read_json(stream: BinaryIO, label: str, ctx: ReadContext) -> Iterator[Item]:
    """Read a JSON file holding one article object or an array of them (``path#index``, from 0)."""
    data = read_bounded(stream, label, ctx.settings.max_bytes)
    if not data.strip():
        raise InputError(label, "the file is empty")
    try:
        value = json.loads(decode_bytes(data, label))
    except json.JSONDecodeError as exc:
        raise InputError(label, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    except RecursionError as exc:
        raise InputError(label, "the JSON is nested too deeply to read") from exc
    value = _unwrap(value, ctx.settings.fields)
    if isinstance(value, dict):
        yield from record_items(value, label, "json", ctx, ctx.settings.fields)
        return
    if not isinstance(value, list):
        raise InputError(label, f"the JSON holds {_type_name(value)}, not an object or an array of objects")
    items = (
        item
        for index, record in enumerate(value)
        for item in _guarded(record, f"{label}#{index}", "json", ctx)
    )
    yield from guard_records(items, label)


def _jsonl_items(stream: BinaryIO, label: str, ctx: ReadContext) -> Iterator[Item]:
    for lineno, line in enumerate(decoded_lines(stream, label, ctx.settings.max_bytes), start=1):
        if not line.strip():
            continue
        where = f"{label}:{lineno}"
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            detail = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            yield record_issue(InputError(where, f"invalid JSON: {detail}"), "jsonl")
            continue
        yield from _guarded(record, where, "jsonl", ctx)


def read_jsonl(stream: BinaryIO, label: str, ctx: ReadContext) -> Iterator[Item]:
    """Read JSON Lines, one article object per line (``path:line``, from 1), streaming."""
    yield from guard_records(_jsonl_items(stream, label, ctx), label)


def _choose_delimiter(header: str, fields: FieldMap, default: str) -> str:
    for delimiter in _DELIMITERS:
        if fields.text in (cell.strip().strip('"') for cell in header.split(delimiter)):
            return delimiter
    counts = {delimiter: header.count(delimiter) for delimiter in _DELIMITERS}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else default


def _table_items(stream: BinaryIO, label: str, ctx: ReadContext, fmt: str, default: str) -> Iterator[Item]:
    # Article texts are far longer than csv's default 128 KB field limit; the limit is process-wide.
    if csv.field_size_limit() < ctx.settings.max_bytes:
        csv.field_size_limit(ctx.settings.max_bytes)
    lines = decoded_lines(stream, label, ctx.settings.max_bytes)
    first = next(lines, None)
    if first is None or not first.strip():
        raise InputError(label, "the file is empty or its first line (the header) is blank")
    delimiter = _choose_delimiter(first, ctx.settings.fields, default)
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
    try:
        header = [name.strip() for name in next(reader)]
        start = reader.line_num + 1
        for row in reader:
            where = f"{label}:{start}"
            start = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                problem = f"the row has {len(row)} fields but the header has {len(header)}"
                yield record_issue(InputError(where, problem), fmt)
                continue
            yield from _guarded(dict(zip(header, row, strict=True)), where, fmt, ctx)
    except csv.Error as exc:
        raise InputError(label, f"malformed CSV near line {reader.line_num}: {exc}") from exc


def read_csv(stream: BinaryIO, label: str, ctx: ReadContext) -> Iterator[Item]:
    """Read a CSV with a header row naming the fields (``path:line``, from 1), streaming."""
    yield from guard_records(_table_items(stream, label, ctx, "csv", ","), label, "rows")


def read_tsv(stream: BinaryIO, label: str, ctx: ReadContext) -> Iterator[Item]:
    """Read a tab-separated file with a header row, like ``read_csv``."""
    yield from guard_records(_table_items(stream, label, ctx, "tsv", "\t"), label, "rows")
