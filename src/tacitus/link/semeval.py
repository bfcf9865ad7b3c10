"""SemEval-2018 Task 5 counting questions answered from linked incidents, checked against the GVA records.

The task (Postma, Ilievski & Vossen 2018) asks "how many incidents / how many people killed, in city X in
month Y" over a pool of news articles about US shootings. Its official question files are not available
(see the dataset README), so the questions are rebuilt from the material the task was made from: every
(city, state, month) of a Gun Violence Archive incident that has documents in the pool is a question; the
gold answers are the number of such GVA incidents and the sum of their ``num_killed``.

Answering uses only what Tacitus extracted: the documents go through the real pipeline, are linked into
incidents, and an incident answers a question when its reconciled place names the city (same name, and
the same state when the place carries one) and its date (else its earliest report's publication date)
falls in the month. Its killed ``best`` (ACLED's conservative figure; none counts as 0) is summed.

Why a deterministic subset: extraction runs at a few documents a second, so ``limit`` picks that many
questions by a hash of their key (stable across runs and machines) and takes *every* document of every
incident of those questions; documents of the other sampled questions are the distractors.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import re
import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tacitus.link.evaluate import outlet_of_archived
from tacitus.model import Document, DocumentResult, Incident, Place

SEMEVAL_DIR = Path("datasets/incidents/semeval2018_task5_gva")

#: Figures published for the task (README of the dataset). They are on the official test questions,
#: which are not available here, so they stand beside ours for context only.
PUBLISHED = {
    "NAI-SEA (Liu, Li & Si 2018) document-level F1, S1/S2/S3": [78.33, 50.52, 63.59],
}

Question = tuple[str, str, str]  # (city, state, "YYYY-MM")


@dataclass(frozen=True)
class GoldIncident:
    incident_id: str
    city: str
    state: str
    month: str
    killed: int


@dataclass(frozen=True)
class SemEvalCorpus:
    """Documents (one per doc id) and, per question, the gold incidents it counts."""

    documents: list[Document]
    questions: dict[Question, list[GoldIncident]]
    doc_incidents: dict[str, list[str]]


def _month_of_gva(date: str) -> str:
    return dt.datetime.strptime(date.strip(), "%B %d, %Y").strftime("%Y-%m")


def _sample_key(question: Question) -> str:
    return hashlib.sha1("|".join(question).encode("utf-8")).hexdigest()


def load_semeval(shared: Path, limit: int | None = None) -> SemEvalCorpus:
    """Read the pool and the GVA records; keep ``limit`` questions (all when ``None``) with their documents.

    Only GVA incidents that have at least one non-empty document are counted: a question's answer is what
    the pool can tell. Documents with empty content (failed crawls) are dropped.
    """
    root = shared / SEMEVAL_DIR
    docs_by_incident: dict[str, list[dict[str, str]]] = defaultdict(list)
    with gzip.open(root / "documents.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if (row.get("content") or "").strip():
                docs_by_incident[str(row["incident_id"])].append(row)
    questions: dict[Question, list[GoldIncident]] = defaultdict(list)
    with gzip.open(root / "gva_incidents.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            incident = str(row["incident_id"])
            if incident not in docs_by_incident:
                continue
            gold = GoldIncident(
                incident_id=incident,
                city=row["city_or_county"].strip(),
                state=row["state"].strip(),
                month=_month_of_gva(row["date"]),
                killed=int(row["num_killed"]),
            )
            questions[(gold.city, gold.state, gold.month)].append(gold)
    chosen = sorted(questions, key=_sample_key)
    if limit is not None:
        chosen = chosen[:limit]
    documents: dict[str, Document] = {}
    doc_incidents: dict[str, list[str]] = defaultdict(list)
    for question in chosen:
        for gold in questions[question]:
            for row in docs_by_incident[gold.incident_id]:
                doc_incidents[row["doc_id"]].append(gold.incident_id)
                documents.setdefault(row["doc_id"], _document(row))
    return SemEvalCorpus(
        documents=sorted(documents.values(), key=lambda d: d.id),
        questions={q: sorted(questions[q], key=lambda g: g.incident_id) for q in sorted(chosen)},
        doc_incidents=dict(doc_incidents),
    )


def _document(row: Mapping[str, str]) -> Document:
    return Document(
        id=row["doc_id"],
        text=row["content"],
        title=row.get("title") or None,
        url=row.get("url") or None,
        published=dt.date.fromisoformat(row["dct"]) if row.get("dct") else None,
        source=outlet_of_archived(row.get("url") or ""),
    )


def _norm(name: str | None) -> str:
    words = re.sub(r"[^\w\s]", " ", (name or "").casefold()).split()
    return " ".join("saint" if w in ("st", "ste") else w for w in words)


def city_names(city: str) -> set[str]:
    """The names a GVA "city_or_county" stands for: "Chicago (Englewood)" is Chicago or its neighbourhood
    Englewood, "Marion (county)" is Marion or Marion County."""
    head, _, tail = city.partition("(")
    head, tail = _norm(head), _norm(tail.rstrip(")"))
    if tail == "county":
        return {head, f"{head} county"}
    return {n for n in (head, tail) if n}


def _is_city(place: Place, city: str, state: str) -> bool:
    names = city_names(city)
    if _norm(place.name) not in names and _norm(place.admin2) not in names - {_norm(city.partition("(")[0])}:
        return False
    return not place.admin1 or _norm(place.admin1) == _norm(state)


def _is_coarse(place: Place, state: str) -> bool:
    """The place is an admin area of the city's state (the state itself, or a county: "Cook County" for
    Chicago) or the country: it says where only down to a unit that may hold the city."""
    code = place.feature_code or ""
    if code.startswith("PCL"):
        return True
    if place.admin1 and _norm(place.admin1) != _norm(state):
        return False
    name = _norm(place.name)
    return code.startswith("ADM") or name in {_norm(state), _norm(place.admin1), _norm(place.admin2)}


def place_answers(place: Place | None, city: str, state: str, document_places: Sequence[Place] = ()) -> bool:
    """The incident is in the question's city: its place is the city (in the city's state when the place
    says which), or its place is only an admin area of that state (the state, a county) and one of its
    reports names the city as a location.
    """
    if place is None:
        return False
    if _is_city(place, city, state):
        return True
    return _is_coarse(place, state) and any(
        p.role == "location" and _is_city(p, city, state) for p in document_places
    )


def incident_month(incident: Incident, published: Mapping[str, dt.date | None]) -> str | None:
    """The incident's month: its date when it has a full one, else its earliest report's publication."""
    start = incident.date.start if incident.date else None
    if start and re.match(r"^\d{4}-\d{2}", start):
        return start[:7]
    dates = sorted(d for d in (published.get(doc) for doc in incident.documents) if d is not None)
    return dates[0].strftime("%Y-%m") if dates else None


@dataclass(frozen=True)
class CountingScores:
    """Exact-match accuracy and mean absolute error of both answers over the questions."""

    questions: int
    documents: int
    incidents_exact: float
    incidents_mae: float
    killed_exact: float
    killed_mae: float
    #: Robust to the few answers where a year or a yearly city toll was read as an incident's killed.
    killed_median_ae: float
    both_exact: float
    gold_incidents: int
    predicted_incidents: int

    def as_dict(self) -> dict[str, object]:
        return {**self.__dict__, "published_for_context": PUBLISHED}


def answer(
    questions: Sequence[Question],
    incidents: Sequence[Incident],
    published: Mapping[str, dt.date | None],
    places: Mapping[str, Sequence[Place]] | None = None,
) -> dict[Question, tuple[int, int]]:
    """(incident count, killed total) per question, from the predicted incidents and the places their
    documents name (``places``: document id -> its resolved places)."""
    places = places or {}
    by_month: dict[str, list[Incident]] = defaultdict(list)
    for incident in incidents:
        month = incident_month(incident, published)
        if month is not None:
            by_month[month].append(incident)
    answers: dict[Question, tuple[int, int]] = {}
    for question in questions:
        city, state, month = question
        hits = [
            i
            for i in by_month.get(month, [])
            if place_answers(i.place, city, state, [p for d in i.documents for p in places.get(d, ())])
        ]
        killed = sum(int(i.killed.best or 0) if i.killed else 0 for i in hits)
        answers[question] = (len(hits), killed)
    return answers


def score_counting(
    corpus: SemEvalCorpus, incidents: Sequence[Incident], results: Sequence[DocumentResult] = ()
) -> tuple[CountingScores, dict[Question, tuple[int, int]]]:
    """Compare predicted answers with the gold ones for every question of the corpus (``results``: the
    linked documents' pipeline output, for the places they name)."""
    published = {d.id: d.published for d in corpus.documents}
    places = {r.document.id: r.places for r in results}
    predicted = answer(list(corpus.questions), incidents, published, places)
    n = len(corpus.questions) or 1
    inc_err = kill_err = inc_ok = kill_ok = both_ok = 0
    kill_errors: list[int] = []
    for question, golds in corpus.questions.items():
        count, killed = predicted[question]
        gold_count, gold_killed = len(golds), sum(g.killed for g in golds)
        inc_err += abs(count - gold_count)
        kill_err += abs(killed - gold_killed)
        kill_errors.append(abs(killed - gold_killed))
        inc_ok += count == gold_count
        kill_ok += killed == gold_killed
        both_ok += count == gold_count and killed == gold_killed
    scores = CountingScores(
        questions=len(corpus.questions),
        documents=len(corpus.documents),
        incidents_exact=round(inc_ok / n, 4),
        incidents_mae=round(inc_err / n, 4),
        killed_exact=round(kill_ok / n, 4),
        killed_mae=round(kill_err / n, 4),
        killed_median_ae=float(statistics.median(kill_errors)) if kill_errors else 0.0,
        both_exact=round(both_ok / n, 4),
        gold_incidents=sum(len(g) for g in corpus.questions.values()),
        predicted_incidents=len(incidents),
    )
    return scores, predicted
