"""``tacitus gazetteer`` and ``tacitus eval geo`` through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tacitus.cli.eval_geo import app as eval_app
from tacitus.cli.gazetteer import app
from tacitus.geo.curated import packaged_curated
from tacitus.geo.gazetteer import Gazetteer, prune_cache
from tacitus.geo.index import IndexWriter, PlaceRow, connect
from tacitus.geo.sources import load_curated

runner = CliRunner()


@pytest.fixture
def index(tmp_path: Path) -> Path:
    path = tmp_path / "cli.sqlite"
    connect(path).close()
    return path


def test_every_command_has_help() -> None:
    for command in ("load", "add", "build", "lookup"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output
    assert runner.invoke(eval_app, ["geo", "--help"]).exit_code == 0


def test_load_then_lookup_prints_json_lines(index: Path, geonames_files: dict[str, Path]) -> None:
    result = runner.invoke(
        app,
        [
            "load",
            str(geonames_files["IQ.zip"]),
            str(geonames_files["admin1CodesASCII.txt"]),
            "--gazetteer",
            str(index),
        ],
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["lookup", "Mosul", "--gazetteer", str(index)])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["geonameid"] == 99072 and rows[0]["feature_code"] == "PPLA"


def test_add_csv(index: Path, geonames_files: dict[str, Path], tmp_path: Path) -> None:
    runner.invoke(app, ["load", str(geonames_files["IQ.txt"]), "--gazetteer", str(index)])
    csv = tmp_path / "add.csv"
    csv.write_text(
        "name,aliases,lat,lon,parent geonameid,feature code\nQayyarah Airfield West,Q-West,"
        "35.77,43.12,99072,AIRB\n",
        encoding="utf-8",
    )
    assert runner.invoke(app, ["add", str(csv), "--gazetteer", str(index)]).exit_code == 0
    result = runner.invoke(app, ["lookup", "Q-West", "--gazetteer", str(index)])
    assert json.loads(result.stdout.splitlines()[0])["key"] == "tacitus:qayyarah-airfield-west"


def test_load_missing_file_fails_cleanly(index: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["load", str(tmp_path / "nope.zip"), "--gazetteer", str(index)])
    assert result.exit_code == 1


def test_build_writes_the_index_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The real sources take ~30 s (the golden tests build them once per session); here the build
    # machinery and the command run over a small source: one GeoNames row and the curated CSV.
    def small_sources(writer: IndexWriter) -> None:
        writer.place(
            PlaceRow(
                key="geonames:99072",
                geonameid=99072,
                name="Mosul",
                lat=36.335,
                lon=43.119,
                feature_class="P",
                country="IQ",
                admin1="15",
                source="test",
            )
        )
        load_curated(writer, packaged_curated())

    monkeypatch.setattr("tacitus.geo.gazetteer.load_packaged", small_sources)
    target = tmp_path / "built.sqlite"
    result = runner.invoke(app, ["build", "--gazetteer", str(target)])
    assert result.exit_code == 0, result.output
    # No temporary file left; the lock file stays (deleting it would race with a waiting builder).
    assert sorted(p.name for p in tmp_path.iterdir()) == ["built.sqlite", "built.sqlite.lock"]
    built = Gazetteer(target)
    assert built.lookup("Zanjali")[0].parent == "geonames:99072"
    assert float(built.meta()["build_seconds"]) >= 0
    built.close()


def test_prune_cache_keeps_current_and_fresh_builds(tmp_path: Path) -> None:
    import os

    current = tmp_path / "gazetteer-7-aaaa.sqlite"
    lock = tmp_path / "gazetteer-7-aaaa.sqlite.lock"
    old = tmp_path / "gazetteer-6-bbbb.sqlite"
    building = tmp_path / "gazetteer-7-aaaa.sqlite.x1.tmp"
    orphan = tmp_path / "gazetteer-7-aaaa.sqlite.x2.tmp"
    for path in (current, lock, old, building, orphan):
        path.write_bytes(b"")
    os.utime(orphan, (0, 0))
    prune_cache(current)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([current.name, lock.name, building.name])
