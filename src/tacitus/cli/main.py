"""The ``tacitus`` command: each sub-command lives in its own module and is registered here."""

from __future__ import annotations

import typer

from tacitus.cli import (
    eval_attribution,
    eval_claims,
    eval_events,
    eval_geo,
    eval_link,
    eval_time,
)
from tacitus.cli import gazetteer as gazetteer_cli
from tacitus.cli import link as link_cli
from tacitus.cli import review as review_cli
from tacitus.cli.extract import extract
from tacitus.cli.ingest import ingest
from tacitus.cli.query import export, search, stats
from tacitus.cli.run import run
from tacitus.cli.serve import serve, token_app

app = typer.Typer(
    name="tacitus",
    help="Turn conflict news into evidence-linked incident data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command()(ingest)
app.command()(extract)
app.command()(search)
app.command()(export)
app.command()(stats)
app.command()(run)
app.command()(serve)
link_cli.register(app)

eval_app = typer.Typer(
    help="Measure extraction quality on the project's suites and public benchmarks.", no_args_is_help=True
)
for module in (eval_claims, eval_attribution, eval_events, eval_time, eval_geo, eval_link):
    eval_app.registered_commands.extend(module.app.registered_commands)
app.add_typer(eval_app, name="eval")
app.add_typer(gazetteer_cli.app, name="gazetteer", help="Build, extend and query the place index.")
app.add_typer(review_cli.app, name="review", help="Accept, edit or reject records; merge or split incidents.")
app.add_typer(token_app, name="token", help="Create, list and revoke API bearer tokens.")


def main() -> None:
    """Console-script entry point."""
    app()
