"""The modality of an event mention: asserted, alleged, negated, generic or hypothetical.

Why per mention and from the parse: a report mixes what happened ("fighters fired at Iraqi forces"),
what did not ("did not respond with an airstrike"), what might ("to provoke a U.S. airstrike") and what
tends to happen ("executing civilians ... have become a common trope"); only the first kind may be
counted. The cues are words (``data/event_modality.yaml``); the parse says which words govern the
trigger. When the claims engineer's ``tacitus.extract.modality.modality_of`` is installed it is asked
too, and the stronger of the two readings wins (negated > hypothetical > generic > alleged > asserted).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from typing import Any

from tacitus.extract.event_lexicon import ModalityCues, load_modality_cues, sentence_has
from tacitus.model import Modality
from tacitus.nlp.text import doc_text, span_text

log = logging.getLogger(__name__)

STRENGTH: dict[str, int] = {"asserted": 0, "alleged": 1, "generic": 2, "hypothetical": 3, "negated": 4}
_YEAR = re.compile(r"\b(19[4-9]\d|20\d\d)\b")
_PRESENT = frozenset({"VBP", "VBZ"})


def stronger(first: Modality, second: Modality) -> Modality:
    """The reading that restricts counting more."""
    return first if STRENGTH[first] >= STRENGTH[second] else second


def _path(token: Any) -> Iterator[tuple[Any, bool]]:
    """The trigger and its governors up to the root, each with whether it was reached through "conj"."""
    current = token
    via_conj = False
    seen = set()
    while current.i not in seen:
        seen.add(current.i)
        yield current, via_conj
        if current.dep_ == "ROOT" or current.head.i == current.i:
            return
        via_conj = current.dep_ == "conj"
        current = current.head


def _lemma(token: Any) -> str:
    return str(token.lemma_).lower()


def _external_modality() -> Callable[[Any], str] | None:
    try:
        from tacitus.extract.modality import modality_of
    except ImportError:
        return None
    return modality_of


def _local_children(token: Any) -> list[Any]:
    """Children that speak about the trigger itself, including those of its relative clause."""
    children = list(token.children)
    for child in token.children:
        if child.dep_ in {"relcl", "acl"}:
            children.extend(child.children)
    return children


_MEMO_KEY = ("tacitus", "mention_modality")


def mention_modality(root: Any, year_of_report: int | None = None) -> tuple[Modality, set[str]]:
    """Modality of the event whose trigger's syntactic root is ``root``, and tags ("historical").

    The answer depends only on the parse and the year, so it is kept per Doc: several triggers of a
    sentence share a root. Callers get their own copy of the tags (they add to them).
    """
    memo: dict[tuple[int, int | None], tuple[Modality, frozenset[str]]] | None = root.doc.user_data.get(
        _MEMO_KEY
    )
    if memo is None:
        memo = root.doc.user_data[_MEMO_KEY] = {}
    key = (root.i, year_of_report)
    cached = memo.get(key)
    if cached is None:
        modality, tags = _mention_modality(root, year_of_report)
        cached = memo[key] = (modality, frozenset(tags))
    return cached[0], set(cached[1])


def _mention_modality(root: Any, year_of_report: int | None) -> tuple[Modality, set[str]]:
    cues = load_modality_cues()
    modality: Modality = "asserted"
    tags: set[str] = set()
    for token, via_conj in _path(root):
        modality = stronger(modality, _token_modality(token, cues, via_conj=via_conj))
        if token.i != root.i and token.dep_ == "advcl":
            marks = {_lemma(c) for c in token.children if c.dep_ == "mark"}
            if marks & cues.irrealis_marks:
                modality = stronger(modality, "hypothetical")
    for child in _local_children(root):
        lemma = _lemma(child)
        if child.dep_ == "neg" or (lemma in {"no"} and child.dep_ == "det"):
            modality = stronger(modality, "negated")
        elif lemma in cues.alleged_adverbs:
            modality = stronger(modality, "alleged")
        elif lemma in cues.modal_auxiliaries and child.dep_ == "aux":
            modality = stronger(modality, "hypothetical")
    sentence = root.sent
    if sentence_has(sentence, cues.generic_phrases) or _bare_plural_habit(root) or _progressive_habit(root):
        modality = stronger(modality, "generic")
    if _historical(sentence, cues, year_of_report):
        tags.add("historical")
        modality = stronger(modality, "generic")
    external = _external_modality()
    if external is not None:
        verb = next((t for t, _ in _path(root) if t.pos_ in {"VERB", "AUX"}), root)
        try:
            reading = external(verb)
        except Exception as exc:  # another engineer's helper must not sink the event stage
            log.debug("modality_of failed on %r: %s", verb.text, exc)
        else:
            if reading in STRENGTH:
                modality = stronger(modality, reading)  # type: ignore[arg-type]
    return modality, tags


def _token_modality(token: Any, cues: ModalityCues, *, via_conj: bool) -> Modality:
    """Cues on one governor. Reached through "conj", only its modal auxiliary carries over ("would
    disband and lay down arms"); its negation does not (parsers often hang a clause on the wrong verb)."""
    lemma = _lemma(token)
    modality: Modality = "asserted"
    if lemma in cues.negating_verbs and token.pos_ == "VERB":
        modality = "negated"
    elif (
        (lemma in cues.irrealis_verbs and token.pos_ in {"VERB", "AUX"} and token.dep_ != "ROOT")
        or (
            lemma in cues.irrealis_verbs
            and token.pos_ == "VERB"
            and any(c.dep_ in {"xcomp", "ccomp"} for c in token.children)
        )
        or (lemma in cues.irrealis_nouns and token.pos_ == "NOUN")
    ):
        modality = "hypothetical"
    elif (lemma in cues.alleged_verbs and token.pos_ == "VERB") or (
        lemma in cues.alleged_nouns and token.pos_ == "NOUN"
    ):
        modality = "alleged"
    for child in token.children:
        child_lemma = _lemma(child)
        if via_conj and child.dep_ != "aux":
            continue
        if child.dep_ == "neg" or (child.dep_ in {"advmod", "det"} and child_lemma in {"never", "no"}):
            return "negated"
        if child.dep_ == "aux" and (
            child_lemma in cues.modal_auxiliaries or child.lower_ in cues.modal_auxiliaries
        ):
            modality = stronger(modality, "hypothetical")
        elif child.dep_ == "advmod" and child_lemma in cues.alleged_adverbs:
            modality = stronger(modality, "alleged")
    return modality


def _bare_plural_habit(root: Any) -> bool:
    """A bare plural trigger noun in a present-tense sentence names a kind of event ("summary executions")."""
    if root.tag_ != "NNS" or root.dep_ in {"nsubj", "nsubjpass"}:
        return False
    if any(c.dep_ in {"det", "nummod", "poss"} for c in root.children):
        return False
    sentence = root.sent
    tags = {t.tag_ for t in sentence if t.pos_ in {"VERB", "AUX"}}
    return bool(tags & _PRESENT) and "VBD" not in tags


def _bare(noun: Any) -> bool:
    """A plural noun with no article, number or possessive: a kind, not particular ones ("civilians")."""
    return bool(noun.tag_ == "NNS" and not any(c.dep_ in {"det", "nummod", "poss"} for c in noun.children))


def _progressive_habit(root: Any) -> bool:
    """A progressive verb whose object and goal are bare plurals and whose clause names no time describes
    an ongoing practice: "ISIS was smuggling civilians into buildings" is a tactic, not one incident
    ("fighters were moving two families into the school on Monday" is one)."""
    if root.tag_ != "VBG" or not any(c.dep_ == "aux" and _lemma(c) == "be" for c in root.children):
        return False
    objects = [c for c in root.children if c.dep_ == "dobj"]
    goals = [g for c in root.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    if not objects or not all(_bare(n) for n in [*objects, *goals]):
        return False
    return not any(t.ent_type_ in {"DATE", "TIME"} for t in root.subtree)


def _historical(sentence: Any, cues: ModalityCues, year_of_report: int | None) -> bool:
    if sentence_has(sentence, cues.historical_phrases):
        return True
    if year_of_report is None:
        return False
    years = [int(y) for y in _YEAR.findall(span_text(sentence))]
    return bool(years) and max(years) < year_of_report


def report_year(doc: Any, published_year: int | None) -> int | None:
    """The year a report speaks from: its publication year, else the latest year it mentions."""
    if published_year is not None:
        return published_year
    years = [int(y) for y in _YEAR.findall(doc_text(doc))]
    return max(years) if len(set(years)) > 1 else None
