"""Find actor mentions in a parsed document and resolve them to canonical actors.

Three kinds of mention, resolved in document order so a reference can only point backwards:
- names and acronyms from the dictionary ("ISIS", "CTS", "U.S. Central Command");
- generic nouns ("militants", "police", "displaced families"): the generic actor, unless they are
  definite ("the militants") and a compatible named actor came shortly before, which they then refer to;
- anaphors: "the group", "the terrorist group", and subject pronouns (they/it) of an active verb, resolved
  to the most recent compatible actor (a deliberately simple rule: no coreference model is installed and
  conflict reports rarely juggle two armed groups in one paragraph).

Why our own matcher and not only the EntityRuler's entities: the parse may come from a pipeline built
without the actor patterns (tests, other callers), and generic nouns are never ruler entities.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from tacitus.actors.dictionary import ActorDictionary, ActorEntry
from tacitus.actors.surface import normalise
from tacitus.nlp.text import doc_token_forms
from tacitus.nlp.text import sentence_starts as sentence_starts_of

_NOUN_POS = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True)
class ActorMention:
    """One resolved mention: token and character offsets, the canonical actor, and how it was found."""

    start: int
    end: int
    token_start: int
    token_end: int
    text: str
    name: str
    type: int
    kind: str  # "name", "generic", "anaphor" or "pronoun"


@functools.lru_cache(maxsize=8)
def _matchers(dictionary: ActorDictionary, vocab: Any) -> tuple[Any, Any]:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    lower = PhraseMatcher(vocab, attr="LOWER")
    exact = PhraseMatcher(vocab, attr="ORTH")
    by_actor: dict[tuple[str, bool], dict[tuple[str, ...], None]] = {}
    for surface, entry, case_sensitive in dictionary.alias_table():
        words = _words(surface)
        key = tuple(words) if case_sensitive else tuple(w.lower() for w in words)
        by_actor.setdefault((entry.name, case_sensitive), {})[key] = None
    for (name, case_sensitive), surfaces in by_actor.items():
        matcher = exact if case_sensitive else lower
        matcher.add(name, [Doc(vocab, words=list(words)) for words in surfaces])
    return lower, exact


@dataclass(frozen=True)
class _DerivedIndex:
    """The generated national forms, looked up backwards from their last word.

    Why not the PhraseMatcher: its ~30,000 pattern Docs took ~0.8 s to build in every process, more
    than the whole actor stage spends on a few hundred articles; a dict keyed by the lower-cased token
    sequence finds the same spans at the few tokens that can end one ("troops", "police", ...).
    """

    forms: dict[tuple[str, ...], str]
    last_words: frozenset[str]
    longest: int

    def matches(self, doc: Any) -> list[tuple[str, int, int]]:
        """(actor name, start, end) of the longest form ending at each token that can end one."""
        lowered = [lower for _lemma, lower in doc_token_forms(doc)]  # cached per Doc, shared by stages
        found: list[tuple[str, int, int]] = []
        for end in range(1, len(lowered) + 1):
            if lowered[end - 1] not in self.last_words:
                continue
            for size in range(min(self.longest, end), 1, -1):
                name = self.forms.get(tuple(lowered[end - size : end]))
                if name is not None:
                    found.append((name, end - size, end))
                    break
        return found


def prepare(dictionary: ActorDictionary, vocab: Any = None) -> None:
    """Build the dictionary's generated-forms index now (~0.3 s for every country's national forces),
    at load time rather than inside the first document; with the spaCy ``vocab`` the documents will
    use, its alias PhraseMatchers too (~0.05 s, built once per vocab)."""
    _derived_index(dictionary)
    if vocab is not None:
        _matchers(dictionary, vocab)


@functools.lru_cache(maxsize=8)
def _derived_index(dictionary: ActorDictionary) -> _DerivedIndex:
    forms = {
        tuple(w.lower() for w in _words(surface)): entry.name for surface, entry in dictionary.derived_table()
    }
    return _DerivedIndex(
        forms=forms,
        last_words=frozenset(key[-1] for key in forms),
        longest=max((len(key) for key in forms), default=0),
    )


def _words(surface: str) -> list[str]:
    """Split an alias the way spaCy's English tokenizer splits news text (hyphens, brackets, 's apart)."""
    words: list[str] = []
    for part in surface.replace("’", "'").replace("(", " ( ").replace(")", " ) ").split():
        pieces = part.replace("-", " - ").split()
        for piece in pieces:
            if piece.endswith("'s") and len(piece) > 2:
                words.extend([piece[:-2], "'s"])
            else:
                words.append(piece)
    return words


def _is_head_noun(doc: Any, end: int) -> bool:
    """A generic noun names an actor only as the head of its phrase ("police", not "police station")."""
    last = doc[end - 1]
    if last.pos_ not in _NOUN_POS:
        return False
    return not (last.dep_ == "compound" and last.head.i > last.i)


def _definite(doc: Any, start: int, determiners: frozenset[str]) -> bool:
    i = start - 1
    while i >= 0 and doc[i].pos_ == "ADJ":
        i -= 1
    return i >= 0 and doc[i].lower_ in determiners


def find_mentions(doc: Any, dictionary: ActorDictionary) -> list[ActorMention]:
    """Every actor mention of ``doc`` resolved to a canonical actor, in document order."""
    from spacy.util import filter_spans

    lower, exact = _matchers(dictionary, doc.vocab)
    matches = [(doc.vocab.strings[m], s, e) for m, s, e in [*lower(doc), *exact(doc)]]
    matches.extend(_derived_index(dictionary).matches(doc))
    spans = [doc[s:e] for _, s, e in matches]
    labels: dict[tuple[int, int], str] = {}
    for name, s, e in matches:
        previous = labels.get((s, e))
        if previous is None or dictionary.entries[previous].generic:
            labels[(s, e)] = name
    kept = sorted(filter_spans(spans), key=lambda span: span.start)
    lexicon = dictionary.anaphora
    determiners = frozenset(lexicon.determiners)
    mentions: list[ActorMention] = []
    covered: set[int] = set()
    for span in kept:
        entry = dictionary.entries[labels[(span.start, span.end)]]
        covered.update(range(span.start, span.end))
        if normalise(span.text) in dictionary.derived_keys and not _is_head_noun(doc, span.end):
            continue  # "Kenyan police station", "Nigerian army base": a place, like "police station"
        if entry.generic:
            if not _is_head_noun(doc, span.end):
                continue
            if _definite(doc, span.start, determiners):
                referent = _antecedent(mentions, dictionary, span, _definite_types(dictionary, span.text))
                if referent is not None:
                    mentions.append(_mention(span, referent, "anaphor"))
                    continue
        sole = _sole_named_group(mentions, dictionary) if entry.generic and entry.type in {2, 3, 4} else None
        if sole is not None and span.text.lower() in _BARE_ARMED:
            mentions.append(_mention(span, sole, "anaphor"))
            continue
        mentions.append(_mention(span, entry, "name" if not entry.generic else "generic"))
    mentions.extend(_anaphors(doc, dictionary, mentions, covered, determiners))
    return sorted(mentions, key=lambda m: m.start)


_BARE_ARMED = frozenset({"militants", "jihadists", "insurgents", "fighters", "extremists", "terrorists"})


def _sole_named_group(mentions: list[ActorMention], dictionary: ActorDictionary) -> ActorEntry | None:
    """The one named non-state armed group mentioned so far: who bare "militants" are in its report."""
    names = {
        m.name
        for m in mentions
        if m.kind == "name" and m.type in {2, 3, 4} and not dictionary.entries[m.name].generic
    }
    return dictionary.entries[names.pop()] if len(names) == 1 else None


def _definite_types(dictionary: ActorDictionary, text: str) -> frozenset[int]:
    head = text.lower().split()[-1]
    for rule in dictionary.anaphora.definite_heads:
        if head in rule.heads or text.lower() in rule.heads:
            return frozenset(rule.types)
    return frozenset()


def _antecedent(
    mentions: list[ActorMention], dictionary: ActorDictionary, span: Any, types: frozenset[int]
) -> ActorEntry | None:
    """The most recent named actor of a compatible type within the window, if any."""
    if not types:
        return None
    window = dictionary.anaphora.window_sentences
    sentence_starts = sentence_starts_of(span.doc)
    here = _sentence_index(sentence_starts, span.start)
    for mention in reversed(mentions):
        if mention.token_start >= span.start:
            continue
        if here - _sentence_index(sentence_starts, mention.token_start) > window:
            break
        entry = dictionary.entries[mention.name]
        if mention.kind in {"name", "anaphor", "pronoun"} and entry.type in types and not entry.generic:
            return entry
    return None


def _sentence_index(starts: list[int], token: int) -> int:
    index = 0
    for i, start in enumerate(starts):
        if start <= token:
            index = i
    return index


def _anaphors(
    doc: Any,
    dictionary: ActorDictionary,
    mentions: list[ActorMention],
    covered: set[int],
    determiners: frozenset[str],
) -> list[ActorMention]:
    """Definite heads not in the dictionary ("the group") and subject pronouns, resolved backwards."""
    found: list[ActorMention] = []
    heads = {h for rule in dictionary.anaphora.definite_heads for h in rule.heads if " " not in h}
    pronouns = dictionary.anaphora.pronouns
    for i, (_lemma, lowered) in enumerate(doc_token_forms(doc)):
        if i in covered or (lowered not in pronouns and lowered not in heads):
            continue  # neither branch below can take it: skip building the token
        token = doc[i]
        if lowered in dictionary.anaphora.pronouns and token.dep_ == "nsubj":
            types = frozenset(dictionary.anaphora.pronouns[lowered])
            span = doc[token.i : token.i + 1]
            referent = _antecedent(_by_start(mentions, found), dictionary, span, types)
            if referent is not None:
                found.append(_mention(span, referent, "pronoun"))
        elif (
            lowered in heads
            and token.pos_ == "NOUN"
            and not (token.dep_ == "compound" and token.head.i > token.i)
            and not _of_complement(token)
        ):
            start = token.i
            while start > 0 and doc[start - 1].pos_ in {"ADJ", "NOUN"} and doc[start - 1].i not in covered:
                start -= 1
            if not _definite(doc, start, determiners):
                continue
            span = doc[start : token.i + 1]
            referent = _antecedent(
                _by_start(mentions, found), dictionary, span, _definite_types(dictionary, token.lower_)
            )
            if referent is not None:
                found.append(_mention(span, referent, "anaphor"))
    return found


def _of_complement(token: Any) -> bool:
    """Whether a head noun takes an "of" phrase: "the movement of civilians", "the group of women" say
    what they are about there and then, they do not point back to an actor named before."""
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)


def _by_start(mentions: list[ActorMention], found: list[ActorMention]) -> list[ActorMention]:
    """The mentions so far in text order, sorted only for a token that needs an antecedent (sorting
    them for every token of the document was most of the stage's time)."""
    return sorted([*mentions, *found], key=lambda m: m.start)


def _mention(span: Any, entry: ActorEntry, kind: str) -> ActorMention:
    return ActorMention(
        start=span.start_char,
        end=span.end_char,
        token_start=span.start,
        token_end=span.end,
        text=span.text,
        name=entry.name,
        type=entry.type,
        kind=kind,
    )
