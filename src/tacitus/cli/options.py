"""Options shared by several commands, and the one place they become a Settings object."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from tacitus.errors import ConfigError
from tacitus.settings import FieldMap, Settings, load_settings

DbOption = Annotated[str | None, typer.Option("--db", help="SQLite database file (default tacitus.db).")]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="TOML settings file (default ./tacitus.toml if present).")
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no summary on stderr.")]


def parse_date(value: str | None) -> dt.date | None:
    """Parse a --published value; the CLI names the valid form when it is wrong."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from exc


def resolve_settings(config: Path | None, **overrides: Any) -> Settings:
    """Defaults, then the TOML file, then TACITUS_* variables, then the flags given."""
    fields = overrides.pop("fields", None)
    try:
        settings = load_settings(config_file=config, overrides=overrides)
    except ConfigError as exc:
        raise typer.BadParameter(str(exc)) from exc
    if fields:
        merged = settings.fields.model_dump() | {k: v for k, v in fields.items() if v}
        settings = settings.model_copy(update={"fields": FieldMap(**merged)})
    return settings
