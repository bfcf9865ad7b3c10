"""The benchmark's table carries the CPU columns, and a worker run reports CPU seconds."""

from __future__ import annotations

from pathlib import Path

from tacitus.bench import markdown, run_mode, synthetic_texts, write_corpus


def test_worker_reports_cpu_seconds_and_table_has_the_cpu_ratio(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(list(synthetic_texts(3)), corpus)
    row = run_mode("spacy", corpus, batch_size=2)
    assert row["docs"] == 3 and row["cpu_s"] >= 0 and row["peak_rss_mb"] > 0
    row.update(corpus="synthetic", batch=2, x_spacy=1.0, x_spacy_cpu=1.0)
    table = markdown([row]).splitlines()
    assert "x spaCy (CPU)" in table[0] and "CPU s" in table[0]
    assert table[2].startswith("| synthetic | spacy | 2 | 3 |")
    assert len(table[0].split("|")) == len(table[2].split("|"))
