"""Every command documents itself: ``--help`` works and says something."""

from __future__ import annotations

import typer
from typer.main import get_command
from typer.testing import CliRunner

from tacitus.cli.main import app


def _all_paths(command: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [prefix]
    commands = getattr(command, "commands", None)
    if isinstance(commands, dict):
        for name, sub in commands.items():
            paths.extend(_all_paths(sub, (*prefix, name)))
    return paths


def test_every_command_has_help() -> None:
    runner = CliRunner()
    paths = _all_paths(get_command(app))
    expected = {
        "ingest",
        "extract",
        "search",
        "export",
        "stats",
        "link",
        "incidents",
        "show",
        "eval",
        "gazetteer",
        "review",
        "token",
        "serve",
        "run",
    }
    assert expected <= {p[0] for p in paths if p}
    for path in paths:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Usage" in result.output
    assert isinstance(app, typer.Typer)
