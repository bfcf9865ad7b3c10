"""SIGKILL in the middle of a batch loses nothing that was committed and duplicates nothing on rerun."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

COUNT = 400


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0


@pytest.mark.slow
def test_sigkill_mid_batch_then_rerun(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(COUNT):
            text = (
                f"An air strike hit a house in district {i} on Tuesday, killing {i % 9 + 1} civilians, "
                f"residents said. The army said it was investigating report number {i}."
            )
            fh.write(json.dumps({"url": f"https://wire.example/{i}", "text": text}) + "\n")
    db = tmp_path / "crash.db"
    cmd = [
        sys.executable,
        "-m",
        "tacitus",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--quiet",
        "--batch-size",
        "4",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while _count(db) < 20 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed; raise COUNT"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = _count(db)
    assert 0 < stored < COUNT

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # Every committed document has its extraction rows: no half-stored document.
        orphans = conn.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.doc_id = d.id)"
        ).fetchone()[0]
        assert orphans == 0

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == COUNT
        assert conn.execute("SELECT count(DISTINCT url) FROM documents").fetchone()[0] == COUNT
        assert conn.execute("SELECT count(*) FROM document_versions").fetchone()[0] == COUNT
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
