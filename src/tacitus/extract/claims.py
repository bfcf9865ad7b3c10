"""The claim finder: every statement of how many people were killed, hurt, taken, displaced, trapped
or freed, and of how much land is held or retaken, with its hedge, victim, actor, modality and source.

Why this shape: a count means nothing without what happened to whom, and a number tied to the wrong
verb is worse than none. So the finder starts from the numbers (the quantity grammar), links each
through the dependency parse to an outcome predicate from ``data/claim_lexicon.yaml``, and drops the
number when no link is found ("30 trucks", "two days", "in 2014"). Sentences with no outcome word are
skipped before any tree walking: most news sentences state no count, and the check is one set lookup
per token.

Decisions (see docs/benchmarks/claims.md):

* evidence is the sentence that holds the figure (``document.text[start:end]``, whitespace trimmed);
* a count with no number of its own ("this number has decreased to 4,000") takes kind, unit, rate and
  victim from the claim before it in the document; "the death toll rose to 41" is a killed claim;
* "a man was killed" is one person killed; so are "the teen died", "he was pronounced dead", "killed
  himself" and a named person ("John Smith, 34, died": the 34 is an age); "a double homicide" is two,
  "a murder-suicide" at least two; "no one was killed" is a claim of zero, negated;
* "shot" (and "suffered a gunshot wound") says someone was hit, not whether they lived: kind
  ``casualties`` unless the outcome is said ("shot dead", "shot and killed" -> killed; "shot and
  wounded" -> injured);
* a count scoped over a period or several incidents ("this year", "in separate attacks", "in 17
  shootings") is a tally, modality ``generic``; "three men were charged in the murder" counts no victims;
* the source is the innermost quote or reported clause around the figure and its predicate.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from itertools import chain
from typing import Any, ClassVar

from tacitus.extract.claim_lexicon import ClaimLexicon, claim_lexicon
from tacitus.extract.claim_source import source_of
from tacitus.extract.claim_syntax import (
    Counted,
    Predicate,
    actor_of,
    anchor_of,
    counted,
    find_predicate,
    is_person,
    is_territory,
    phrase,
    predicate_kinds,
)
from tacitus.extract.modality import modality_of
from tacitus.extract.quantities import Quantity, find_rate, scan
from tacitus.model import Claim, Evidence, Quote
from tacitus.nlp.text import doc_text, doc_token_forms, doc_token_tags, span_ents, span_text
from tacitus.pipeline import Analysis

log = logging.getLogger(__name__)

STAGE = "extract.claims"
VERSION = "5"
NOT_COUNTS = frozenset({"DATE", "TIME", "MONEY", "ORDINAL", "QUANTITY"})
RATE_DEPS = frozenset({"npadvmod", "advmod", "prep", "amod", "nmod"})
#: How a definite person ("the teen", "he", "John Smith") may reach its predicate (claim_syntax.Predicate).
DEFINITE_ROUTES = frozenset({"up", "clause"})
#: Links into another clause: a tally cue there ("in a year that saw 500 shootings") is not this count's.
CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "csubj", "parataxis", "acl", "conj"})


class ClaimStage:
    """Adds ``claims`` from the parse and the quotes (for sources)."""

    name: ClassVar[str] = STAGE
    version: ClassVar[str] = VERSION
    requires: ClassVar[frozenset[str]] = frozenset({"parsed", "quotes"})
    provides: ClassVar[frozenset[str]] = frozenset({"claims"})

    def __call__(self, analysis: Analysis) -> Analysis:
        claims = find_claims(analysis.parsed, analysis.quotes)
        return analysis.model_copy(update={"claims": claims})


def find_claims(doc: Any, quotes: Sequence[Quote] = ()) -> list[Claim]:
    """Every claim in a spaCy ``Doc``, in text order; ``quotes`` give the sources."""
    lex = claim_lexicon()
    triggers = _trigger_words(lex)
    claims: list[Claim] = []
    forms = doc_token_forms(doc)  # (lemma, lower) per token, cached per Doc and shared with other stages
    for sent in doc.sents:
        # a trigger among the sentence's lemmas or lower-cased words, tested by a set operation in C
        if triggers.isdisjoint(chain.from_iterable(forms[sent.start : sent.end])):
            continue
        claims.extend(_sentence_claims(sent, quotes, lex, claims))
    return claims


_TRIGGER_WORDS: list[tuple[ClaimLexicon, frozenset[str]]] = []  # the latest lexicon's, kept alive


def _trigger_words(lex: ClaimLexicon) -> frozenset[str]:
    """``_inflected(lex.trigger_lemmas)`` once per lexicon object (the property builds a new set per read)."""
    if not _TRIGGER_WORDS or _TRIGGER_WORDS[0][0] is not lex:
        _TRIGGER_WORDS[:] = [(lex, _inflected(lex.trigger_lemmas))]
    return _TRIGGER_WORDS[0][1]


@functools.lru_cache(maxsize=4)
def _inflected(lemmas: frozenset[str]) -> frozenset[str]:
    """Lemmas plus their "-ed" forms: the small model leaves adjectival participles ("trapped") as is."""
    forms = set(lemmas)
    for word in lemmas:
        forms |= {word + "ed", word + "d", word + word[-1] + "ed"}
    return frozenset(forms)


def _sentence_claims(
    sent: Any, quotes: Sequence[Quote], lex: ClaimLexicon, before: list[Claim]
) -> list[Claim]:
    doc = sent.doc
    found: list[Claim] = []
    taken: set[int] = set()
    candidates: list[tuple[Quantity, Any, bool]] = []
    for quantity in scan(span_text(sent), sent.start_char):
        span = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
        if span is None or len(span) == 0 or _is_age(span, lex):
            continue
        candidates.append((quantity, span, False))
        taken.update(range(span.start, span.end))
    candidates.extend(_singular_candidates(sent, lex, taken))
    for quantity, span, definite in candidates:
        claim = _claim(quantity, span, sent, quotes, lex, [*before, *found], definite)
        if claim is not None:
            found.append(claim)
    found.sort(key=lambda c: (c.evidence.start, c.quantity_text or ""))
    return _drop_shadowed_zeros(found)


def _is_age(span: Any, lex: ClaimLexicon) -> bool:
    """ "John Smith, 34, died", "the suspect,19, was arrested", "Eric Summerfield, also 18": a bare number
    set off by a comma after a person is that person's age (the person is counted instead); "a father of
    four" counts his children."""
    doc = span.doc
    first = span[0]
    if first.dep_ == "pobj" and first.head.lower_ == "of" and first.head.head.lemma_.lower() in lex.kin_heads:
        return True
    glued = first.text.rpartition(",")  # the tokenizer keeps "Francois,16" whole
    if glued[1] and glued[2].isdigit() and first.ent_type_ in lex.person_labels:
        return True
    if not first.like_num:
        return False
    before = doc_text(doc)[max(0, first.idx - 40) : first.idx].rstrip()
    if before.lower().endswith(" also"):
        before = before[:-5].rstrip()
    if not before.endswith(",") and not first.text.startswith(","):
        return False
    i = first.i - 1
    while i >= 0 and (doc[i].is_punct or doc[i].lower_ == "also" or doc[i].is_space):
        i -= 1
    if i < 0:
        return False
    person = doc[i]
    return person.ent_type_ in lex.person_labels or (person.tag_ in ("NN", "NNP") and is_person(person, lex))


def _singular_candidates(sent: Any, lex: ClaimLexicon, taken: set[int]) -> list[tuple[Quantity, Any, bool]]:
    """Counts with no number written: "a man was killed", "the teen died", "he was shot", "John Smith
    died" (one person each), "a double homicide" (two), "a murder-suicide" (at least two). The flag
    marks definite ones (the/he/a name), which must reach their predicate through the parse directly."""
    out: list[tuple[Quantity, Any, bool]] = []
    doc = sent.doc
    firsts = {words[0] if words else "" for words, _kind, _least in lex.implied_counts}
    forms, tags = doc_token_forms(doc), doc_token_tags(doc)  # strings read once per Doc, not per Token
    for position in range(sent.start, sent.end):
        if position in taken:
            continue
        lower = forms[position][1]  # the three readers below answer None unless one of these holds
        if (
            tags[position] not in _SINGULAR_TAGS
            and lower not in lex.multipliers
            and lower not in firsts
            and "" not in firsts
        ):
            continue
        token = doc[position]
        found = _singular_at(token, lex) or _multiplied_at(token, lex) or _implied_at(token, lex)
        if found is None:
            continue
        quantity, span = found
        if any(i in taken for i in range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        definite = span[0].lower_ in lex.definite_determiners or span[0].tag_ == "PRP"
        out.append((quantity, span, definite))
    for ent in span_ents(sent):
        root = ent.root
        if ent.label_ not in lex.person_labels or root.dep_ in ("appos", "compound", "poss", "npadvmod"):
            continue
        if root.pos_ not in ("PROPN", "NOUN") or any(i in taken for i in range(ent.start, ent.end)):
            continue
        if root.dep_ == "pobj" and predicate_kinds(root.head.head, lex) is None:
            continue  # "Kaufman of Clinton": a place-like name under a preposition is not a victim
        start, end = ent.start_char, ent.end_char
        quantity = Quantity(min=1, max=1, best=1, text=doc_text(doc)[start:end], start=start, end=end)
        out.append((quantity, doc[ent.start : ent.end], True))
    return out


#: Tags of the only tokens ``_singular_at`` can answer for (pronoun, determiner, singular noun).
_SINGULAR_TAGS = frozenset({"PRP", "DT", "NN"})


def _one(token: Any, det: Any) -> tuple[Quantity, Any]:
    doc = token.doc
    start, end = det.idx, det.idx + len(det.text)
    quantity = Quantity(min=1, max=1, best=1, text=doc_text(doc)[start:end], start=start, end=end)
    return quantity, doc[det.i : det.i + 1]


def _singular_at(token: Any, lex: ClaimLexicon) -> tuple[Quantity, Any] | None:
    """One person: "a/another/the" + a singular person noun, or a singular personal pronoun."""
    if token.tag_ == "PRP" and token.lower_ in lex.singular_pronouns:
        return _one(token, token)
    if token.tag_ == "DT":
        if token.lower_ != "another" or token.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            return None
        return _one(token, token)
    if token.tag_ != "NN" or not is_person(token, lex) or token.pos_ == "PRON" or token.dep_ == "appos":
        return None  # "One of them, a 19-year-old man, died": the appositive is the one counted
    for child in token.children:
        if child.dep_ != "det":
            continue
        if child.lower_ in lex.singular_determiners:
            return _one(token, child)
        if child.lower_ in lex.definite_determiners and _definite_person(token, lex):
            return _one(token, child)
    return None


def _definite_person(token: Any, lex: ClaimLexicon) -> bool:
    """ "The teen died", "the death of the girl": one person; not "the dead", "the family" or
    "members of the family"."""
    if predicate_kinds(token, lex) is not None or token.lemma_.lower() in lex.collective_nouns:
        return False
    if token.lower_ in lex.collective_nouns or token.dep_ not in lex.definite_deps:
        return False
    return token.dep_ != "pobj" or predicate_kinds(token.head.head, lex) is not None


def _multiplied_at(token: Any, lex: ClaimLexicon) -> tuple[Quantity, Any] | None:
    """ "A double homicide", "the triple murder": the multiplier word counts the killing noun's victims."""
    value = lex.multipliers.get(token.lower_)
    if value is None or token.dep_ not in ("amod", "compound") or predicate_kinds(token.head, lex) is None:
        return None
    doc = token.doc
    start, end = token.idx, token.idx + len(token.text)
    quantity = Quantity(min=value, max=value, best=value, text=doc_text(doc)[start:end], start=start, end=end)
    return quantity, doc[token.i : token.i + 1]


def _implied_at(token: Any, lex: ClaimLexicon) -> tuple[Quantity, Any] | None:
    """ "A murder-suicide": a compound outcome noun whose meaning fixes a least count (min only)."""
    doc = token.doc
    first = token.lower_
    for words, _kind, least in lex.implied_counts:
        if words and words[0] != first:
            continue  # cheap first-word check: this runs for every token of a sentence with an outcome
        stop = token.i + len(words)
        if stop > len(doc) or any(doc[token.i + k].lower_ != w for k, w in enumerate(words)):
            continue
        start, end = token.idx, doc[stop - 1].idx + len(doc[stop - 1].text)
        text = doc_text(doc)[start:end]
        return Quantity(min=least, max=None, best=least, text=text, start=start, end=end), doc[token.i : stop]
    return None


def _claim(
    quantity: Quantity,
    span: Any,
    sent: Any,
    quotes: Sequence[Quote],
    lex: ClaimLexicon,
    before: list[Claim],
    definite: bool = False,
) -> Claim | None:
    anchor = anchor_of(span)
    what = _counted_for(anchor, span, lex)
    if what.share and any(
        c.dep_ in ("amod", "compound") and c.lower_ in lex.region_modifiers for c in what.node.children
    ):
        return None  # "the western half of the city": a region's name, not a share
    predicate = find_predicate(what, lex)
    inherited: Claim | None = None
    if definite and (predicate is None or predicate.route not in DEFINITE_ROUTES):
        return None  # "the suspect in a homicide": a definite person needs a direct link to the outcome
    if predicate is None:
        change = _change_predicate(what.node, lex, before)
        if change is None:
            return None
        predicate, inherited = change
    elif not _countable(what, quantity, lex):
        return None
    territory = quantity.unit == "percent" and not (what.noun is not None and is_person(what.noun, lex))
    territory = territory or (
        what.noun is not None and is_territory(what.noun, lex) and quantity.unit is None
    )
    kind = predicate.kinds.get("territory" if territory else "people")
    if kind is None and inherited is not None:
        kind = inherited.kind
    if kind is None:
        return None
    kind = _fatal(kind, predicate.token, lex)
    modality = "negated" if quantity.best == 0 and quantity.max == 0 else modality_of(predicate.token)
    if modality in ("asserted", "alleged") and _is_tally(predicate.token, what.node, lex):
        modality = "generic"
    unit, victim = _unit_and_victim(what, span.end, quantity, territory, lex)
    per = quantity.per or _rate(predicate.token, what) or (inherited.per if inherited else None)
    if inherited is not None:
        unit = unit if quantity.unit else inherited.unit
        victim = victim or inherited.victim
    doc = sent.doc
    start, end = _trimmed(doc_text(doc), sent.start_char, sent.end_char)
    lo = min(quantity.start, predicate.token.idx)
    hi = max(quantity.end, predicate.token.idx + len(predicate.token.text))
    claim = Claim(
        kind=kind,
        min=quantity.min,
        max=quantity.max,
        best=quantity.best,
        approximate=quantity.approximate,
        quantity_text=quantity.text,
        unit=unit,
        per=per,
        victim=victim,
        actor=None if inherited else actor_of(predicate.token, what.node, what.noun, lex.instrument_nouns),
        modality=modality,
        source=source_of(quotes, lo, hi),
        evidence=Evidence(start=start, end=end, text=doc_text(doc)[start:end], stage=f"{STAGE}.v{VERSION}"),
    )
    return claim


def _counted_for(anchor: Any, span: Any, lex: ClaimLexicon) -> Counted:
    if anchor.ent_type_ in lex.person_labels and anchor.pos_ in ("PROPN", "NOUN"):
        return Counted(anchor, None, share=False)  # a named person counts one; "of Clinton" is no partitive
    if len(span) == 1 and span[0].tag_ == "NN" and span[0].lower_ not in ("half", "%"):
        return Counted(span[0], span[0], share=False)
    return counted(anchor, lex)


def _countable(what: Counted, quantity: Quantity, lex: ClaimLexicon) -> bool:
    """Whether the count is of people, land or a share: "30 trucks" and "two days" are not."""
    if quantity.unit == "percent" or what.share:
        return True
    noun = what.noun
    if noun is None:
        return what.node.dep_ in lex.bare_number_deps and what.node.ent_type_ not in NOT_COUNTS
    return is_person(noun, lex) or is_territory(noun, lex) or predicate_kinds(noun, lex) is not None


def _fatal(kind: str, pred: Any, lex: ClaimLexicon) -> str:
    """ "Shot dead", "fatally stabbed", "shot and killed": an injury verb that reports a death; "shot and
    wounded": a shooting whose outcome is an injury. "Shot" alone stays ``casualties`` (hit, outcome open)."""
    if kind not in ("injured", "casualties") or pred.lemma_.lower() not in lex.fatal_verbs:
        return kind
    if kind == "casualties" and any(
        c.dep_ == "conj" and (c.lemma_.lower() in lex.injury_markers or c.lower_ in lex.injury_markers)
        for c in pred.children
    ):
        return "injured"  # "shot and wounded": the outcome is said
    following = pred.doc[pred.i + 1] if pred.i + 1 < len(pred.doc) else None
    if following is not None and following.lower_ in lex.fatal_markers:
        return "killed"
    for child in pred.children:
        words = {child.lemma_.lower(), child.lower_}
        if child.dep_ == "prep":
            words |= {c.lemma_.lower() for c in child.children}
        if words & lex.fatal_markers:
            return "killed"
    return kind


def _since_a_calendar_date(pred: Any, words: list[Any], lex: ClaimLexicon) -> bool:
    """A present perfect counted "since" a month or a year ("400 people have been killed in the city since
    January"): a running total over a period, not one incident's toll. "since the attack" stays a claim
    about that attack (its toll may have grown)."""
    if not any(c.dep_ == "aux" and c.lemma_ == "have" for c in pred.children):
        return False
    for token in words:
        if token.lower_ != "since":
            continue
        for obj in token.children:
            if obj.dep_ == "pobj" and (
                obj.lower_ in lex.calendar_words
                or (obj.like_num and len(obj.text) == 4 and obj.text.isdigit())
            ):
                return True
    return False


def _is_tally(pred: Any, node: Any, lex: ClaimLexicon) -> bool:
    """Whether the predicate's own clause scopes the count over a period or several incidents."""
    heads = [pred, node, node.head, *(c for c in pred.children if c.dep_ == "conj")]
    current = pred
    while current.dep_ == "conj" and current.head.i != current.i:
        current = current.head
        heads.append(current)
    seen: set[int] = set()
    stack = [c for h in heads for c in h.children if c.dep_ not in CLAUSE_DEPS]
    words: list[Any] = []
    while stack:
        token = stack.pop()
        if token.i in seen:
            continue
        seen.add(token.i)
        words.append(token)
        stack.extend(c for c in token.children if c.dep_ not in CLAUSE_DEPS)
    if any(t.lower_ in lex.tally_words for t in words):
        return True
    if any(t.lower_ in lex.tally_events and t.tag_ == "NNS" and t.dep_ == "pobj" for t in words):
        return True
    if _since_a_calendar_date(pred, words, lex):
        return True
    doc = pred.doc
    for t in words:
        lower = t.lower_
        for phrase_ in lex.tally_phrases:
            if phrase_ and phrase_[0] != lower:
                continue  # the first word decides most phrases without building any token
            stop = t.i + len(phrase_)
            if stop <= len(doc) and all(doc[t.i + k].lower_ == w for k, w in enumerate(phrase_)):
                return True
    return False


def _unit_and_victim(
    what: Counted, floor: int, quantity: Quantity, territory: bool, lex: ClaimLexicon
) -> tuple[str, str | None]:
    noun = what.noun
    keep = frozenset({"compound", "amod"})
    floor = floor if noun is not None and noun.i >= floor else 0
    if quantity.unit == "percent":
        if noun is None or territory:
            return "percent", None
        return "percent", str(phrase(noun, keep, floor).text)
    if noun is None:
        antecedent = _antecedent(what.node, lex)
        return "people", (str(phrase(antecedent, keep).text) if antecedent is not None else None)
    if noun.pos_ == "PRON":
        return "people", None
    if territory:
        return noun.lower_, None
    victim = str(phrase(noun, keep, floor).text)
    unit = lex.units.get(noun.lemma_.lower()) or lex.units.get(noun.lower_) or "people"
    return unit, victim


def _antecedent(node: Any, lex: ClaimLexicon) -> Any | None:
    """The people a bare numeral stands for: "forced civilians into a building, killed one who resisted"
    counts one of the civilians. The nearest plural person noun before it in the sentence that is an
    object (a subject is more often the perpetrator: "gunmen stormed the house and killed two") and
    carries no number of its own (then it is another group, counted apart)."""
    if node.pos_ != "NUM" or node.dep_ not in ("dobj", "nsubjpass", "nsubj", "appos", "attr"):
        return None
    sent = node.sent
    for token in reversed(sent[: node.i - sent.start]):
        if token.tag_ == "NNS" and token.dep_ in ("dobj", "pobj", "nsubjpass") and is_person(token, lex):
            counted_ = any(c.dep_ == "nummod" for c in token.children)
            return None if counted_ else token  # "two people were killed and three injured": two groups
    return None


def _rate(pred: Any, what: Counted) -> str | None:
    """A rate said around the predicate or the counted noun: "every day", "a week", "daily"."""
    for token in (pred, what.node, what.noun):
        if token is None:
            continue
        for child in token.children:
            if child.dep_ not in RATE_DEPS:
                continue
            left, right = child.left_edge.i, child.right_edge.i
            if right - left > 4:
                continue
            doc = token.doc
            text = doc_text(doc)[doc[left].idx : doc[right].idx + len(doc[right].text)]
            rate = find_rate(text)
            if rate is not None:
                return rate
    return None


def _change_predicate(
    node: Any, lex: ClaimLexicon, before: list[Claim]
) -> tuple[Predicate, Claim | None] | None:
    """ "The death toll rose to 41", "this number has decreased to 4,000": the new value of a figure."""
    verb = node.head
    if node.dep_ == "pobj" and verb.lower_ in ("to", "at", "from"):
        verb = verb.head
    elif node.dep_ not in ("attr", "dobj"):
        return None
    if verb.lemma_.lower() not in lex.change_verbs:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    for token in subject.subtree:
        kinds = predicate_kinds(token, lex)
        if kinds is not None:
            return Predicate(verb, kinds), _subject_context(subject, token, lex)
    if subject.lemma_.lower() in lex.figure_nouns and before:
        previous = before[-1]
        return Predicate(verb, {"people": previous.kind, "territory": previous.kind}), previous
    return None


def _subject_context(subject: Any, pred: Any, lex: ClaimLexicon) -> Claim | None:
    """A pseudo-claim carrying the rate and victim named inside "the number of people fleeing each day"."""
    doc = subject.doc
    left, right = subject.left_edge, subject.right_edge
    text = doc_text(doc)[left.idx : right.idx + len(right.text)]
    victim = next(
        (t for t in subject.subtree if t is not subject and is_person(t, lex) and t.pos_ != "PRON"), None
    )
    per = find_rate(text)
    if per is None and victim is None:
        return None
    return Claim(
        kind="killed",
        per=per,
        victim=str(victim.text) if victim is not None else None,
        evidence=Evidence(start=left.idx, end=right.idx + len(right.text), text=text),
    )


def _drop_shadowed_zeros(claims: list[Claim]) -> list[Claim]:
    """ "None of the 60 prisoners had been killed": the 60 carries the claim; drop the bare zero."""
    keep: list[Claim] = []
    for claim in claims:
        if claim.best == 0 and any(
            other is not claim
            and other.kind == claim.kind
            and other.evidence == claim.evidence
            and other.best
            for other in claims
        ):
            continue
        keep.append(claim)
    return keep


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end
