"""Score attribution finding on PolNeAR (Newell, Margolin & Ruths, LREC 2018): source, cue, content.

What is compared: PolNeAR annotates every attribution of 2016 US political news as brat spans (Source,
Cue, Content) linked by an ``E`` relation. For each of the three roles we report precision, recall and
F1 under three matches used in the PARC/PolNeAR literature (Pareti 2016; Scheible et al. 2016):

- *exact*: same span once whitespace, quotation marks and punctuation are stripped from both ends
  (PolNeAR keeps the marks and the comma of “...,” in content; Tacitus does not);
- *overlap*: the spans share at least one character (partial match);
- *soft*: each span counts by its character Jaccard overlap with the best-matching span (a
  proportional match in the spirit of Pareti's).

Spans of one role are compared as sets per article (a source named for three quotes is one span).
Links: for every gold attribution whose content a predicted content overlaps, is the predicted source
(cue) the gold one, by overlap? A gold attribution without a source counts as linked right when the
prediction has none either. Discontinuous spans are compared by their fragments.

Articles annotated by several people are scored against the annotator whose file sorts first, so the
gold standard is deterministic.
"""

from __future__ import annotations

import logging
import time
import zipfile
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tacitus.extract.attribution import Attribution, find_attributions
from tacitus.extract.attribution_lexicon import load_lexicon

log = logging.getLogger(__name__)

POLNEAR_ZIP = "polnear_v1.0.0_text_attributions.zip"
ROLES = ("source", "cue", "content")
MATCHES = ("exact", "overlap", "soft")
STRIP = " \t\n\"'“”‘’«».,;:!?-—–()[]"

Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    """One ``E`` relation of a PolNeAR .ann file."""

    source: Fragments | None
    cue: Fragments | None
    content: Fragments


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    gold: tuple[GoldAttribution, ...]


@dataclass
class Counts:
    """Match counts of one role under one match kind."""

    predicted: int = 0
    gold: int = 0
    tp_pred: float = 0.0  # predicted spans matched (soft: summed overlap share)
    tp_gold: float = 0.0  # gold spans matched

    @property
    def precision(self) -> float:
        return self.tp_pred / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class AttributionReport:
    """Scores of one PolNeAR split."""

    split: str
    articles: int = 0
    gold_attributions: int = 0
    predicted_attributions: int = 0
    counts: dict[str, dict[str, Counts]] = field(
        default_factory=lambda: {r: {m: Counts() for m in MATCHES} for r in ROLES}
    )
    content_matched: int = 0
    source_linked: int = 0
    cue_linked: int = 0
    both_linked: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        scores = {
            role: {
                m: {
                    "precision": c.precision,
                    "recall": c.recall,
                    "f1": c.f1,
                    "gold": c.gold,
                    "predicted": c.predicted,
                }
                for m, c in by_match.items()
            }
            for role, by_match in self.counts.items()
        }
        matched = self.content_matched or 1
        return {
            "dataset": "PolNeAR v1.0.0",
            "split": self.split,
            "articles": self.articles,
            "gold_attributions": self.gold_attributions,
            "predicted_attributions": self.predicted_attributions,
            "spans": scores,
            "links": {
                "gold_with_matched_content": self.content_matched,
                "source_accuracy": self.source_linked / matched,
                "cue_accuracy": self.cue_linked / matched,
                "source_and_cue_accuracy": self.both_linked / matched,
            },
            "seconds": round(self.seconds, 1),
            "published": PUBLISHED,
        }


#: What the dataset's README reports: annotator agreement only (no system has been scored on PolNeAR).
PUBLISHED: dict[str, str] = {
    "inter-annotator token-wise Krippendorff's alpha": "75.4%",
    "inter-annotator attribution-wise agreement": "92.3%",
    "pseudo-recall of PARC3 attributions": "94.2%",
    "published extraction systems on PolNeAR": "none (README)",
}


def _fragments(field_text: str) -> Fragments:
    parts = []
    for piece in field_text.split(";"):
        start, end = piece.split()[-2:]
        parts.append((int(start), int(end)))
    return tuple(parts)


def parse_ann(ann: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one brat .ann file (``T`` spans joined by ``E`` relations)."""
    spans: dict[str, Fragments] = {}
    relations: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            kind = parts[1].split()[0]
            if kind in ("Source", "Cue", "Content"):
                spans[parts[0]] = _fragments(parts[1][len(kind) :])
        elif parts[0].startswith("E"):
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    gold = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if content is None:
            continue
        gold.append(
            GoldAttribution(
                source=spans.get(rel.get("Source", "")),
                cue=spans.get(rel.get("Cue", "")),
                content=content,
            )
        )
    return tuple(gold)


def load_polnear(directory: Path, split: str = "test", limit: int | None = None) -> list[Article]:
    """Articles of a PolNeAR split, read straight from the zip (sorted by name, first annotator)."""
    path = directory / POLNEAR_ZIP
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found; set TACITUS_SHARED to the folder holding datasets/")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        texts = sorted(n for n in names if n.startswith(f"{split}/text/") and n.endswith(".txt"))
        anns = sorted(n for n in names if n.startswith(f"{split}/attributions/") and n.endswith(".ann"))
        by_article: dict[str, list[str]] = defaultdict(list)
        for ann in anns:
            by_article[ann.rsplit("/", 1)[1].rsplit("_", 1)[0]].append(ann)
        articles = []
        for name in texts[:limit] if limit else texts:
            stem = name.rsplit("/", 1)[1].removesuffix(".txt")
            if not by_article.get(stem):
                continue
            text = archive.read(name).decode("utf-8")
            gold = parse_ann(archive.read(by_article[stem][0]).decode("utf-8"))
            articles.append(Article(stem, text, gold))
    return articles


def _normalise(text: str, frags: Fragments) -> tuple[int, int]:
    start, end = min(s for s, _ in frags), max(e for _, e in frags)
    while start < end and text[start] in STRIP:
        start += 1
    while end > start and text[end - 1] in STRIP:
        end -= 1
    return start, end


def _chars(frags: Fragments) -> set[int]:
    return {i for s, e in frags for i in range(s, e)}


def _score(text: str, predicted: set[Fragments], gold: set[Fragments], by_match: dict[str, Counts]) -> None:
    pred_chars = {p: _chars(p) for p in predicted}
    gold_chars = {g: _chars(g) for g in gold}
    pred_exact = {_normalise(text, p) for p in predicted}
    gold_exact = {_normalise(text, g) for g in gold}
    for counts in by_match.values():
        counts.predicted += len(predicted)
        counts.gold += len(gold)
    by_match["exact"].tp_pred += sum(_normalise(text, p) in gold_exact for p in predicted)
    by_match["exact"].tp_gold += sum(_normalise(text, g) in pred_exact for g in gold)
    for pc in pred_chars.values():
        shares = [len(pc & gc) / len(pc | gc) for gc in gold_chars.values() if pc & gc]
        by_match["overlap"].tp_pred += 1 if shares else 0
        by_match["soft"].tp_pred += max(shares, default=0.0)
    for gc in gold_chars.values():
        shares = [len(pc & gc) / len(pc | gc) for pc in pred_chars.values() if pc & gc]
        by_match["overlap"].tp_gold += 1 if shares else 0
        by_match["soft"].tp_gold += max(shares, default=0.0)


def _linked(pred: tuple[int, int] | None, gold: Fragments | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return bool(_chars(((pred[0], pred[1]),)) & _chars(gold))


@dataclass(frozen=True)
class Predicted:
    """A predicted attribution in PolNeAR's shape: content may be discontinuous."""

    content: Fragments
    cue: tuple[int, int] | None
    source: tuple[int, int] | None

    def chars(self) -> set[int]:
        return _chars(self.content)


def to_polnear(attributions: Sequence[Attribution]) -> list[Predicted]:
    """PolNeAR's conventions: one attribution per statement, no nesting.

    A quotation that continues the previous one ("“X,” said Thomas. “Y.”") joins its content as a
    second fragment, and a quotation inside a reported clause of the same source is dropped (the clause
    already holds it).
    """
    out: list[Predicted] = []
    for a in attributions:
        span = (a.content_start, a.content_end)
        if a.kind == "continuation" and out and a.source_span is not None and out[-1].source == a.source_span:
            last = out[-1]
            out[-1] = Predicted((*last.content, span), last.cue, last.source)
            continue
        holder = next(
            (
                p
                for p in out
                if p.source == a.source_span and p.content[0][0] <= span[0] and span[1] <= p.content[-1][1]
            ),
            None,
        )
        if holder is not None and a.direct:
            continue
        out.append(Predicted((span,), a.cue_span, a.source_span))
    return out


def score_article(article: Article, attributions: Sequence[Attribution], report: AttributionReport) -> None:
    """Add one article's comparison to ``report``."""
    predicted = to_polnear(attributions)
    report.articles += 1
    report.gold_attributions += len(article.gold)
    report.predicted_attributions += len(predicted)
    pred_sets: dict[str, set[Fragments]] = {
        "content": {a.content for a in predicted},
        "cue": {(a.cue,) for a in predicted if a.cue is not None},
        "source": {(a.source,) for a in predicted if a.source is not None},
    }
    gold_sets: dict[str, set[Fragments]] = {
        "content": {g.content for g in article.gold},
        "cue": {g.cue for g in article.gold if g.cue is not None},
        "source": {g.source for g in article.gold if g.source is not None},
    }
    for role in ROLES:
        _score(article.text, pred_sets[role], gold_sets[role], report.counts[role])
    for g in article.gold:
        gc = _chars(g.content)
        best = max(predicted, key=lambda a: len(gc & a.chars()), default=None)
        if best is None or not gc & best.chars():
            continue
        report.content_matched += 1
        source_ok = _linked(best.source, g.source)
        cue_ok = _linked(best.cue, g.cue)
        report.source_linked += source_ok
        report.cue_linked += cue_ok
        report.both_linked += source_ok and cue_ok


def _parsed(nlp: Any, articles: Sequence[Article]) -> Iterator[tuple[Article, Any]]:
    yield from zip(articles, nlp.pipe([a.text for a in articles], batch_size=16), strict=True)


def evaluate_polnear(
    directory: Path, nlp: Any, split: str = "test", limit: int | None = None
) -> AttributionReport:
    """Run :func:`find_attributions` over a PolNeAR split and score it (``nlp``: a spaCy pipeline)."""
    began = time.perf_counter()
    lexicon = load_lexicon()
    report = AttributionReport(split=split)
    for article, doc in _parsed(nlp, load_polnear(directory, split, limit)):
        score_article(article, find_attributions(doc, lexicon), report)
    report.seconds = time.perf_counter() - began
    log.info("PolNeAR %s: %d articles in %.1f s", split, report.articles, report.seconds)
    return report
