"""Check that the Dask engine stores exactly what the local engine stores, on a large synthetic batch.

``python -m tacitus.engines.compare [--docs 1000] [--workers 2] [--keep DIR]``. The engine tests compare
the two on the sample articles and a few dozen synthetic ones; this runs the same comparison at the size
the scale benchmark uses, where partitioning, completion order and per-worker model state have room to
make a difference. Each engine runs in its own subprocess (:mod:`tacitus.engines.bench`) into its own
SQLite file, then every stored document result (document, claims, events, quotes, places, actors, dates,
stage errors) is compared field by field. Stored results carry no run ids or timestamps, so nothing has
to be masked.

Exit status 0 when every record is equal, 1 otherwise; the report (markdown) goes to stdout.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tacitus.bench import synthetic_texts, worker_row, write_corpus
from tacitus.model import DocumentResult
from tacitus.store import open_repository

#: How many differing documents the report lists in detail.
SHOWN = 5


@dataclass
class Comparison:
    """The outcome of comparing two stores document by document."""

    left_docs: int = 0
    right_docs: int = 0
    equal: int = 0
    only_left: list[str] = field(default_factory=list)
    only_right: list[str] = field(default_factory=list)
    #: document id -> the DocumentResult fields that differ
    different: dict[str, list[str]] = field(default_factory=dict)
    records: Counter[str] = field(default_factory=Counter)

    @property
    def identical(self) -> bool:
        return not (self.only_left or self.only_right or self.different)


def _results(db: str) -> dict[str, dict[str, Any]]:
    with open_repository(db) as repo:
        return {result.document.id: result.model_dump(mode="json") for result in repo.iter_results()}


def compare_stores(left: str, right: str) -> Comparison:
    """Compare every stored result of two stores (SQLite paths or PostgreSQL URLs)."""
    a, b = _results(left), _results(right)
    out = Comparison(left_docs=len(a), right_docs=len(b))
    out.only_left = sorted(set(a) - set(b))
    out.only_right = sorted(set(b) - set(a))
    for doc_id in sorted(set(a) & set(b)):
        for name in DocumentResult.model_fields:
            if name != "document":
                out.records[name] += len(a[doc_id][name])
        if a[doc_id] == b[doc_id]:
            out.equal += 1
        else:
            out.different[doc_id] = [name for name in a[doc_id] if a[doc_id][name] != b[doc_id].get(name)]
    return out


def report(comparison: Comparison, left: str, right: str) -> str:
    """Markdown summary of a comparison."""
    c = comparison
    lines = [
        f"| store | documents |\n|---|---|\n| {left} | {c.left_docs} |\n| {right} | {c.right_docs} |",
        "",
        f"Documents in both with identical stored results: {c.equal}; differing: {len(c.different)}; "
        f"only in {left}: {len(c.only_left)}; only in {right}: {len(c.only_right)}.",
        "Records compared (per store): "
        + ", ".join(f"{name} {count}" for name, count in sorted(c.records.items())),
    ]
    for doc_id, fields in list(c.different.items())[:SHOWN]:
        lines.append(f"- {doc_id}: differs in {', '.join(fields)}")
    lines.append("")
    lines.append("IDENTICAL" if c.identical else "DIFFERENT")
    return "\n".join(lines)


def _run(config: str, corpus: Path, db: Path) -> dict[str, Any]:
    return worker_row("tacitus.engines.bench", config, "--corpus", str(corpus), "--db", str(db))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tacitus.engines.compare", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--docs", type=int, default=1000, help="synthetic articles (1000)")
    parser.add_argument("--workers", type=int, default=2, help="Dask worker processes (2)")
    parser.add_argument("--keep", type=Path, help="keep the corpus and both SQLite files in this directory")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        corpus = folder / "corpus.jsonl"
        write_corpus(list(synthetic_texts(args.docs)), corpus)
        dbs: dict[str, Path] = {}
        for config in ("local", f"dask-{args.workers}"):
            dbs[config] = folder / f"{config}.db"
            dbs[config].unlink(missing_ok=True)
            started = time.perf_counter()
            row = _run(config, corpus, dbs[config])
            print(
                f"{config}: {row['docs']} stored, {row['failed']} failed, "
                f"{time.perf_counter() - started:.0f} s",
                file=sys.stderr,
            )
        local, dask = (str(path) for path in dbs.values())
        comparison = compare_stores(local, dask)
        print(f"{args.docs} synthetic articles, local engine vs Dask with {args.workers} workers\n")
        print(report(comparison, Path(local).name, Path(dask).name))
    return 0 if comparison.identical else 1


if __name__ == "__main__":
    raise SystemExit(main())
