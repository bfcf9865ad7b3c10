"""Dump ``tacitus extract`` output on a fixed sample and compare it with a reference dump.

Why: speed work must not change a single output byte. ``dump DIR`` writes the sample corpora (examples/,
the two shared examples, the first 150 GVC and 100 LGL articles, 200 synthetic articles) and the JSONL
that ``tacitus extract`` prints for them; ``compare REF NEW`` reports the first differing documents.
The dumps are scratch files: keep them outside the repository.

Usage (from the worktree root, with PYTHONPATH=src)::

    python tools/perf_reference.py dump /tmp/perf_ref
    python tools/perf_reference.py dump /tmp/perf_new
    python tools/perf_reference.py compare /tmp/perf_ref /tmp/perf_new
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tacitus.bench import gvc_texts, lgl_texts, shared_dir, synthetic_texts, write_corpus

REPO = Path(__file__).resolve().parents[1]


def dump(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    corpus_dir = out.parent / "perf_corpus"  # one place, so document ids (from paths) match across dumps
    corpus_dir.mkdir(exist_ok=True)
    shared = shared_dir()
    corpora = {
        "gvc150.jsonl": list(gvc_texts(shared))[:150],
        "lgl100.jsonl": list(lgl_texts(shared))[:100],
        "synthetic200.jsonl": list(synthetic_texts(200)),
    }
    inputs = [str(REPO / "examples"), *sorted(str(p) for p in (shared / "examples").glob("*.txt"))]
    for name, texts in corpora.items():
        write_corpus(texts, corpus_dir / name)
        inputs.append(str(corpus_dir / name))
    tacitus = Path(sys.executable).with_name("tacitus")
    with (out / "extract.jsonl").open("w", encoding="utf-8") as fh:
        proc = subprocess.run([str(tacitus), "extract", "--format", "jsonl", "--quiet", *inputs], stdout=fh)
    print(f"exit {proc.returncode}; wrote {out / 'extract.jsonl'}", file=sys.stderr)


def compare(ref: Path, new: Path) -> int:
    a = (ref / "extract.jsonl").read_text(encoding="utf-8").splitlines()
    b = (new / "extract.jsonl").read_text(encoding="utf-8").splitlines()
    if len(a) != len(b):
        print(f"DIFFERENT: {len(a)} vs {len(b)} documents")
        return 1
    bad = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    for i in bad[:5]:
        x, y = json.loads(a[i]), json.loads(b[i])
        keys = [k for k in x if x.get(k) != y.get(k)]
        print(f"document {i}: differs in {keys}")
    print(f"{'IDENTICAL' if not bad else 'DIFFERENT'}: {len(a)} documents, {len(bad)} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    if sys.argv[1] == "dump":
        dump(Path(sys.argv[2]))
    else:
        raise SystemExit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
