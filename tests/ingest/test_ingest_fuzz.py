"""Fuzzing: arbitrary bytes never make a reader raise anything but InputError; iter_inputs never raises."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tacitus.errors import InputError
from tacitus.ingest import iter_inputs
from tacitus.ingest.assemble import ReadContext
from tacitus.ingest.readers import READERS
from tacitus.settings import Settings

from .conftest import TODAY

EXTENSION_OF = {
    "txt": ".txt",
    "html": ".html",
    "json": ".json",
    "jsonl": ".jsonl",
    "csv": ".csv",
    "tsv": ".tsv",
    "feed": ".rss",
    "warc": ".warc",
}
PREFIXES = [
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\n",
    b"<?xml version='1.0'?><rss version='2.0'><channel><item><description>",
    b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">',
    b'{"text": "',
    b'[{"text": "a"}, ',
    b'{"text": "a"}\n{"text": ',
    b"<html><head><meta charset='utf-8'></head><body><article><p>",
    b"title,text,published\nT,",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
]
SMALL = Settings(max_bytes=4096)
CONTENT = st.one_of(
    st.binary(max_size=1500),
    st.text(max_size=600).map(lambda t: t.encode("utf-8")),
    st.tuples(st.sampled_from(PREFIXES), st.binary(max_size=600)).map(lambda pair: pair[0] + pair[1]),
    st.tuples(st.sampled_from(PREFIXES), st.text(max_size=400)).map(lambda pair: pair[0] + pair[1].encode()),
)
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.mark.parametrize("fmt", sorted(READERS))
@FUZZ
@given(data=CONTENT)
def test_reader_raises_only_input_error(fuzz_dir: Path, fmt: str, data: bytes) -> None:
    path = fuzz_dir / f"sample{EXTENSION_OF[fmt]}"
    path.write_bytes(data)
    ctx = ReadContext(settings=SMALL, today=TODAY)
    with path.open("rb") as stream:
        try:
            for _ in READERS[fmt](stream, str(path), ctx):
                pass
        except InputError as exc:
            assert exc.problem.strip()


@pytest.mark.parametrize("extension", [*sorted(set(EXTENSION_OF.values())), ".xml", ".txt.gz", ""])
@FUZZ
@given(data=CONTENT, compress=st.booleans(), cut=st.integers(min_value=0, max_value=200))
def test_iter_inputs_never_raises(
    fuzz_dir: Path, extension: str, data: bytes, compress: bool, cut: int
) -> None:
    path = fuzz_dir / f"input{extension}"
    payload = gzip.compress(data)[: max(cut, 2) if cut < 30 else None] if compress else data
    path.write_bytes(payload)
    items = list(iter_inputs([path, "-"], SMALL, today=TODAY, stdin=io.BytesIO(payload)))
    assert items, "every input yields a document or an issue"
    for item in items:
        if not hasattr(item, "problem"):
            continue
        assert item.problem.strip()
        assert item.path
        assert not item.problem.startswith("unexpected error"), item.problem  # a reader bug, not bad input
