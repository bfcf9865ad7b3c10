"""Dependency-tree helpers of the claim finder: what a number counts, its predicate, victim and actor.

Why a walk over the parse and not a word window: "At least 12 people were killed by ISIS militants"
has the victim before and the perpetrator after the verb, "militants who seized the town killed 12"
has a second verb in between. The walk follows a few links only, in a fixed order (the docstring of
:func:`find_predicate` lists them), so a wrong parse costs one claim, not a chain of wrong ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tacitus.extract.claim_lexicon import ClaimLexicon
from tacitus.extract.numbers import lexicon as number_lexicon

#: Links from a number or a counted noun up to the predicate that says what happened to it.
ARGUMENT_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "attr", "oprd", "dative", "appos", "npadvmod", "nmod", "acomp"}
)
#: Children of a verb that carry its meaning when the verb itself is light ("remain missing").
COMPLEMENT_DEPS = frozenset({"acomp", "oprd", "xcomp", "attr", "dobj", "prt", "prep"})
MODIFIER_DEPS = frozenset({"nummod", "quantmod", "amod", "compound", "nmod", "det", "advmod"})
ACTOR_LEFT_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case"})


@dataclass(frozen=True, slots=True)
class Counted:
    """What a quantity counts: ``node`` fills the predicate's slot, ``noun`` names the counted things."""

    node: Any
    noun: Any | None
    share: bool


@dataclass(frozen=True, slots=True)
class Predicate:
    """The outcome word linked to a count and the kinds it gives, and whether the link was a subject."""

    token: Any
    kinds: dict[str, str]
    via_subject: bool = False
    #: How it was found (the steps of :func:`find_predicate`): "up" (the slot's governor), "clause" (a
    #: participle or relative clause), "near" (a prepositional object or modifier), "self" (the counted
    #: noun), "next" (the following words). Counts with no number accept only "up" and "clause".
    route: str = "up"


def _qualifier_words() -> frozenset[str]:
    lex = number_lexicon()
    words = {w for q in lex.qualifiers for w in q[0]}
    return frozenset(words | {"between", "from", "to", "and", "or", "down", "up", "-", "–", "—", ","})


def anchor_of(span: Any) -> Any:
    """The token of a quantity span that the rest of the sentence attaches to."""
    skip = _qualifier_words()
    content = [t for t in span if t.lower_ not in skip] or list(span)
    for token in content:
        if not span.start <= token.head.i < span.end or token.head.i == token.i:
            return token
    return content[-1]


def counted(anchor: Any, lex: ClaimLexicon) -> Counted:
    """Which token fills the argument slot and which noun says what is counted."""
    percent_words = number_lexicon().percent_words
    if anchor.lower_ in percent_words or anchor.lower_ in ("half", "third", "thirds", "quarter", "quarters"):
        return Counted(anchor, _of_object(anchor), share=True)
    partitive = _of_object(anchor)
    if partitive is not None:
        return Counted(anchor, partitive, share=False)
    head = anchor.head
    if anchor.dep_ in MODIFIER_DEPS and head.i != anchor.i and head.pos_ in ("NOUN", "PROPN", "ADJ"):
        if head.lower_ in percent_words:
            return Counted(head, _of_object(head), share=True)
        return Counted(head, head, share=False)
    return Counted(anchor, None, share=False)


def _of_object(token: Any) -> Any | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def is_person(token: Any, lex: ClaimLexicon) -> bool:
    """Whether a counted noun names people (or is a pronoun standing for them)."""
    return (
        token.lemma_.lower() in lex.person_nouns
        or token.lower_ in lex.person_nouns
        or token.ent_type_ == "NORP"
        or token.pos_ == "PRON"
    )


def is_territory(token: Any, lex: ClaimLexicon) -> bool:
    """Whether a counted noun names land (villages, districts) rather than people."""
    return token.lemma_.lower() in lex.territory_nouns or token.ent_type_ in ("GPE", "LOC", "FAC")


def predicate_kinds(token: Any, lex: ClaimLexicon) -> dict[str, str] | None:
    """The kinds ``token`` gives as a predicate, including verb + particle/object combinations."""
    kinds = lex.kinds(token.lemma_.lower()) or lex.kinds(token.lower_)
    if kinds is None and token.tag_ in ("JJ", "VBN", "VBD") and token.lower_.endswith("ed"):
        # The small model lemmatises adjectival participles to themselves ("trapped", "besieged").
        word = token.lower_
        kinds = lex.kinds(word[:-1]) or lex.kinds(word[:-2]) or lex.kinds(word[:-3])
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod"):
            cause = lex.caused_wounds.get((token.lemma_.lower(), child.lemma_.lower()))
            if cause is not None:
                return {"people": cause}
        if child.dep_ in ("prt", "dobj", "advmod", "pobj", "prep"):
            for word in (child.lemma_.lower(), child.lower_):
                kind = lex.combinations.get((token.lemma_.lower(), word))
                if kind is not None:
                    return {"people": kind, "territory": kind}
            if child.dep_ == "prep":
                for obj in child.children:
                    kind = lex.combinations.get((token.lemma_.lower(), obj.lemma_.lower()))
                    if kind is not None:
                        return {"people": kind, "territory": kind}
    return kinds


def _complement_predicate(verb: Any, lex: ClaimLexicon, exclude: Any) -> Predicate | None:
    """A predicate carried by a light verb's complement: "remain missing", "were among the dead"."""
    for child in verb.children:
        if (exclude is not None and child.i == exclude.i) or child.dep_ not in COMPLEMENT_DEPS:
            continue
        targets = [child]
        if child.dep_ == "prep":
            targets = [c for c in child.children if c.dep_ == "pobj"]
        for target in targets:
            kinds = predicate_kinds(target, lex)
            if kinds is not None:
                return Predicate(target, kinds)
    return None


def _transitive(pred: Any, lex: ClaimLexicon) -> bool:
    """Whether an active subject of ``pred`` is its perpetrator ("gunmen killed ..."), not its victim."""
    if pred.pos_ not in ("VERB", "AUX"):
        return False
    return pred.lemma_.lower() not in lex.subject_victim and pred.lower_ not in lex.subject_victim


def find_predicate(counted_: Counted, lex: ClaimLexicon) -> Predicate | None:
    """The outcome predicate of a count, trying in order:

    1. up the tree from the slot: subject/object links to a verb or noun ("12 people were killed"),
       "of" to a noun ("the release of hundreds of families"), through a light verb's complement
       ("are still missing", "were among the dead", "continue to flee");
    2. down from the slot: a participle or relative clause ("civilians killed in", "students who were
       abducted"), "under ... control", a modifier ("12 wounded soldiers");
    3. the counted noun itself ("12 deaths", "seven bodies", "40 detainees");
    4. for a slot the parser attached oddly (a conjunct, an apposition), the next outcome word within
       four tokens of the same clause ("and 30 were wounded").
    """
    node = counted_.node
    current = node
    for _ in range(4):
        dep = current.dep_
        if dep == "pobj":
            prep = current.head
            if prep.lower_ not in ("of", "among") or prep.head.i == prep.i:
                break
            current = prep.head
        elif dep == "conj" and current.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            current = current.head
            continue
        elif dep in ARGUMENT_DEPS:
            current = current.head
        else:
            break
        kinds = predicate_kinds(current, lex)
        if kinds is not None:
            if dep == "nsubj" and _transitive(current, lex):
                return None
            return Predicate(current, kinds, via_subject=dep in ("nsubj", "nsubjpass"))
        if current.pos_ in ("VERB", "AUX"):
            if current.lemma_.lower() in lex.accusation_verbs:
                break  # "three men were charged in the murder": the accused are not the dead
            found = _complement_predicate(current, lex, exclude=node)
            if found is not None and dep == "nsubj" and _transitive(found.token, lex):
                return None
            if found is not None:
                return found
            break
    for token in (node, counted_.noun):
        if token is None:
            continue
        for child in token.children:
            if child.dep_ in ("acl", "relcl"):
                kinds = predicate_kinds(child, lex)
                if kinds is not None:
                    return Predicate(child, kinds, route="clause")
                found = _complement_predicate(child, lex, exclude=None)
                if found is not None:
                    return Predicate(found.token, found.kinds, route="clause")
            if child.dep_ == "prep" and child.lower_ in ("under", "in", "into"):
                for obj in child.children:
                    kinds = predicate_kinds(obj, lex)
                    if obj.dep_ == "pobj" and kinds is not None:
                        return Predicate(obj, kinds, route="near")
        for child in token.children:
            if child.dep_ == "amod":
                kinds = predicate_kinds(child, lex)
                if kinds is not None:
                    return Predicate(child, kinds, route="near")
    for token in (counted_.noun, node):
        if token is not None:
            kinds = predicate_kinds(token, lex)
            if kinds is not None:
                return Predicate(token, kinds, route="self")
    if node.dep_ in ("conj", "appos", "npadvmod", "ROOT"):
        return _next_predicate(node, lex)
    return None


def _next_predicate(node: Any, lex: ClaimLexicon) -> Predicate | None:
    doc = node.doc
    stop = min(node.i + 5, node.sent.end)
    for token in doc[node.i + 1 : stop]:
        if token.is_punct or token.pos_ == "CCONJ":
            return None
        kinds = predicate_kinds(token, lex)
        if kinds is not None:
            return Predicate(token, kinds, route="next")
        if token.pos_ not in ("AUX", "ADV", "PART", "VERB"):
            return None
    return None


def phrase(token: Any, include: frozenset[str] = ACTOR_LEFT_DEPS, floor: int = 0) -> Any:
    """The short noun phrase headed by ``token``: its left compounds and adjectives, no determiner,
    nothing before token index ``floor`` (the words before a count are not part of what it counts)."""
    left = token.i
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.lefts:
            if child.dep_ in include and child.i < left + 1 and child.i >= floor:
                left = min(left, child.i)
                stack.append(child)
    doc = token.doc
    return doc[left : token.i + 1]


def _subject(verb: Any, exclude: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj") and (exclude is None or child.i != exclude.i):
            return child
    return None


def actor_of(pred: Any, node: Any, noun: Any | None, instruments: frozenset[str] = frozenset()) -> str | None:
    """Who did it, where the sentence names them: agent of a passive, subject of an active verb, the
    holder of a "control", the noun a relative clause hangs on. A surface string as written. A means
    (``instruments``: "killed by an airstrike") is no actor; its national or named modifier is ("a U.S.
    airstrike" -> "U.S.")."""
    victims = {node.i} | ({noun.i} if noun is not None else set())
    victim_span = set(range(node.left_edge.i, node.i + 1))

    def ok(token: Any | None) -> str | None:
        if token is None or token.i in victims or token.i in victim_span:
            return None
        if token.tag_ in ("WDT", "WP"):
            return None
        if token.pos_ == "PRON" and token.lower_ in ("it", "that", "which", "this"):
            return None
        if token.lemma_.lower() in instruments or token.lower_ in instruments:
            return _author_of_means(token)
        return str(phrase(token).text)

    for child in pred.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return ok(obj)
    if pred.pos_ in ("NOUN", "PROPN", "ADJ"):
        for child in pred.children:
            if child.dep_ in ("compound", "poss", "nmod") and child.pos_ in ("PROPN", "NOUN"):
                return ok(child)
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.i not in victim_span:
                        return ok(obj)
        return None
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in pred.children) or (
        pred.tag_ == "VBN"
        and pred.dep_ in ("acl", "oprd", "xcomp", "amod")
        and not any(c.dep_ == "aux" for c in pred.children)
    ):
        return None
    verb = pred
    for _ in range(4):
        subject = _subject(verb, exclude=node)
        if subject is not None:
            if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                return ok(verb.head)
            return ok(subject)
        if verb.dep_ == "acl" and verb.tag_ == "VBD":
            verb = _clause_of_noun(verb.head)  # "forced civilians into a building killed one": asyndeton
            if verb is None:
                return None
            continue
        if verb.dep_ not in ("xcomp", "conj", "advcl", "pcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None
    return None


def _author_of_means(token: Any) -> str | None:
    """Who the means belongs to: its named modifier ("U.S." in "a U.S. airstrike", "Russian" in
    "Russian shelling") or its "by" phrase ("the attack by Boko Haram"); None when the means itself
    names nobody."""
    for child in token.children:
        named = child.ent_type_ in ("NORP", "GPE", "ORG") or child.pos_ == "PROPN"
        if named and child.i < token.i and child.dep_ in ("compound", "amod", "nmod", "poss"):
            return str(phrase(child).text)
        if child.dep_ == "prep" and child.lower_ == "by":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return str(phrase(obj).text)
    return None


def _clause_of_noun(noun: Any) -> Any | None:
    """The verb whose object (or prepositional object) ``noun`` is.

    Why: a finite past verb parsed as a clause on a noun ("into a building killed one who resisted")
    is a second verb of the same subject with its comma missing, not a participle describing the noun
    (that would be a VBN: "a building damaged by shelling"); its subject is the first verb's subject.
    """
    current = noun
    for _ in range(3):
        if current.dep_ not in ("dobj", "pobj", "prep") or current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None
