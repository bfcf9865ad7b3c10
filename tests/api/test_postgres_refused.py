"""The API is SQLite-only for now: asked to serve a PostgreSQL store it refuses at once, with one message."""

from __future__ import annotations

import pytest

from tacitus.api import create_app
from tacitus.errors import ConfigError
from tacitus.settings import Settings


@pytest.mark.parametrize("url", ["postgresql://u:p@127.0.0.1:1/db", "postgres://u@db.example/tacitus"])
def test_create_app_refuses_a_postgres_store(url: str) -> None:
    with pytest.raises(ConfigError, match="PostgreSQL store is not supported yet"):
        create_app(Settings(db=url))
