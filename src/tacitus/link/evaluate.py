"""Evaluate incident linking and reconciliation on GVC and on the project's own link suite.

Why document-level: GVC and the suite give, for every document, the one incident it reports; the linker's
answer for a document is the incident of its primary mention. Scores are the clustering metrics of
:mod:`tacitus.link.metrics`; figures are each gold incident's reconciled killed/injured ``best`` against the
Gun Violence Archive record (the predicted incident that holds most of the gold incident's documents).

Pipeline output is cached as JSON Lines (one DocumentResult per line, keyed by the stage versions) because
running spaCy and every stage over 510 articles takes minutes and tuning needs many linking runs.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from tacitus.link.linker import IncidentLinker, LinkConfig, fit_text_model
from tacitus.link.metrics import ClusterScores, cluster_scores
from tacitus.model import Document, DocumentResult, Incident

log = logging.getLogger(__name__)

GVC_DIR = Path("datasets/incidents/gvc")
SUITE_DIR = Path(__file__).resolve().parents[3] / "tests" / "data" / "link_suite"


@dataclass(frozen=True)
class Corpus:
    """Documents with their gold incident, the split of each incident, and gold tolls per incident."""

    documents: list[Document]
    gold: dict[str, str]
    splits: dict[str, str] = field(default_factory=dict)
    killed: dict[str, int] = field(default_factory=dict)
    injured: dict[str, int] = field(default_factory=dict)
    conflicts: dict[str, list[str]] = field(default_factory=dict)

    def subset(self, splits: Iterable[str]) -> Corpus:
        wanted = set(splits)
        docs = [d for d in self.documents if self.splits.get(self.gold[d.id], "all") in wanted]
        ids = {d.id for d in docs}
        return replace(self, documents=docs, gold={k: v for k, v in self.gold.items() if k in ids})


def outlet_of_archived(url: str) -> str | None:
    """The original host of an archive.org URL (``.../web/<ts>/http://host/...``)."""
    tail = url.split("/http", 1)[1] if "/http" in url else url
    host = tail.split("//", 1)[1].split("/", 1)[0] if "//" in tail else ""
    return host.removeprefix("www.") or None


def load_gvc(shared: Path) -> Corpus:
    """Read GVC's documents, document->incident gold, splits and GVA tolls from ``shared``."""
    root = shared / GVC_DIR
    documents: list[Document] = []
    gold: dict[str, str] = {}
    with (root / "gvc_documents.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            documents.append(
                Document(
                    id=row["doc_id"],
                    text=row["content"] or "",
                    title=row.get("title") or None,
                    url=row.get("url") or None,
                    published=dt.date.fromisoformat(row["dct"]) if row.get("dct") else None,
                    source=outlet_of_archived(row.get("url") or ""),
                )
            )
            gold[row["doc_id"]] = str(row["gvc_incident_id"])
    splits: dict[str, str] = {}
    killed: dict[str, int] = {}
    injured: dict[str, int] = {}
    with (root / "gvc_incidents_gva.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            incident = str(row["incident_id"])
            splits[incident] = row["split"]
            killed[incident] = int(row["num_killed"])
            injured[incident] = int(row["num_injured"])
    documents.sort(key=lambda d: d.id)
    return Corpus(documents, gold, splits, killed, injured)


def load_suite(directory: Path = SUITE_DIR) -> Corpus:
    """The link suite: reports.jsonl ({id, url, source, published, title, text}) and gold.json."""
    documents = []
    with (directory / "reports.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            documents.append(
                Document(
                    id=row["id"],
                    text=row["text"],
                    title=row.get("title"),
                    url=row.get("url"),
                    published=dt.date.fromisoformat(row["published"]) if row.get("published") else None,
                    source=row.get("source"),
                )
            )
    gold = json.loads((directory / "gold.json").read_text(encoding="utf-8"))
    return Corpus(
        documents,
        {k: str(v) for k, v in gold["documents"].items()},
        killed={k: int(v) for k, v in gold.get("killed", {}).items()},
        conflicts={k: list(v) for k, v in gold.get("conflicts", {}).items()},
    )


def analyse_cached(
    documents: Sequence[Document],
    run: Callable[[Sequence[Document]], Iterable[DocumentResult]],
    cache: Path | None,
    versions: Mapping[str, str] | None = None,
) -> list[DocumentResult]:
    """Results for ``documents``: read from ``cache`` when made by the same stage versions, the pipeline
    run only over the documents the cache lacks; the cache is rewritten with the union, so a larger
    subset after a smaller one costs only the new documents. Returned in the order of ``documents``."""
    stamp = json.dumps(dict(sorted((versions or {}).items())))
    cached: dict[str, DocumentResult] = {}
    if cache is not None and cache.is_file():
        with gzip.open(cache, "rt", encoding="utf-8") as handle:
            if handle.readline().rstrip("\n") == stamp:
                for line in handle:
                    result = DocumentResult.model_validate_json(line)
                    cached[result.document.id] = result
        log.info("read %d cached results from %s", len(cached), cache)
    missing = [d for d in documents if d.id not in cached]
    if missing or cache is None:
        for result in run(missing):
            cached[result.document.id] = result
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_name(cache.name + ".tmp")
            with gzip.open(tmp, "wt", encoding="utf-8") as handle:
                handle.write(stamp + "\n")
                for key in sorted(cached):
                    handle.write(cached[key].model_dump_json() + "\n")
            tmp.replace(cache)
    return [cached[d.id] for d in documents if d.id in cached]


@dataclass(frozen=True)
class LinkEvaluation:
    """Clustering scores plus toll accuracy over the gold incidents that have a gold toll."""

    scores: ClusterScores
    killed_right: float | None
    injured_right: float | None
    incidents: list[Incident]
    document_incident: dict[str, str]
    killed_reported_right: float | None = None
    injured_reported_right: float | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            **self.scores.as_dict(),
            "killed_right": self.killed_right,
            "injured_right": self.injured_right,
            "killed_reported_right": self.killed_reported_right,
            "injured_reported_right": self.injured_reported_right,
        }


def link_corpus(results: Sequence[DocumentResult], config: LinkConfig | None = None) -> IncidentLinker:
    """Link a batch (IDF fitted on the batch itself, as ``tacitus link`` does over a database)."""
    linker = IncidentLinker(fit_text_model(results), config)
    linker.add_all(results)
    return linker


def _toll_accuracy(
    corpus: Corpus,
    doc_incident: Mapping[str, str],
    incidents: Mapping[str, Incident],
    kind: str,
    which: str = "best",
) -> float | None:
    """Share of gold incidents whose predicted incident's ``which`` figure (best or reported) equals the
    gold toll; no figure counts as 0, as in the Gun Violence Archive."""
    gold_tolls = corpus.killed if kind == "killed" else corpus.injured
    members: dict[str, list[str]] = {}
    for doc_id, incident in corpus.gold.items():
        members.setdefault(incident, []).append(doc_id)
    right = total = 0
    for gold_incident, docs in members.items():
        if gold_incident not in gold_tolls:
            continue
        total += 1
        votes = Counter(doc_incident[d] for d in docs if d in doc_incident)
        if not votes:
            continue
        predicted = incidents[min(votes, key=lambda k: (-votes[k], k))]
        figure = predicted.killed if kind == "killed" else predicted.injured
        value = getattr(figure, which) if figure is not None else None
        right += int((value if value is not None else 0) == gold_tolls[gold_incident])
    return right / total if total else None


def evaluate(
    corpus: Corpus, results: Sequence[DocumentResult], config: LinkConfig | None = None
) -> LinkEvaluation:
    """Link the corpus's results and score documents, tolls and incidents against the gold."""
    wanted = set(corpus.gold)
    batch = sorted((r for r in results if r.document.id in wanted), key=lambda r: r.document.id)
    linker = link_corpus(batch, config)
    incidents = {i.id: i for i in linker.incidents()}
    doc_incident = linker.incident_of_document()
    return LinkEvaluation(
        scores=cluster_scores(corpus.gold, doc_incident),
        killed_right=_toll_accuracy(corpus, doc_incident, incidents, "killed"),
        injured_right=_toll_accuracy(corpus, doc_incident, incidents, "injured"),
        incidents=sorted(incidents.values(), key=lambda i: i.id),
        document_incident=doc_incident,
        killed_reported_right=_toll_accuracy(corpus, doc_incident, incidents, "killed", "reported"),
        injured_reported_right=_toll_accuracy(corpus, doc_incident, incidents, "injured", "reported"),
    )


def tune_threshold(
    corpus: Corpus,
    results: Sequence[DocumentResult],
    thresholds: Sequence[float],
    base: LinkConfig | None = None,
    guard: tuple[Corpus, Sequence[DocumentResult]] | None = None,
    margin: float = 0.02,
) -> tuple[LinkConfig, list[tuple[float, float]]]:
    """Pick the threshold with the best CoNLL F1 (ties: the higher threshold, the safer choice).

    ``guard`` (the link suite) vetoes a threshold unless its partition is still perfect ``margin`` below
    it: GVC (US shootings, each in its own town) rewards low thresholds that would merge two bombings of
    one city and week in conflict reporting, so the suite keeps a safety margin.
    """
    base = base or LinkConfig()
    curve = []
    for threshold in thresholds:
        scores = evaluate(corpus, results, replace(base, threshold=threshold)).scores
        curve.append((threshold, scores.conll_f1))
    allowed = [
        (t, f1)
        for t, f1 in curve
        if guard is None
        or evaluate(guard[0], guard[1], replace(base, threshold=t - margin)).scores.pairwise.f1 >= 1.0
    ]
    best = max(allowed or curve, key=lambda tc: (round(tc[1], 6), tc[0]))[0]
    return replace(base, threshold=best), curve


def conflict_coverage(corpus: Corpus, evaluation: LinkEvaluation) -> tuple[int, int, list[str]]:
    """How many expected disagreements (gold incident, field) show up as a Conflict; lists the missed."""
    by_id = {i.id: i for i in evaluation.incidents}
    found = total = 0
    missed: list[str] = []
    for gold_incident, fields in sorted(corpus.conflicts.items()):
        docs = [d for d, g in corpus.gold.items() if g == gold_incident]
        predicted = {evaluation.document_incident[d] for d in docs if d in evaluation.document_incident}
        present = {c.field for p in predicted for c in by_id[p].conflicts}
        for field_name in fields:
            total += 1
            if field_name in present:
                found += 1
            else:
                missed.append(f"{gold_incident}:{field_name}")
    return found, total, missed
