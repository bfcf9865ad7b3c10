"""Building the index: one builder at a time (file lock), atomic rename, no index at a stray path."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tacitus.cli.eval_geo import app as eval_app
from tacitus.cli.gazetteer import app
from tacitus.errors import ResolutionError
from tacitus.geo.gazetteer import Gazetteer, ensure_index
from tacitus.geo.index import IndexWriter, PlaceRow


def _small_sources(calls: list[int]) -> object:
    def load(writer: IndexWriter) -> None:
        calls.append(1)
        time.sleep(0.3)  # long enough for the second worker to arrive while the first builds
        writer.place(
            PlaceRow(
                key="geonames:99072",
                geonameid=99072,
                name="Mosul",
                lat=36.335,
                lon=43.119,
                feature_class="P",
                country="IQ",
                source="test",
            )
        )

    return load


def test_concurrent_workers_build_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr("tacitus.geo.gazetteer.load_packaged", _small_sources(calls))
    target = tmp_path / "index.sqlite"
    results: list[float | None] = []
    workers = [threading.Thread(target=lambda: results.append(ensure_index(target))) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(calls) == 1  # the second worker waited on the lock, then found the index
    assert sorted(r is None for r in results) == [False, True]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.sqlite", "index.sqlite.lock"]
    index = Gazetteer(target)
    assert index.lookup("Mosul")[0].geonameid == 99072
    index.close()


def test_explicit_missing_path_is_an_error_not_a_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A mistyped --gazetteer once left an 88 MB index in the working directory; now nothing is written.
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ResolutionError, match="gazetteer build --gazetteer dev"):
        Gazetteer.open(Path("dev"))
    assert list(tmp_path.iterdir()) == []


def test_cli_commands_refuse_a_missing_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["lookup", "Mosul", "--gazetteer", "dev"]).exit_code == 2
    assert runner.invoke(eval_app, ["geo", "--gazetteer", "dev", "--corpus", "lgl"]).exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_build_without_arguments_uses_the_default_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    monkeypatch.setattr("tacitus.geo.gazetteer.load_packaged", _small_sources(calls))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    result = CliRunner().invoke(app, ["build"])
    assert result.exit_code == 0, result.output
    assert "built" in result.output and " s (" in result.output
    built = [p.name for p in (tmp_path / "tacitus").iterdir() if p.suffix == ".sqlite"]
    assert len(built) == 1 and built[0].startswith("gazetteer-")

    again = CliRunner().invoke(app, ["build", "--if-missing"])
    assert again.exit_code == 0 and "not rebuilt" in again.output and len(calls) == 1
