"""A real database built from the sample articles (once per session), copied for each test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tacitus.build import build_pipeline
from tacitus.link.linker import link
from tacitus.runner import ingest_paths
from tacitus.settings import Settings
from tacitus.store.sqlite import SQLiteRepository

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("review-db") / "examples.db"
    settings = Settings(db=str(path))
    with SQLiteRepository.open(path) as repo:
        run = repo.start_run("test", {}, {})
        ingest_paths([REPO / "examples"], settings, repo, build_pipeline(settings), run)
        repo.save_incidents(link(list(repo.iter_results())).incidents(), replace=True)
    return path


@pytest.fixture
def db(built_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "review.db"
    shutil.copyfile(built_db, copy)
    return copy


@pytest.fixture
def repo(db: Path) -> Iterator[SQLiteRepository]:
    with SQLiteRepository.open(db) as opened:
        yield opened
