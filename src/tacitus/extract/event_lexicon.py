"""The event lexicon (``extract/data/event_lexicon.yaml``) and the trigger matcher over a parse.

Why lemma-or-lower matching and no spaCy PhraseMatcher on LEMMA: the phrase patterns would have to be
lemmatised by a full pipeline at load time, and the small model's lemmatiser misses forms news use a lot
("airstrikes", "shelled"); accepting either the lemma or the lower-case form of each word is robust and
cheap. The longest phrase starting at a token wins ("air strike" over "strike").
"""

from __future__ import annotations

import functools
import importlib.resources
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict
from spacy.attrs import IS_SPACE

from tacitus.nlp.text import doc_token_forms

VIOLENCE = "@violence"
TERRITORY = "@territory"


class SubTypeInfo(BaseModel):
    """An ACLED sub-event type: its event type, priority, PLOVER type/mode and actor constraints."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    type: str
    priority: int
    plover: tuple[str | None, str | None]
    actor1_types: tuple[int, ...] = ()
    actor2_types: tuple[int, ...] = ()
    default_actor1: str | None = None
    default_actor2: str | None = None


class TagRule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    phrases: tuple[str, ...]
    sub_type: str


class ShieldRelocation(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    verbs: frozenset[str]
    objects: frozenset[str]
    places: frozenset[str]


class RefineRule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    from_: tuple[str, ...]
    cues: tuple[str, ...]
    to: str


class ObjectRules(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    person_nouns: frozenset[str]
    place_nouns: frozenset[str]
    weapon_nouns: frozenset[str]
    person_object_triggers: frozenset[str]
    weapon_object_triggers: frozenset[str]


class EventLexicon(BaseModel):
    """Everything the event finder knows about words, loaded from YAML."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sub_types: dict[str, SubTypeInfo]
    triggers: dict[str, tuple[str, ...]]
    tags: dict[str, TagRule]
    shield_relocation: ShieldRelocation
    refine: tuple[RefineRule, ...]
    object_rules: ObjectRules
    weak_triggers: frozenset[str]
    conflict_context: frozenset[str]
    guard_nouns: frozenset[str] = frozenset()


class ModalityCues(BaseModel):
    """Cue words for negation, irrealis, hedging, generalisation and history (event_modality.yaml)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    negators: frozenset[str]
    negating_verbs: frozenset[str]
    modal_auxiliaries: frozenset[str]
    irrealis_verbs: frozenset[str]
    irrealis_nouns: frozenset[str]
    irrealis_marks: frozenset[str]
    alleged_adverbs: frozenset[str]
    alleged_verbs: frozenset[str]
    alleged_nouns: frozenset[str]
    generic_phrases: tuple[str, ...]
    historical_phrases: tuple[str, ...]


def _data(name: str) -> Any:
    text = importlib.resources.files("tacitus.extract").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@functools.lru_cache(maxsize=1)
def load_lexicon() -> EventLexicon:
    """The packaged event lexicon (parsed once per process)."""
    raw = _data("event_lexicon.yaml")
    raw["refine"] = [{"from_": r["from"], "cues": r["cues"], "to": r["to"]} for r in raw["refine"]]
    lexicon = EventLexicon.model_validate(raw)
    unknown = {s for s in lexicon.triggers if not s.startswith("@")} - set(lexicon.sub_types)
    unknown |= {r.to for r in lexicon.refine} - set(lexicon.sub_types)
    if unknown:
        raise ValueError(f"event_lexicon.yaml names unknown sub-types {sorted(unknown)}")
    return lexicon


@functools.lru_cache(maxsize=1)
def load_modality_cues() -> ModalityCues:
    """The packaged modality cues."""
    return ModalityCues.model_validate(_data("event_modality.yaml"))


@dataclass(frozen=True)
class Trigger:
    """A trigger phrase found in the parse: token span, the phrase, and the sub-type (or placeholder)."""

    start: int
    end: int
    phrase: str
    sub_type: str

    def root(self, doc: Any) -> Any:
        """The token that carries the phrase's syntax (the span's root in the dependency parse)."""
        return doc[self.start : self.end].root


def _phrase_index(lexicon: EventLexicon) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for sub_type, phrases in lexicon.triggers.items():
        for phrase in phrases:
            words = tuple(phrase.lower().replace("-", " - ").split())
            index.setdefault(words[0], []).append((words, sub_type))
    for rule in lexicon.tags.values():
        for phrase in rule.phrases:
            words = tuple(phrase.lower().replace("-", " - ").split())
            if all(existing != words for existing, _ in index.get(words[0], [])):
                index.setdefault(words[0], []).append((words, rule.sub_type))
    for entries in index.values():
        entries.sort(key=lambda item: -len(item[0]))
    return index


@functools.lru_cache(maxsize=1)
def _cached_index() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    return _phrase_index(load_lexicon())


def token_forms(token: Any) -> tuple[str, str]:
    """The two forms a lexicon word may match: lemma and lower-case text."""
    return token.lemma_.lower(), token.lower_


Forms = list[tuple[str, str]]


@dataclass
class _SpanForms:
    """A span's token forms, the set of them, and the answers ``sentence_has`` already gave for it."""

    forms: Forms
    present: frozenset[str]
    answers: dict[tuple[Any, frozenset[int]], str | None]


_DocEntry = tuple[Any, Forms, dict[tuple[int, int], _SpanForms]]
_LAST_FORMS: list[_DocEntry] = []


def doc_forms(doc: Any) -> list[tuple[str, str]]:
    """``token_forms`` of every token of ``doc``, computed once per document.

    Why: the trigger scan, the context check and every cue lookup read the same two strings of the same
    tokens, and spaCy builds them anew (a string-store look-up) on each read. Only the latest document
    is kept, so memory does not grow with the run.
    """
    return _doc_entry(doc)[1]


def _doc_entry(doc: Any) -> _DocEntry:
    last = _LAST_FORMS[0] if _LAST_FORMS else None
    if last is not None and last[0] is doc:
        return last
    entry: _DocEntry = (doc, doc_token_forms(doc), {})
    _LAST_FORMS[:] = [entry]
    return entry


def _span_entry(span: Any) -> _SpanForms:
    _, forms, spans = _doc_entry(span.doc)
    key = (span.start, span.end)
    found = spans.get(key)
    if found is None:
        inside = forms[span.start : span.end]
        found = spans[key] = _SpanForms(inside, frozenset(f for pair in inside for f in pair), {})
    return found


def span_forms(span: Any) -> tuple[Forms, frozenset[str]]:
    """The forms of a span's tokens and the set of all of them (cached per span of the latest doc)."""
    found = _span_entry(span)
    return found.forms, found.present


def phrase_at(doc: Any, i: int, words: tuple[str, ...]) -> bool:
    """Whether the lexicon phrase ``words`` starts at token ``i``."""
    if i + len(words) > len(doc):
        return False
    forms = doc_forms(doc)
    return all(w in forms[i + k] for k, w in enumerate(words))


def find_triggers(doc: Any, start: int = 0, end: int | None = None) -> list[Trigger]:
    """Trigger phrases in ``doc[start:end]``, longest match first, never overlapping."""
    index = _cached_index()
    forms = doc_forms(doc)
    stop = len(doc) if end is None else end
    found: list[Trigger] = []
    i = start
    while i < stop:
        lemma, lower = forms[i]
        if lemma not in index and lower not in index:
            i += 1
            continue
        candidates = index.get(lemma, []) + index.get(lower, [])
        best: tuple[tuple[str, ...], str] | None = None
        for words, sub_type in sorted(candidates, key=lambda item: -len(item[0])):
            if i + len(words) <= stop and phrase_at(doc, i, words):
                best = (words, sub_type)
                break
        if best is None:
            i += 1
            continue
        found.append(Trigger(start=i, end=i + len(best[0]), phrase=" ".join(best[0]), sub_type=best[1]))
        i += len(best[0])
    return found


def _phrase_words(phrase: str) -> tuple[str, ...]:
    """A lexicon phrase as the words ``phrase_at`` compares (hyphens are tokens of their own)."""
    words = _WORDS.get(phrase)
    if words is None:
        words = _WORDS[phrase] = tuple(phrase.lower().replace("-", " - ").split())
    return words


_WORDS: dict[str, tuple[str, ...]] = {}
_PHRASE_LISTS: dict[int, tuple[Any, tuple[tuple[str, tuple[str, ...]], ...]]] = {}


def _phrase_list(phrases: tuple[str, ...] | frozenset[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each phrase of a cue list with its words, in the list's own iteration order, built once per list
    object (keyed by identity: two equal frozensets may iterate in different orders)."""
    cached = _PHRASE_LISTS.get(id(phrases))
    if cached is None or cached[0] is not phrases:
        if len(_PHRASE_LISTS) >= 256:  # cue lists are a few long-lived objects; bound it all the same
            _PHRASE_LISTS.clear()
        cached = _PHRASE_LISTS[id(phrases)] = (phrases, tuple((p, _phrase_words(p)) for p in phrases))
    return cached[1]


def sentence_has(
    doc_span: Any, phrases: tuple[str, ...] | frozenset[str], exclude: frozenset[int] = frozenset()
) -> str | None:
    """The first of ``phrases`` (lemma phrases) that occurs in the span outside ``exclude`` tokens.

    Why the forms are read once: a cue list has dozens of phrases and a sentence dozens of tokens;
    reading ``lemma_`` per phrase and position made this the event stage's hottest loop. A phrase
    with a word found nowhere in the span is skipped without scanning.
    """
    entry = _span_entry(doc_span)
    key = (phrases, exclude)
    if key not in entry.answers:
        entry.answers[key] = _first_phrase(entry, doc_span.start, phrases, exclude)
    return entry.answers[key]


def _first_phrase(
    entry: _SpanForms, start: int, phrases: tuple[str, ...] | frozenset[str], exclude: frozenset[int]
) -> str | None:
    forms, present = entry.forms, entry.present
    for phrase, words in _phrase_list(phrases):
        if not present.issuperset(words):
            continue
        size = len(words)
        for k in range(len(forms) - size + 1):
            if start + k not in exclude and all(w in forms[k + j] for j, w in enumerate(words)):
                return phrase
    return None


def segments(doc: Any) -> list[Any]:
    """Sentences, also cut at line breaks: a headline or a dateline is never one sentence with the lead."""
    # the line-break tokens, found from the IS_SPACE array rather than by building every token
    breaks = [i for i in doc.to_array(IS_SPACE).nonzero()[0].tolist() if "\n" in doc[i].text]
    spans = []
    for sentence in doc.sents:
        start = sentence.start
        for i in breaks[bisect_left(breaks, sentence.start) : bisect_left(breaks, sentence.end)]:
            if i > start:
                spans.append(doc[start:i])
            start = i + 1
        if start < sentence.end:
            spans.append(doc[start : sentence.end])
    return spans
