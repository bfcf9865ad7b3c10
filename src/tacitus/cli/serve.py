"""``tacitus serve`` (the API and map page) and ``tacitus token`` (bearer tokens for writes).

Why loopback by default: the server holds analysts' review rights; exposing it on a network is a choice
made with ``--host``, ideally behind a TLS proxy. Tokens are printed once and stored only as hashes.
"""

from __future__ import annotations

import json
from contextlib import closing
from typing import TYPE_CHECKING, Annotated

import typer

from tacitus.cli.console import err, out
from tacitus.errors import TacitusError
from tacitus.settings import load_settings
from tacitus.store import POSTGRES_SCHEMES
from tacitus.store.sql import open_sql_repository
from tacitus.store.tokens import ROLES, create_token, list_tokens, revoke_token

if TYPE_CHECKING:
    from tacitus.store.sql import SqlRepository

DbOpt = Annotated[str, typer.Option("--db", help="SQLite database file or postgresql:// URL.")]

token_app = typer.Typer(help="Create, list and revoke API bearer tokens.", no_args_is_help=True)


def _open(db: str) -> SqlRepository:
    try:
        return open_sql_repository(db)
    except TacitusError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


def serve(
    db: DbOpt = "tacitus.db",
    host: Annotated[
        str, typer.Option(help="Interface to bind; 0.0.0.0 exposes the server to the network.")
    ] = ("127.0.0.1"),
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    protect_reads: Annotated[
        bool, typer.Option("--protect-reads", help="Require a token (any role) for reads too.")
    ] = False,
    max_body: Annotated[int, typer.Option(help="Largest request body in bytes (larger get 413).")] = 64
    * 1024,
    cors_origin: Annotated[
        list[str] | None, typer.Option(help="Origin allowed to call the API from a browser (repeatable).")
    ] = None,
    tile_url: Annotated[
        str | None,
        typer.Option(help="XYZ tile URL template for the map, e.g. http://localhost:8080/{z}/{x}/{y}.png"),
    ] = None,
) -> None:
    """Serve the JSON API, its OpenAPI spec (/openapi.json) and the map page (/) over one database.

    ``--db`` is a SQLite file or a ``postgresql://`` URL; both are served the same way.
    """
    import uvicorn

    from tacitus.api import ApiConfig, create_app

    _open(db).close()  # fail here, with a clear message, rather than on the first request
    shown = db
    if db.startswith(POSTGRES_SCHEMES):
        from tacitus.store.postgres import display_url

        shown = display_url(db)  # never the password
    settings = load_settings(overrides={"db": db})
    config = ApiConfig(
        open_reads=not protect_reads,
        max_body_bytes=max_body,
        cors_origins=tuple(cors_origin or ()),
        tile_url=tile_url,
    )
    if host not in {"127.0.0.1", "localhost", "::1"}:
        err.print(f"[yellow]warning:[/yellow] listening on {host}: anyone who can reach it can read the data")
    err.print(f"serving {shown} on http://{host}:{port}/ (API at /api, spec at /openapi.json)")
    uvicorn.run(create_app(settings, config=config), host=host, port=port, log_level="warning")


@token_app.command("create")
def create(
    name: Annotated[str, typer.Option(help="Who or what uses the token (recorded as 'who' in the audit).")],
    role: Annotated[str, typer.Option(help=f"One of {', '.join(ROLES)}.")] = "analyst",
    db: DbOpt = "tacitus.db",
) -> None:
    """Create a token and print it once; only its hash is stored."""
    with closing(_open(db)) as repo:
        try:
            info, secret = create_token(repo, name, role)
        except TacitusError as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(1) from exc
    err.print(f"token {info.name!r} ({info.role}) created; it is shown once, store it now:")
    out.print(secret, markup=False)


@token_app.command("list")
def list_command(db: DbOpt = "tacitus.db") -> None:
    """List tokens (names, roles, dates; never the secrets), one JSON object per line."""
    with closing(_open(db)) as repo:
        tokens = list_tokens(repo)
    for info in tokens:
        out.print(json.dumps(info.model_dump(mode="json"), ensure_ascii=False), markup=False)
    err.print(f"{len(tokens)} tokens")


@token_app.command("revoke")
def revoke(
    name: Annotated[str, typer.Argument(help="Name of the token to revoke.")], db: DbOpt = "tacitus.db"
) -> None:
    """Revoke a token by name; requests with it get 401 from then on."""
    with closing(_open(db)) as repo:
        done = revoke_token(repo, name)
    if not done:
        err.print(f"[red]error:[/red] no live token named {name!r}; see `tacitus token list`")
        raise typer.Exit(1)
    err.print(f"token {name!r} revoked")
