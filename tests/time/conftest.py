"""Shared fixtures for the time tests: one spaCy pipeline per test session, the shared data directory."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tacitus.nlp.model_loader import load_model

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def nlp() -> Any:
    return load_model()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return Path(os.environ.get("TACITUS_SHARED", REPO.parent / "shared"))
