"""``tacitus review``: accept, edit or reject claims and events, merge or split incidents, read the audit.

Thin commands over :class:`tacitus.review.ReviewService`, the same operations the API's write endpoints
run. Records are named as ``<document id>:c<n>`` (claim) or ``<document id>:e<n>`` (event), as listed by
``tacitus show --json`` and the API. Results go to stdout as JSON; confirmations to stderr.
"""

from __future__ import annotations

import getpass
import json
from contextlib import closing
from typing import Annotated, Any

import typer

from tacitus.cli.console import err, out
from tacitus.errors import TacitusError
from tacitus.review.service import ReviewService, Verdict
from tacitus.store.sql import open_sql_repository

app = typer.Typer(
    help="Review extracted records and incidents; every change is audited.", no_args_is_help=True
)

DbOpt = Annotated[str, typer.Option("--db", help="SQLite database file or postgresql:// URL.")]
RefArg = Annotated[
    str, typer.Argument(help="<document id>:c<n> for a claim, <document id>:e<n> for an event.")
]
WhoOpt = Annotated[
    str | None, typer.Option("--who", help="Reviewer name for the audit (default: login name).")
]
WhyOpt = Annotated[str, typer.Option("--why", help="Reason, kept in the audit trail.")]


def _who(who: str | None) -> str:
    return who or getpass.getuser()


def _print(value: Any) -> None:
    out.print(json.dumps(value, ensure_ascii=False), markup=False)


def _run(db: str, action: str, job: Any) -> Any:
    try:
        with closing(open_sql_repository(db)) as repo:
            return job(ReviewService(repo))
    except (TacitusError, ValueError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc


def _verdict(
    db: str, ref: str, verdict: Verdict, who: str | None, why: str, changes: dict[str, Any] | None
) -> None:
    reviewed = _run(db, verdict, lambda s: s.review(ref, verdict, _who(who), why, changes))
    value = reviewed.value.model_dump(mode="json") if reviewed.value is not None else None
    _print({"ref": reviewed.ref, "key": reviewed.key, "status": reviewed.status, "value": value})
    err.print(f"{ref}: {reviewed.status}")


@app.command("accept")
def accept(ref: RefArg, db: DbOpt = "tacitus.db", who: WhoOpt = None, why: WhyOpt = "") -> None:
    """Accept a claim or event as extracted (it is pinned: re-extraction cannot change it silently)."""
    _verdict(db, ref, "accept", who, why, None)


@app.command("reject")
def reject(ref: RefArg, db: DbOpt = "tacitus.db", who: WhoOpt = None, why: WhyOpt = "") -> None:
    """Reject a claim or event: it leaves the lists, the map and incident reconciliation."""
    _verdict(db, ref, "reject", who, why, None)


@app.command("edit")
def edit(
    ref: RefArg,
    changes: Annotated[
        list[str],
        typer.Option("--set", help="FIELD=VALUE (VALUE parsed as JSON when it can be); repeatable."),
    ],
    db: DbOpt = "tacitus.db",
    who: WhoOpt = None,
    why: WhyOpt = "",
) -> None:
    """Edit fields of a claim or event, e.g. --set best=12 --set modality=alleged."""
    fields: dict[str, Any] = {}
    for change in changes:
        name, sep, raw = change.partition("=")
        if not sep or not name.strip():
            err.print(f"[red]error:[/red] --set needs FIELD=VALUE, got {change!r}")
            raise typer.Exit(2)
        try:
            fields[name.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            fields[name.strip()] = raw
    _verdict(db, ref, "edit", who, why, fields)


@app.command("merge")
def merge(
    first: Annotated[str, typer.Argument(help="Incident id.")],
    second: Annotated[str, typer.Argument(help="Incident id.")],
    db: DbOpt = "tacitus.db",
    who: WhoOpt = None,
    why: WhyOpt = "",
) -> None:
    """Merge two incidents that report one occurrence; figures are reconciled again."""
    merged = _run(db, "merge", lambda s: s.merge(first, second, _who(who), why))
    _print(merged.model_dump(mode="json"))
    err.print(f"merged {first} and {second} into {merged.id}")


@app.command("split")
def split(
    incident: Annotated[str, typer.Argument(help="Incident id.")],
    documents: Annotated[list[str], typer.Option("--document", help="Document to move out; repeatable.")],
    db: DbOpt = "tacitus.db",
    who: WhoOpt = None,
    why: WhyOpt = "",
) -> None:
    """Split documents off an incident into an incident of their own."""
    made = _run(db, "split", lambda s: s.split(incident, documents, _who(who), why))
    for item in made:
        _print(item.model_dump(mode="json"))
    err.print(f"split {incident} into {', '.join(i.id for i in made)}")


@app.command("audit")
def audit(
    db: DbOpt = "tacitus.db",
    target: Annotated[
        str | None, typer.Option(help="Only changes of this review key or incident id.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1)] = 1000,
) -> None:
    """Print the audit trail (who, when, what, before, after, why), oldest first, as JSON Lines."""
    entries = _run(db, "audit", lambda s: s.audit(target, limit))
    for entry in entries:
        _print(entry.model_dump(mode="json"))
    err.print(f"{len(entries)} changes")


@app.command("flags")
def flags(db: DbOpt = "tacitus.db") -> None:
    """List reviews the machine has moved away from since (changed or vanished values)."""
    found = _run(db, "flags", lambda s: s.flags())
    for item in found:
        _print(item)
    err.print(f"{len(found)} reviews to look at again")
