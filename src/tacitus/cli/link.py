"""``tacitus link``, ``tacitus incidents`` and ``tacitus show``: incidents across the stored reports.

Thin commands (parse, call, print): the linking and reconciliation live in :mod:`tacitus.link`. Data goes
to stdout (a table, or JSON with ``--json``); counts and warnings go to stderr.
"""

from __future__ import annotations

import json
from contextlib import closing
from dataclasses import replace
from typing import Annotated

import typer
from rich.table import Table

from tacitus.cli.console import err, out
from tacitus.errors import TacitusError
from tacitus.link.linker import IncidentLinker, LinkConfig, fit_text_model
from tacitus.link.reconcile import sourced_claims
from tacitus.link.state import restore, save_state, state_path
from tacitus.model import Figure, Incident
from tacitus.store.sqlite import SQLiteRepository

DbOpt = Annotated[str, typer.Option("--db", help="SQLite database file.")]


def _figure(figure: Figure | None) -> str:
    if figure is None or figure.best is None:
        return "-"
    low, high = figure.min, figure.max
    if low is None or high is None or low == high:
        return f"{figure.best:g}"
    reported = f", reported {figure.reported:g}" if figure.reported not in (None, figure.best) else ""
    return f"{low:g}-{high:g} (best {figure.best:g}{reported})"


def _incident_row(incident: Incident) -> dict[str, object]:
    return {
        "id": incident.id,
        "date": incident.date.start if incident.date else None,
        "place": incident.place.name if incident.place else None,
        "type": incident.type,
        "actors": incident.actors,
        "killed": incident.killed.model_dump() if incident.killed else None,
        "injured": incident.injured.model_dump() if incident.injured else None,
        "documents": len(incident.documents),
        "sources": incident.sources,
        "grading": incident.grading,
        "conflicts": [c.field for c in incident.conflicts],
    }


def _open(db: str) -> SQLiteRepository:
    try:
        return SQLiteRepository.open(db)
    except TacitusError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


def link_command(
    db: DbOpt = "tacitus.db",
    threshold: Annotated[
        float | None, typer.Option(help="Pairwise score needed to link two reports (default: tuned value).")
    ] = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full", help="Relink every document and refit the text model (ignore the saved link state)."
        ),
    ] = False,
) -> None:
    """Link the stored reports into incidents, reconcile their figures and save them.

    Incremental by default: documents linked before keep their incidents (state saved beside the
    database as FILE.link.json.gz) and only new documents are compared; a changed config, a re-extracted
    document or ``--full`` relinks everything.
    """
    config = LinkConfig() if threshold is None else replace(LinkConfig(), threshold=threshold)
    state = state_path(db)
    with closing(_open(db)) as repo:
        results = list(repo.iter_results())
        restored = None if full else restore(state, results, config)
        if restored is None:
            linker, fresh = IncidentLinker(fit_text_model(results), config), results
            mode = "full relink"
        else:
            linker, fresh = restored
            mode = "incremental"
        linker.add_all(fresh)
        incidents = linker.incidents()
        for doc_id, canonical, similarity in linker.duplicates.verdicts():
            repo.record_duplicate(doc_id, canonical, similarity)
        repo.save_incidents(incidents, replace=True)
    if state.parent.is_dir():
        save_state(linker, state)
    multi = sum(1 for i in incidents if len(i.documents) > 1)
    conflicts = sum(1 for i in incidents if i.conflicts)
    err.print(
        f"{mode}: {len(fresh)} new of {len(results)} documents; "
        f"{len(linker.mentions)} mentions in {len(incidents)} incidents: "
        f"{multi} reported by several documents, {conflicts} with conflicting sources, "
        f"{len(linker.duplicates.verdicts())} near-duplicate documents"
    )


def incidents_command(
    db: DbOpt = "tacitus.db",
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per incident (JSON Lines).")
    ] = False,
) -> None:
    """List the linked incidents: date, place, type, actors, killed, sources, conflicts."""
    with closing(_open(db)) as repo:
        incidents = list(repo.iter_incidents())
    if as_json:
        for incident in incidents:
            out.print(json.dumps(_incident_row(incident), ensure_ascii=False), markup=False)
        return
    table = Table("id", "date", "place", "type", "actors", "killed", "sources", "grading", "conflicts")
    for incident in incidents:
        table.add_row(
            incident.id,
            incident.date.start if incident.date and incident.date.start else "-",
            incident.place.name if incident.place else "-",
            incident.type or "-",
            ", ".join(incident.actors) or "-",
            _figure(incident.killed),
            str(incident.sources),
            incident.grading,
            ", ".join(c.field for c in incident.conflicts) or "-",
        )
    out.print(table)
    err.print(f"{len(incidents)} incidents")


def show_command(
    incident_id: Annotated[str, typer.Argument(help="Incident id (as listed by `tacitus incidents`).")],
    db: DbOpt = "tacitus.db",
    as_json: Annotated[
        bool, typer.Option("--json", help="The incident and its claims as one JSON object.")
    ] = False,
) -> None:
    """Show one incident: its reconciled figures, conflicts, and every claim with its evidence and source."""
    with closing(_open(db)) as repo:
        incident = next((i for i in repo.iter_incidents() if i.id == incident_id), None)
        if incident is None:
            err.print(f"[red]error:[/red] no incident {incident_id!r}; list them with `tacitus incidents`")
            raise typer.Exit(1)
        wanted = set(incident.documents)
        results = {r.document.id: r for r in repo.iter_results() if r.document.id in wanted}
    claims = sourced_claims(incident, results)
    if as_json:
        payload = {
            "incident": incident.model_dump(mode="json"),
            "claims": [
                {
                    "key": c.key,
                    "document": c.doc_id,
                    "outlet": c.outlet,
                    "source_type": c.source_type,
                    "claim": c.claim.model_dump(mode="json"),
                }
                for c in claims
            ],
        }
        out.print(json.dumps(payload, ensure_ascii=False), markup=False)
        return
    out.print(f"[bold]{incident.id}[/bold]  {incident.type or '-'} / {incident.sub_type or '-'}")
    day = incident.date.start if incident.date else "-"
    out.print(f"date: {day}  place: {incident.place.name if incident.place else '-'}", markup=False)
    out.print(f"killed: {_figure(incident.killed)}  injured: {_figure(incident.injured)}")
    kinds = ", ".join(incident.source_types)
    out.print(f"sources: {incident.sources} independent ({kinds}), {len(incident.documents)} documents")
    out.print(f"grading: {incident.grading} ({incident.grading_reason})", markup=False)
    for conflict in incident.conflicts:
        out.print(f"conflict on {conflict.field}: {'; '.join(conflict.values)}", markup=False)
    for c in claims:
        source = c.claim.source
        who = (
            ", ".join(x for x in (source.speaker, source.role, source.organization) if x)
            if source
            else "reporter"
        )
        count = c.claim.quantity_text or _figure(Figure(min=c.claim.min, max=c.claim.max, best=c.claim.best))
        out.print(
            f"- {c.key} ({c.outlet}): {c.claim.kind} {count}, {c.claim.modality};"
            f" source: {who} [{c.source_type}]",
            markup=False,
        )
        out.print(f"    evidence: {c.claim.evidence.text!r}", markup=False)


def register(app: typer.Typer) -> None:
    """Add ``link``, ``incidents`` and ``show`` to the main CLI."""
    app.command("link")(link_command)
    app.command("incidents")(incidents_command)
    app.command("show")(show_command)
