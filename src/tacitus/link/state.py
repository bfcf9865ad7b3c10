"""Persisted linker state, so ``tacitus link`` attaches new documents without re-clustering the database.

What is kept, and why it is enough: the linker's pairwise decision is a pure function of two mentions and
the frozen text model, and incidents are connected components. So the union-find forest over mention keys,
the frozen IDF and the config fully determine the incidents of the documents already linked; a new
document needs only its own candidate comparisons. Mentions, vectors and indexes are recomputed from the
stored results (linear, no pair comparisons). The state is a gzip JSON file beside the database.

When it is stale (another config, or re-extraction changed the mentions of a linked document), the
caller relinks everything; ``tacitus link --full`` also refits the IDF, which drifts as the vocabulary
of new documents (unseen words get the largest IDF) grows.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import logging
from collections.abc import Iterable
from pathlib import Path

from tacitus.link.linker import IncidentLinker, LinkConfig
from tacitus.link.text import TextModel
from tacitus.model import DocumentResult

log = logging.getLogger(__name__)

FORMAT = 1


def state_path(db: str | Path) -> Path:
    """``tacitus.db`` -> ``tacitus.db.link.json.gz``."""
    path = Path(db)
    return path.with_name(path.name + ".link.json.gz")


def save_state(linker: IncidentLinker, path: Path) -> None:
    """Write the config, the frozen text model and the union-find forest (atomically: temp + rename)."""
    payload = {
        "format": FORMAT,
        "config": dataclasses.asdict(linker.config),
        "idf": dict(sorted(linker.text_model.idf.items())),
        "documents": linker.text_model.documents,
        "docs": sorted(linker.results),
        "parent": {key: linker.cluster_of(key) for key in sorted(linker.mentions)},
    }
    tmp = path.with_name(path.name + ".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8") as handle:
        json.dump(payload, handle)
    tmp.replace(path)


def restore(
    path: Path, results: Iterable[DocumentResult], config: LinkConfig
) -> tuple[IncidentLinker, list[DocumentResult]] | None:
    """Rebuild the linker from ``path`` over the stored results; returns it and the results not yet
    linked, or ``None`` when there is no usable state (absent, other format or config, changed mentions).
    """
    if not path.is_file():
        return None
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            payload = json.load(handle)
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable link state %s: %s", path, exc)
        return None
    if payload.get("format") != FORMAT or payload.get("config") != dataclasses.asdict(config):
        log.info("link state %s was made with another format or config: relinking", path)
        return None
    model = TextModel(idf=payload["idf"], documents=int(payload["documents"]))
    linker = IncidentLinker(model, config)
    known = set(payload["docs"])
    parent: dict[str, str] = payload["parent"]
    fresh: list[DocumentResult] = []
    for result in sorted(results, key=lambda r: r.document.id):
        if result.document.id in known:
            linker.restore_document(result)
        else:
            fresh.append(result)
    if set(linker.mentions) != set(parent) or len(linker.results) != len(known):
        log.info("stored documents changed since the last link: relinking")
        return None
    linker.restore_forest(parent)
    return linker, fresh
