"""MUC-4 role-filler extraction (GRIT's document-level setting) as a lexicon baseline.

Why a lexicon learned from the train split: MUC-4's fillers are noun phrases of 1989-91 Latin American
news (FMLN, "urban guerrillas", "dynamite"); Tacitus' actor dictionary knows only a few of them. The
baseline predicts, for each role, every train-split filler string (seen at least ``min_count`` times and
more often as that role than as any other) that occurs in a test document. The test split is never read
while learning. It measures how far string knowledge goes; it is not a role-labelling model.

Scoring follows GRIT's entity-level protocol: a predicted string matches a gold entity when it equals one
of the entity's mentions; each gold entity matches at most one prediction and vice versa; micro-averaged
precision, recall and F1 over the five roles and all documents.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROLES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
PUBLISHED = {"GRIT": 54.50, "GTT": 50.23}


@dataclass(frozen=True)
class MucDocument:
    """One MUC-4 document with its gold entities per role (each entity: its mention strings)."""

    docid: str
    text: str
    gold: dict[str, list[list[str]]]


def read_grit(path: Path) -> list[MucDocument]:
    """Documents of a GRIT-processed JSON Lines file."""
    documents = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        gold = {role: [[m[0] for m in entity] for entity in raw["extracts"].get(role, [])] for role in ROLES}
        documents.append(MucDocument(docid=raw["docid"], text=raw["doctext"], gold=gold))
    return documents


def learn_lexicon(train: Sequence[MucDocument], min_count: int = 2) -> dict[str, set[str]]:
    """Role -> filler strings seen at least ``min_count`` times, kept for the role they fill most often."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for document in train:
        for role in ROLES:
            for entity in document.gold[role]:
                for mention in set(entity):
                    counts[mention][role] += 1
    lexicon: dict[str, set[str]] = {role: set() for role in ROLES}
    for mention, by_role in counts.items():
        role, count = by_role.most_common(1)[0]
        if count >= min_count and len(mention) > 2:
            lexicon[role].add(mention)
    return lexicon


def predict(document: MucDocument, lexicon: dict[str, set[str]]) -> dict[str, list[str]]:
    """Every lexicon string of each role that occurs in the document as whole words."""
    predicted: dict[str, list[str]] = {}
    for role in ROLES:
        found = [m for m in lexicon[role] if re.search(rf"(?<!\w){re.escape(m)}(?!\w)", document.text)]
        found.sort(key=len, reverse=True)
        kept: list[str] = []
        for mention in found:
            if not any(mention in longer for longer in kept):
                kept.append(mention)
        predicted[role] = kept
    return predicted


def _matches(gold: list[list[str]], predicted: list[str]) -> int:
    """Maximum one-to-one matching between predictions and gold entities (augmenting paths)."""
    owner: dict[int, int] = {}

    def assign(p: int, seen: set[int]) -> bool:
        for g, entity in enumerate(gold):
            if predicted[p] in entity and g not in seen:
                seen.add(g)
                if g not in owner or assign(owner[g], seen):
                    owner[g] = p
                    return True
        return False

    return sum(1 for p in range(len(predicted)) if assign(p, set()))


@dataclass
class MucResult:
    """Micro P/R/F1 over all roles, and F1 per role."""

    precision: float
    recall: float
    f1: float
    per_role: dict[str, float]
    documents: int


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate_muc(muc_dir: Path, min_count: int = 3, split: str = "test") -> MucResult:
    """Learn from ``grit_processed/train.json``, score on ``grit_processed/<split>.json``.

    ``min_count`` 3 was chosen on the dev split (2: 21.5, 3: 22.3, 5: 21.7 F1), never on test.
    """
    lexicon = learn_lexicon(read_grit(muc_dir / "grit_processed" / "train.json"), min_count)
    test = read_grit(muc_dir / "grit_processed" / f"{split}.json")
    totals = {role: [0, 0, 0] for role in ROLES}
    for document in test:
        predicted = predict(document, lexicon)
        for role in ROLES:
            totals[role][0] += _matches(document.gold[role], predicted[role])
            totals[role][1] += len(predicted[role])
            totals[role][2] += len(document.gold[role])
    tp, n_pred, n_gold = (sum(t[i] for t in totals.values()) for i in range(3))
    precision, recall, f1 = _prf(tp, n_pred, n_gold)
    per_role = {role: _prf(*totals[role])[2] for role in ROLES}
    return MucResult(precision, recall, f1, per_role, len(test))
