"""Scale benchmark: link 10k, 30k, 100k synthetic reports and record the time curve.

Why synthetic: the question is whether blocking keeps linking near-linear, which needs corpora far larger
than any labelled one. Reports are generated from invented incidents spread over a year and a grid of
places (several reports per incident, with random vocabulary), then linked incrementally. Run with
``python -m tacitus.link.bench 10000 30000 100000``; it prints one JSON line per size.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import time

from tacitus.link.duplicates import DuplicateIndex
from tacitus.link.linker import IncidentLinker, LinkConfig
from tacitus.link.text import TextModel
from tacitus.model import Document, DocumentResult, Event, Evidence, Place, TimeSpan

_SYLLABLES = [
    "ka",
    "ri",
    "mo",
    "sul",
    "tal",
    "ba",
    "di",
    "qa",
    "ra",
    "hi",
    "ja",
    "wa",
    "na",
    "zi",
    "lu",
    "fa",
]


def _word(rnd: random.Random) -> str:
    return "".join(rnd.choice(_SYLLABLES) for _ in range(rnd.randint(2, 4)))


def synthetic_results(n_reports: int, seed: int = 7, per_incident: int = 3) -> list[DocumentResult]:
    """``n_reports`` one-event reports of ``n_reports / per_incident`` invented incidents."""
    rnd = random.Random(seed)
    vocabulary = [_word(rnd) for _ in range(5000)]
    cells = [(30 + i * 0.5, 40 + j * 0.5) for i in range(20) for j in range(20)]
    start = dt.date(2017, 1, 1).toordinal()
    results: list[DocumentResult] = []
    incidents = max(1, n_reports // per_incident)
    for k in range(incidents):
        lat, lon = rnd.choice(cells)
        place = Place(
            name=f"town{k % 400}", geonameid=k % 400, lat=lat, lon=lon, country="IQ", admin1=f"{k % 18:02d}"
        )
        day = dt.date.fromordinal(start + rnd.randrange(365))
        words = rnd.sample(vocabulary, 25)
        for r in range(per_incident):
            text = " ".join(words[: 15 + r] + rnd.sample(vocabulary, 10)) + "."
            span = TimeSpan(start=day.isoformat(), end=day.isoformat(), precision="day", text=day.isoformat())
            event = Event(
                type="Battles",
                sub_type="Armed clash",
                date=span,
                place=place,
                evidence=Evidence(start=0, end=len(text), text=text),
            )
            doc = Document(
                id=f"s{k:07d}-{r}", text=text, source=f"outlet{r}", published=day + dt.timedelta(days=1)
            )
            results.append(DocumentResult(document=doc, events=[event]))
    return results[:n_reports]


def run(sizes: list[int]) -> list[dict[str, float]]:
    """Time linking (duplicate index included) for each size; returns one record per size."""
    rows = []
    for size in sizes:
        results = synthetic_results(size)
        model = TextModel.fit(r.document.text for r in results)
        linker = IncidentLinker(model, LinkConfig(), DuplicateIndex())
        began = time.perf_counter()
        linker.add_all(results)
        clusters = len(linker.clusters())
        seconds = time.perf_counter() - began
        rows.append(
            {
                "reports": size,
                "seconds": round(seconds, 2),
                "reports_per_second": round(size / seconds, 1),
                "comparisons": linker.comparisons,
                "clusters": clusters,
            }
        )
    return rows


def main(argv: list[str] | None = None) -> None:
    sizes = [int(a) for a in (argv if argv is not None else sys.argv[1:])] or [10_000, 30_000, 100_000]
    for row in run(sizes):
        sys.stdout.write(json.dumps(row) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
