"""Local and Dask engines on the same inputs: same stored records, failures per document, idempotent reruns.

The Dask run uses a real LocalCluster (processes, 2 workers, 1 thread each) with the real pipeline; the
inputs are the project's sample articles plus a small synthetic batch (tacitus.bench.synthetic_texts).
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from tacitus.bench import synthetic_texts, write_corpus
from tacitus.engines import LocalEngine, open_engine
from tacitus.engines.base import Driver
from tacitus.engines.dask_engine import DaskEngine, partitions
from tacitus.errors import ConfigError
from tacitus.model import Document, DocumentResult
from tacitus.settings import Settings
from tacitus.store import SQLiteRepository

SYNTHETIC = 24


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> list[Path]:
    """The sample articles, a synthetic batch and one unreadable file."""
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(list(synthetic_texts(SYNTHETIC)), folder / "synthetic.jsonl")
    (folder / "broken.json").write_text('{"text": "unterminated', encoding="utf-8")
    return [sample_dir, folder]


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings(quiet=True)


@pytest.fixture(scope="module")
def local_run(
    tmp_path_factory: pytest.TempPathFactory, corpus: list[Path], settings: Settings
) -> tuple[Path, Counter[str]]:
    db = tmp_path_factory.mktemp("local") / "local.db"
    with LocalEngine(settings) as engine, SQLiteRepository.open(db) as repo:
        run_id = repo.start_run("run --engine local", {}, engine.versions)
        tally = engine.ingest(corpus, repo, run_id)
    return db, tally


@pytest.fixture(scope="module")
def dask_engine(settings: Settings) -> Iterator[DaskEngine]:
    with DaskEngine(settings, workers=2, partition_size=8) as engine:
        yield engine


def _results(db: Path) -> list[DocumentResult]:
    with SQLiteRepository.open(db) as repo:
        return sorted(repo.iter_results(), key=lambda result: result.document.id)


def test_dask_run_stores_the_same_records_as_the_local_run(
    tmp_path: Path, corpus: list[Path], local_run: tuple[Path, Counter[str]], dask_engine: DaskEngine
) -> None:
    local_db, local_tally = local_run
    db = tmp_path / "dask.db"
    with SQLiteRepository.open(db) as repo:
        run_id = repo.start_run("run --engine dask", {}, dask_engine.versions)
        tally = dask_engine.ingest(corpus, repo, run_id)
        failures = list(repo.iter_failures())
        counts = repo.counts()
    assert tally["inserted"] == local_tally["inserted"] >= SYNTHETIC + 3
    assert (tally["read"], tally["failed"]) == (local_tally["read"], local_tally["failed"])
    assert tally["failed"] >= 1 and any(f.path.endswith("broken.json") for f in failures)
    dask_results, local_results = _results(db), _results(local_db)
    assert dask_results == local_results
    assert counts["claims"] > 0 and counts["events"] > 0
    for result in dask_results:  # every stated fact still quotes its document exactly
        for claim in result.claims:
            assert result.document.text[claim.evidence.start : claim.evidence.end] == claim.evidence.text

    with SQLiteRepository.open(db) as repo:  # a rerun analyses nothing and stores nothing new
        again = dask_engine.ingest(corpus, repo, repo.start_run("run --engine dask", {}, {}))
        assert repo.counts() == counts | {"runs": counts["runs"] + 1}
    assert again["unchanged"] == again["read"] and again["inserted"] == 0


def test_engines_report_the_same_pipeline_versions(
    local_run: tuple[Path, Counter[str]], dask_engine: DaskEngine, settings: Settings
) -> None:
    with SQLiteRepository.open(local_run[0]) as repo:
        stored = repo.connection().execute("SELECT stage_versions FROM runs").fetchone()[0]
    assert '"nlp.spacy"' in stored
    assert set(dask_engine.versions) >= {"nlp.spacy", "extract.claims", "extract.events"}


def test_a_lost_partition_is_recorded_per_document(tmp_path: Path, dask_engine: DaskEngine) -> None:
    docs = [Document(id=f"d{i}", text=f"Text {i}.", path=f"in/{i}.txt") for i in range(3)]
    with SQLiteRepository.open(tmp_path / "lost.db") as repo:
        driver = Driver(repo, repo.start_run("run", {}, {}))
        future = dask_engine.client.submit(operator.truediv, 1, 0)
        dask_engine._collect(future, {future: docs}, driver)
        failures = list(repo.iter_failures())
    assert driver.tally["failed"] == 3
    assert [f.path for f in failures] == ["in/0.txt", "in/1.txt", "in/2.txt"]
    assert all(f.stage == "engine" and "ZeroDivisionError" in f.problem for f in failures)


def test_partitions_are_consecutive_and_lazy() -> None:
    docs = (Document(id=str(i), text="x") for i in range(7))
    assert [[d.id for d in part] for part in partitions(docs, 3)] == [["0", "1", "2"], ["3", "4", "5"], ["6"]]


def test_bad_engine_settings_are_refused(settings: Settings) -> None:
    with pytest.raises(ConfigError, match="unknown engine"):
        open_engine("spark", settings)
    with pytest.raises(ConfigError, match="at least 1"):
        DaskEngine(settings, workers=0)
