"""Scale benchmark: link 10k, 30k, 100k synthetic reports and record the time curve.

Why synthetic: the question is whether linking stays near-linear, which needs corpora far larger than any
labelled one. Why this generator: a real feed grows by covering more days (and places), not by packing
more incidents into the same days, so the generator holds the *density* constant and lets the span grow
with the corpus. Its numbers come from real data (docs/benchmarks/link.md gives the sources):

- ``INCIDENTS_PER_CELL_DAY = 3``: incidents per first-level admin unit (state, governorate) per day. The
  Gun Violence Archive, the registry behind GVC and SemEval-2018 Task 5, records about 61,000 US
  incidents a year over 51 states and DC: 61,000 / 365 / 51 = 3.3 per state-day; a linker that reads a
  full registry-grade feed sees that density. 18 cells (Iraq's governorates) make 54 incidents a day.
- Reports per incident follow the SemEval-2018 Task 5 pool (3,659 incidents: 1 report 55%, 2 28%, 3
  11%, 4 3.4%, 5+ 2.8%).
- Each incident has its own names (victim, street: words no other incident uses) and common words drawn
  from a Zipf vocabulary; 15% of reports resolve no date and 10% no place, as extraction leaves them.

``--dense`` runs the earlier generator (:func:`packed_results`: every size in one year and 400 places, so
density grows with N) to show that the candidate index stays robust when blocks do get dense. Run with
``python -m tacitus.link.bench [--dense] 10000 30000 100000``; each size runs in a fresh process (so its
peak memory is its own) and prints one JSON line.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import math
import multiprocessing
import random
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor

from tacitus.link.duplicates import DuplicateIndex
from tacitus.link.linker import IncidentLinker, LinkConfig
from tacitus.link.text import TextModel
from tacitus.model import Document, DocumentResult, Event, Evidence, Place, TimeSpan

INCIDENTS_PER_CELL_DAY = 3.0
CELLS = 18
TOWNS_PER_CELL = 25
#: Reports per incident (1, 2, 3, 4, 5, 6, 7+) in the SemEval-2018 Task 5 pool: 2022, 1023, 397, 125, 47,
#: 20 and 25 of its 3,659 incidents.
REPORTS_PER_INCIDENT = ((1, 2022), (2, 1023), (3, 397), (4, 125), (5, 47), (6, 20), (8, 25))
UNDATED_SHARE = 0.15
UNPLACED_SHARE = 0.10

_SYLLABLES = [
    *("ka", "ri", "mo", "sul", "tal", "ba", "di", "qa"),
    *("ra", "hi", "ja", "wa", "na", "zi", "lu", "fa"),
]


def _word(rnd: random.Random) -> str:
    return "".join(rnd.choice(_SYLLABLES) for _ in range(rnd.randint(2, 4)))


def _name(number: int, salt: int) -> str:
    """A word no other incident uses: the number spelled in syllables (plus a salt syllable)."""
    out = [_SYLLABLES[salt % 16], "x"]
    while True:
        number, digit = divmod(number, 16)
        out.append(_SYLLABLES[digit])
        if not number:
            return "".join(out)


class _Zipf:
    """Common words with Zipf frequencies (rank r drawn with weight 1/r), as in any news vocabulary."""

    def __init__(self, rnd: random.Random, size: int = 20_000) -> None:
        self.words = [_word(rnd) for _ in range(size)]
        self.cum: list[float] = []
        total = 0.0
        for rank in range(1, size + 1):
            total += 1.0 / rank
            self.cum.append(total)

    def sample(self, rnd: random.Random, k: int) -> list[str]:
        top = self.cum[-1]
        return [self.words[bisect.bisect_left(self.cum, rnd.random() * top)] for _ in range(k)]


def _reports_per_incident(rnd: random.Random) -> int:
    counts, weights = zip(*REPORTS_PER_INCIDENT, strict=True)
    return int(rnd.choices(counts, weights=weights)[0])


def synthetic_results(n_reports: int, seed: int = 7) -> list[DocumentResult]:
    """``n_reports`` one-event reports of invented incidents, at constant density per cell-day."""
    rnd = random.Random(seed)
    zipf = _Zipf(rnd)
    mean_reports = sum(c * w for c, w in REPORTS_PER_INCIDENT) / sum(w for _, w in REPORTS_PER_INCIDENT)
    incidents = n_reports / mean_reports
    days = max(1, math.ceil(incidents / (CELLS * INCIDENTS_PER_CELL_DAY)))
    cells, towns = CELLS, TOWNS_PER_CELL
    grid = [
        [(30 + c % 6 * 1.5 + t % 5 * 0.2, 40 + c // 6 * 1.5 + t // 5 * 0.2) for t in range(towns)]
        for c in range(cells)
    ]
    start = dt.date(2017, 1, 1).toordinal()
    results: list[DocumentResult] = []
    k = 0
    while len(results) < n_reports:
        cell, town = rnd.randrange(cells), rnd.randrange(towns)
        lat, lon = grid[cell][town]
        place = Place(
            name=f"town{cell}x{town}",
            geonameid=cell * 1000 + town,
            lat=lat,
            lon=lon,
            country="IQ",
            admin1=f"{cell:02d}",
        )
        day = dt.date.fromordinal(start + rnd.randrange(days))
        names = [_name(k, salt) for salt in range(3)]
        words = zipf.sample(rnd, 25)
        for r in range(_reports_per_incident(rnd)):
            text = " ".join(rnd.sample(names, 2) + words[: 15 + r] + zipf.sample(rnd, 10)) + "."
            dated = rnd.random() >= UNDATED_SHARE
            span = TimeSpan(start=day.isoformat(), end=day.isoformat(), precision="day", text=day.isoformat())
            event = Event(
                type="Battles",
                sub_type="Armed clash",
                date=span if dated else None,
                place=place if rnd.random() >= UNPLACED_SHARE else None,
                evidence=Evidence(start=0, end=len(text), text=text),
            )
            published = day + dt.timedelta(days=rnd.randint(0, 2))
            doc = Document(id=f"s{k:07d}-{r}", text=text, source=f"outlet{r}", published=published)
            results.append(DocumentResult(document=doc, events=[event]))
        k += 1
    return results[:n_reports]


def packed_results(n_reports: int, seed: int = 7, per_incident: int = 3) -> list[DocumentResult]:
    """The earlier generator, kept to test dense blocks: every size in one year and 400 places, three
    reports per incident, 5,000 random words (so reports per block grow with ``n_reports``)."""
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


def run_one(size: int, dense: bool = False) -> dict[str, float]:
    """Generate and link ``size`` reports; time the linking (duplicate index included), as wall-clock
    and as CPU seconds of the process (the figure to compare on a shared, loaded machine)."""
    results = packed_results(size) if dense else synthetic_results(size)
    model = TextModel.fit(r.document.text for r in results)
    input_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    linker = IncidentLinker(model, LinkConfig(), DuplicateIndex())
    began, cpu_began = time.perf_counter(), time.process_time()
    linker.add_all(results)
    clusters = len(linker.clusters())
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu_began
    days = len({r.document.published for r in results})
    return {
        "reports": size,
        "dense": dense,
        "days": days,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "reports_per_second": round(size / seconds, 1),
        "comparisons": linker.comparisons,
        "comparisons_per_report": round(linker.comparisons / size, 2),
        "clusters": clusters,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "input_rss_mb": round(input_rss, 1),  # after generating the reports, before linking
    }


def run(sizes: list[int], dense: bool = False) -> list[dict[str, float]]:
    """One fresh process per size, so that each peak memory figure belongs to its size alone."""
    rows = []
    context = multiprocessing.get_context("spawn")
    for size in sizes:
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            rows.append(pool.submit(run_one, size, dense).result())
    return rows


def main(argv: list[str] | None = None) -> None:
    args = list(argv if argv is not None else sys.argv[1:])
    dense = "--dense" in args
    sizes = [int(a) for a in args if a != "--dense"] or [10_000, 30_000, 100_000]
    for size in sizes:  # one at a time, so each line appears as soon as its size is done
        for row in run([size], dense):
            sys.stdout.write(json.dumps(row) + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
