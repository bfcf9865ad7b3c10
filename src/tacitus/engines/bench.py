"""Scale benchmark: documents/s of the local engine against Dask with 1 and 2 workers.

``python -m tacitus.engines.bench [--docs 1000] [--db postgresql://...]``. Each configuration runs in a
fresh subprocess on the same synthetic batch (:func:`tacitus.bench.synthetic_texts`) into a fresh store, so
one does not warm another's caches. Start-up (cluster, model loading in every worker) is timed apart from
the run, which is what documents/s measures: start-up is paid once per run, the run grows with the archive.

The output is a markdown table (for docs/benchmarks/scale.md) and the projection for a 1-million-article
archive on N workers from the measured per-document cost.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tacitus.bench import synthetic_texts, worker_row, write_corpus

CONFIGS = ("local", "dask-1", "dask-2")
ARCHIVE = 1_000_000


def run_config(config: str, corpus: Path, db: str) -> dict[str, Any]:
    """Run one configuration in this process and return its measurements."""
    from tacitus.engines import open_engine
    from tacitus.settings import Settings
    from tacitus.store import open_repository

    engine_name, _, workers = config.partition("-")
    settings = Settings(db=db, quiet=True)
    started = time.perf_counter()
    with (
        open_repository(db) as repo,
        open_engine(engine_name, settings, workers=int(workers) if workers else None) as engine,
    ):
        ready = time.perf_counter()
        run_id = repo.start_run(f"bench {config}", {}, engine.versions)
        tally = engine.ingest([corpus], repo, run_id)
        done = time.perf_counter()
        repo.finish_run(run_id, dict(tally))
    stored = tally["inserted"] + tally["new_version"]
    seconds = done - ready
    return {
        "config": config,
        "docs": stored,
        "failed": tally["failed"],
        "start_s": round(ready - started, 1),
        "seconds": round(seconds, 1),
        "docs_per_s": round(stored / seconds, 1),
        "ms_per_doc": round(1000 * seconds / stored, 1),
    }


def projection(rows: list[dict[str, Any]], workers: tuple[int, ...] = (1, 2, 8, 32, 128)) -> str:
    """Hours for 1M articles on N workers: the 1-worker cost and the measured 2-worker scaling."""
    by = {row["config"]: row for row in rows}
    one = by["dask-1"]["ms_per_doc"] / 1000
    efficiency = by["dask-1"]["seconds"] / (2 * by["dask-2"]["seconds"]) if "dask-2" in by else 1.0
    lines = [
        f"Per-document cost on one worker: {one * 1000:.1f} ms; measured 2-worker efficiency on 2 cores: "
        f"{efficiency:.0%} (the driver shares those cores).",
        "",
        "| workers (1 core each) | hours, perfect scaling | hours, at the measured efficiency |",
        "|---|---|---|",
    ]
    for n in workers:
        ideal = ARCHIVE * one / n / 3600
        lines.append(f"| {n} | {ideal:.1f} | {ideal / (efficiency if n > 1 else 1.0):.1f} |")
    return "\n".join(lines)


def markdown(rows: list[dict[str, Any]]) -> str:
    """The results table."""
    lines = ["| config | docs | failed | start s | run s | docs/s | ms/doc |", "|" + "---|" * 7]
    for r in rows:
        lines.append(
            f"| {r['config']} | {r['docs']} | {r['failed']} | {r['start_s']} | {r['seconds']} | "
            f"{r['docs_per_s']} | {r['ms_per_doc']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tacitus.engines.bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--docs", type=int, default=1000, help="synthetic articles (1000)")
    parser.add_argument("--configs", default=",".join(CONFIGS), help="comma list of local, dask-N")
    parser.add_argument("--db", default="", help="store (default: a fresh SQLite file per config)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(run_config(args.worker, Path(args.corpus), args.db)))
        return 0
    if args.db and "," in args.configs:
        parser.error("--db takes one --configs value: a second run into the same store would skip everything")
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(list(synthetic_texts(args.docs)), corpus)
        for config in args.configs.split(","):
            db = args.db or str(Path(tmp) / f"{config}.db")
            rows.append(worker_row("tacitus.engines.bench", config, "--corpus", str(corpus), "--db", db))
            print(markdown(rows), file=sys.stderr)
    print(f"{args.docs} synthetic articles, {os.cpu_count()} CPUs\n")
    print(markdown(rows))
    if "dask-1" in {row["config"] for row in rows}:
        print()
        print(projection(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
