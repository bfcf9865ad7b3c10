"""``tacitus eval geo``: geoparsing figures on LGL, GeoWebNews and GeoVirus."""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from tacitus.cli.console import err
from tacitus.geo.corpora import CORPORA, read_corpus
from tacitus.geo.evaluate import evaluate_gold, evaluate_ner, resolution_speed
from tacitus.geo.gazetteer import Gazetteer
from tacitus.geo.resolve import Resolver

app = typer.Typer(help="Evaluations.", no_args_is_help=True)


@app.callback()
def evaluations() -> None:
    """Benchmark evaluations (a group, so ``geo`` stays a named subcommand)."""


def shared_dir(repo: Path | None = None) -> Path:
    """$TACITUS_SHARED, else the ``shared`` directory next to the repository."""
    if os.environ.get("TACITUS_SHARED"):
        return Path(os.environ["TACITUS_SHARED"])
    return (repo or Path(__file__).resolve().parents[3]).parent / "shared"


@app.command()
def geo(
    corpus: Annotated[
        list[str] | None, typer.Option("--corpus", "-c", help=f"One of {', '.join(CORPORA)}.")
    ] = None,
    mode: Annotated[
        str, typer.Option(help="gold (toponyms given), ner (spaCy finds them) or both.")
    ] = "both",
    gazetteer: Annotated[
        Path | None,
        typer.Option(
            "--gazetteer",
            "-g",
            exists=True,
            dir_okay=False,
            help="An existing index file (default: the packaged index in the user cache dir).",
        ),
    ] = None,
    shared: Annotated[Path | None, typer.Option(help="Shared data dir (default $TACITUS_SHARED).")] = None,
    every: Annotated[int, typer.Option(help="Use every n-th article (deterministic sample).")] = 1,
) -> None:
    """Score toponym recognition and resolution; prints one JSON line per corpus and mode."""
    if mode not in {"gold", "ner", "both"}:
        raise typer.BadParameter("mode must be gold, ner or both")
    base = shared or shared_dir()
    resolver = Resolver(Gazetteer.open(gazetteer))
    nlp = None
    for name in corpus or list(CORPORA):
        try:
            articles = read_corpus(name, base)[:: max(1, every)]
        except (OSError, ValueError) as exc:
            err.print(f"skipping {name}: {exc}")
            continue
        if mode in {"gold", "both"}:
            typer.echo(json.dumps(asdict(evaluate_gold(name, articles, resolver))))
        if mode in {"ner", "both"}:
            if nlp is None:
                from tacitus.nlp.model_loader import load_model

                nlp = load_model(patterns=tuple(resolver.gazetteer.patterns()))
            typer.echo(json.dumps(asdict(evaluate_ner(name, articles, resolver, nlp))))


@app.command("geo-speed")
def geo_speed(
    corpus: Annotated[
        list[str] | None, typer.Option("--corpus", "-c", help=f"One of {', '.join(CORPORA)}.")
    ] = None,
    gazetteer: Annotated[
        Path | None,
        typer.Option("--gazetteer", "-g", exists=True, dir_okay=False, help="An existing index file."),
    ] = None,
    shared: Annotated[Path | None, typer.Option(help="Shared data dir (default $TACITUS_SHARED).")] = None,
) -> None:
    """Toponym resolutions/s (gold toponyms): cold, new documents after warm-up, fully warm.

    Each corpus gets a freshly opened index, so its cold figure is cold; one JSON line per corpus.
    """
    base = shared or shared_dir()
    for name in corpus or list(CORPORA):
        try:
            articles = read_corpus(name, base)
        except (OSError, ValueError) as exc:
            err.print(f"skipping {name}: {exc}")
            continue
        opened = Gazetteer.open(gazetteer)
        try:
            typer.echo(json.dumps(asdict(resolution_speed(name, articles, Resolver(opened)))))
        finally:
            opened.close()
