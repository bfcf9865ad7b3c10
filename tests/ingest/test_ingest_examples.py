"""The two real articles shipped in the shared examples read as plain-text documents."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import collect

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = Path(os.environ.get("TACITUS_SHARED", REPO.parent / "shared")) / "examples"
NAMES = ("mosul-corridors.txt", "mosul-drone-video.txt")


@pytest.fixture(scope="module")
def example_paths() -> list[Path]:
    paths = [EXAMPLES / name for name in NAMES]
    if not all(path.is_file() for path in paths):
        pytest.skip(f"shared examples not found in {EXAMPLES}")
    return paths


def test_real_articles_read_with_title_and_verbatim_text(example_paths: list[Path]) -> None:
    docs, issues = collect(example_paths)
    assert issues == []
    assert len(docs) == 2
    for doc, path in zip(docs, example_paths, strict=True):
        raw = path.read_text(encoding="utf-8")
        assert doc.title and raw.lstrip().startswith(doc.title)
        assert raw.endswith(doc.text), "the text must be the file's own characters, so offsets match"
        assert doc.fmt == "txt" and doc.path == str(path)
        assert len(doc.id) == 16 and len(doc.content_hash) == 40
    assert docs[0].title == 'Iraqi Officer: "ISIS militants opened fire at displaced families"'
    assert "less than 5%" in docs[0].text
    assert "as many as 200 civilians" in docs[1].text


def test_reading_twice_gives_the_same_ids(example_paths: list[Path]) -> None:
    first, _ = collect(example_paths)
    again, _ = collect(list(reversed(example_paths)))
    assert {d.id for d in first} == {d.id for d in again}
    assert len({d.id for d in first}) == 2
