"""Shared fixtures: where the benchmark data and the real example articles live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """``$TACITUS_SHARED``, else the ``shared`` folder beside the repository (as CI lays it out)."""
    env = os.environ.get("TACITUS_SHARED")
    return Path(env) if env else REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if not path.is_dir():
        pytest.skip(f"shared data not found at {path}")
    return path


@pytest.fixture(scope="session")
def real_examples(shared: Path) -> list[Path]:
    """The two real articles of ../shared/examples (skip when absent)."""
    files = sorted((shared / "examples").glob("*.txt"))
    if not files:
        pytest.skip("no real example articles in shared/examples")
    return files


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    """The project's own sample articles."""
    return REPO / "examples"
