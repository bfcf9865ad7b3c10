"""A mixed batch with malformed files: every good file stored, every bad one named, reruns add nothing."""

from __future__ import annotations

import gzip
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = 950
BAD = 50


def _article(i: int) -> str:
    return (
        f"Report {i} from the northern districts\n"
        f"Gunmen attacked a checkpoint near village number {i} on Monday, killing at least {i % 7 + 2} "
        f"policemen and wounding {i % 5 + 1} others, officials said. Residents fled to nearby towns.\n"
    )


def _write_batch(root: Path) -> list[Path]:
    bad: list[Path] = []
    for i in range(GOOD):
        kind = i % 3
        if kind == 0:
            (root / f"good-{i:04d}.txt").write_text(_article(i), encoding="utf-8")
        elif kind == 1:
            record = {"url": f"https://wire.example/story/{i}", "title": f"Story {i}", "text": _article(i)}
            (root / f"good-{i:04d}.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
        else:
            body = "".join(f"<p>{line}</p>" for line in _article(i).splitlines())
            html = f"<html><head><title>Story {i}</title></head><body><article>{body}</article></body></html>"
            (root / f"good-{i:04d}.html").write_text(html, encoding="utf-8")
    makers = [
        lambda p: p.with_suffix(".txt").write_bytes(b""),
        lambda p: p.with_suffix(".txt").write_bytes(bytes(range(256)) * 8),
        lambda p: p.with_suffix(".json").write_text('{"text": "unterminated', encoding="utf-8"),
        lambda p: p.with_suffix(".txt.gz").write_bytes(gzip.compress(_article(0).encode())[:20]),
        lambda p: p.with_suffix(".rss").write_text("<rss><channel><item><title>x</ti", encoding="utf-8"),
    ]
    for j in range(BAD):
        path = root / f"bad-{j:04d}"
        makers[j % len(makers)](path)
    bad = sorted(root.glob("bad-*"))
    assert len(bad) == BAD
    return bad


def _ingest(root: Path, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tacitus", "ingest", str(root), "--db", str(db), "--quiet"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.mark.slow
def test_thousand_files_with_fifty_bad(tmp_path: Path) -> None:
    root = tmp_path / "batch"
    root.mkdir()
    bad = _write_batch(root)
    db = tmp_path / "batch.db"

    first = _ingest(root, db)
    assert first.returncode == 1, first.stderr
    lines = [line for line in first.stderr.splitlines() if line.strip()]
    for path in bad:
        named = [line for line in lines if line.startswith(str(path))]
        assert len(named) == 1, (path, named)
        assert len(named[0]) > len(str(path)) + 5  # a reason follows the name

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == GOOD
        failed_paths = {row[0] for row in conn.execute("SELECT path FROM failures WHERE severity = 'error'")}
        assert failed_paths == {str(p) for p in bad}
        failures_before = conn.execute("SELECT count(*) FROM failures").fetchone()[0]

    second = _ingest(root, db)
    assert second.returncode == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == GOOD
        assert conn.execute("SELECT count(*) FROM document_versions").fetchone()[0] == GOOD
        assert conn.execute("SELECT count(*) FROM failures").fetchone()[0] == failures_before
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
