"""Sentence-level rules of the event finder: what a trigger is not, who a national modifier names, which
mention of a sentence is the occurrence, and which of a sentence's dates belongs to the event.

Why a module of its own: each rule reads the parse around one trigger and answers one question the
typing code in ``events`` asks; kept apart they can be tested on short sentences one by one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

from tacitus.actors.dictionary import ARMED_TYPES, ActorDictionary
from tacitus.extract.attribution_lexicon import load_lexicon
from tacitus.extract.event_roles import MentionIndex, MentionRef
from tacitus.model import TimeSpan


class _Mention(Protocol):
    """What the sentence rules read of an event mention (``events.Mention``)."""

    tags: set[str]

    @property
    def sub_type(self) -> str: ...

    @property
    def modality(self) -> str: ...

    @property
    def trigger(self) -> Any: ...


M = TypeVar("M", bound=_Mention)
_COUNTED = frozenset({"asserted", "alleged"})
#: Links through which a reporting verb governs the clause it reports ("said that ...", "shows X doing").
_REPORTED_DEPS = frozenset({"ccomp", "parataxis"})
_NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})


def content_root(sentence: Any) -> Any:
    """Where a sentence's own event is: its root, or the clause a speech-verb root reports.

    Why: for a sentence the classifier types without any trigger, the mention is read at this token. In
    "The army said its troops had not returned fire" the root is "said" (asserted), while the event and its
    negation sit in the reported clause; read at the root, a withheld response became an asserted clash.
    """
    root = sentence.root
    if root.lemma_.lower() in load_lexicon().speech_verbs:
        for child in root.children:
            if child.dep_ == "ccomp":
                return child
    return root


def guarded_against(root: Any, guards: frozenset[str]) -> bool:
    """Whether an attack noun names what something protects from ("shields against airstrikes",
    "protection against drone attacks"): the strike is a danger, not an occurrence."""
    if root.dep_ != "pobj" or root.head.lower_ != "against":
        return False
    holder = root.head.head
    return holder.lemma_.lower() in guards or holder.lower_ in guards


def national_agent(root: Any, dictionary: ActorDictionary) -> MentionRef | None:
    """The forces a national modifier of an attack noun names ("a U.S. airstrike", "Russian shelling").

    Only modifiers listed as ``modifiers`` of a dictionary entry count: "U.S." alone is not an actor
    ("U.S. officials said"), but "U.S." on a strike says whose strike it is.
    """
    if root.pos_ not in {"NOUN", "PROPN"}:
        return None
    for child in root.children:
        if child.dep_ not in _NOUN_MODIFIER_DEPS:
            continue
        entry = dictionary.by_modifier(child.text)
        if entry is not None:
            return MentionRef(
                token_start=child.i,
                token_end=child.i + 1,
                start=child.idx,
                end=child.idx + len(child.text),
                name=entry.name,
                type=entry.type,
            )
    return None


def nested_in(inner: Any, outer: Any) -> bool:
    """Whether token ``inner`` lies below token ``outer`` in the parse (a trigger inside another's clause)."""
    return inner.i != outer.i and any(a.i == outer.i for a in inner.ancestors)


def describes_actor(inner: Any, outer: Any) -> bool:
    """Whether ``inner`` sits in a relative clause hanging below ``outer`` ("attacked by militants who
    seek to cause destruction"): it tells what the participants of ``outer`` are like."""
    current = inner
    while current.i != outer.i and current.head.i != current.i:
        if current.dep_ == "relcl" and current.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            return True
        current = current.head
    return False


def lowest_verb(token: Any) -> Any:
    """The nearest verb governing ``token`` (itself when it is one): the clause it belongs to."""
    current = token
    for _ in range(12):
        if current.pos_ in {"VERB", "AUX"} or current.head.i == current.i:
            return current
        current = current.head
    return current


def busy_elsewhere(token: Any, trigger_root: Any) -> bool:
    """Whether an actor mention is the subject or "by"-agent of a verb other than the trigger's own clause
    ("referenced by U.S. military officials ... the announcement of an investigation into an airstrike"):
    it has its own role there (a source, a witness), so word order must not make it the perpetrator.

    A verb whose clause holds the trigger keeps its subject ("desperate ... so that they can be used as
    shields"), and so does a verb the trigger noun hangs on through at most one other noun ("launched an
    attack", "claimed responsibility for the attack"); deeper, the trigger is part of another thing's
    description (an announcement of an investigation into a strike). A verb that does not govern the
    trigger leaves its subject free ("the battle continues as Rapid Response Forces work to ...")."""
    while token.dep_ in _NOUN_MODIFIER_DEPS and token.head.i != token.i:
        token = token.head  # "Pentagon" in "Pentagon officials": the officials' role is the mention's
    if token.dep_ in {"nsubj", "nsubjpass"}:
        verb = token.head
    elif token.dep_ == "pobj" and token.head.dep_ == "agent":
        verb = token.head.head
    else:
        return False
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    nouns = 0
    current = trigger_root
    for _ in range(16):
        if current.i == verb.i:
            return nouns > 1
        if current.i != trigger_root.i and current.pos_ in {"NOUN", "PROPN"}:
            nouns += 1
        if current.head.i == current.i:
            return False  # a verb beside the trigger's clause ("the battle continues as RRF work to ...")
        current = current.head
    return False


def _reported_clauses(root: Any) -> list[tuple[Any, Any]]:
    """(reporting verb, reported clause) pairs above the trigger: each governor reached through a
    ccomp/parataxis link, with the clause on the trigger's side of that link."""
    found: list[tuple[Any, Any]] = []
    current = root
    for _ in range(12):
        if current.head.i == current.i:
            break
        if current.dep_ in _REPORTED_DEPS:
            found.append((current.head, current))
        current = current.head
    return found


def _below(token: Any, top: Any) -> bool:
    return token.i == top.i or any(a.i == top.i for a in token.ancestors)


def event_dates(root: Any, dates: Sequence[TimeSpan]) -> list[TimeSpan]:
    """The document's dates minus those that date the telling of the trigger's clause, not the event.

    "On March 30, a spokesman told reporters that ISIS was moving civilians", "Central Command released
    video today it says shows fighters moving civilians", "..., said Thomas in a statement released
    Friday": the date sits under a verb that reports the clause holding the trigger, outside that
    clause, so it dates the statement. Dates inside the reported clause, or in sentences where nothing
    reports the trigger's clause, are kept.
    """
    reported = _reported_clauses(root)
    if not reported:
        return list(dates)
    doc = root.doc
    sentence = root.sent
    kept: list[TimeSpan] = []
    for span in dates:
        tokens = None
        if span.evidence is not None:
            tokens = doc.char_span(span.evidence.start, span.evidence.end, alignment_mode="expand")
        if tokens is None or not (sentence.start <= tokens.start < sentence.end):
            kept.append(span)
            continue
        head = tokens.root
        telling = any(_below(head, verb) and not _below(head, clause) for verb, clause in reported)
        if not telling:
            kept.append(span)
    return kept


def claimed_elsewhere(label: str, mention: Any, found: Sequence[Any]) -> bool:
    """Whether the sentence classifier's label belongs to another trigger of the sentence read with a
    different modality: "firing at Iraqi forces ... to provoke a U.S. airstrike" scores as an air strike
    because of the strike that did not happen; the firing must not take that type."""
    return label != mention.sub_type and any(
        m is not mention and m.sub_type == label and m.modality != mention.modality for m in found
    )


def fold_nested(mentions: list[M], doc: Any) -> list[M]:
    """One event per sub-type and clause chain: an uncounted mention of the same sub-type inside another
    mention's clause is part of it ("smuggling civilians ... trying to bait the coalition to attack": one
    event), and so is a wish, habit or suspicion in a relative clause on one of the other's participants
    ("attacked by militants who seek to cause destruction", "lynched men they suspected of kidnapping"):
    a description of who took part, no second event."""
    kept: list[M] = []
    for mention in mentions:
        root = mention.trigger.root(doc)
        owner = next(
            (
                k
                for k in mentions
                if k is not mention
                and mention.modality != "asserted"
                and nested_in(root, k.trigger.root(doc))
                and (
                    (k.sub_type == mention.sub_type and mention.modality not in _COUNTED)
                    or describes_actor(root, k.trigger.root(doc))
                )
            ),
            None,
        )
        if owner is None:
            kept.append(mention)
        else:
            owner.tags |= mention.tags
    return kept


#: Event types, and the one sub-type of a non-violent type, that report violence done: the sentence
#: classifier may move a mention among them but not out of them (``carries_sentence``).
VIOLENT_KINDS = frozenset(
    {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Riots",
        "Excessive force against protesters",
    }
)

#: Links by which a verb continues the predicate it hangs on ("began firing", "said they fired",
#: "stormed the village and opened fire"): a trigger reached only through them is the sentence's own event.
_PREDICATE_LINKS = frozenset({"xcomp", "ccomp", "conj"})


def carries_sentence(root: Any, has_agent: bool, has_patient: bool) -> bool:
    """Whether a trigger is the sentence's main predicate with both its participants read off the parse
    ("after the withdrawal of the convoy, rebels began shooting at army troops").

    Why: the sentence classifier reads every word, and an adjunct ("after the withdrawal of ...") can tip
    it to a non-violent label while the rules hold a complete reading of the sentence's own event: who
    did it, to whom, in its main clause. Such a counted violent mention keeps a violent type; a trigger
    in a side clause, or one whose participants were guessed from word order, stays open to the model.
    """
    if not (has_agent and has_patient):
        return False
    current = root
    for _ in range(12):
        if current.head.i == current.i:
            return True
        if current.dep_ not in _PREDICATE_LINKS:
            return False
        current = current.head
    return False


def violence_type(
    agent: MentionRef | None, patient: MentionRef | None, index: MentionIndex, sentence: Any
) -> str:
    """Violence between armed actors is a clash; against civilians an attack; by a mob, mob violence."""
    if agent is not None and agent.type == 5:
        return "Mob violence"
    if patient is not None:
        if patient.type == 7:
            return "Attack"
        if patient.type == 6:
            return "Excessive force against protesters" if agent is None or agent.type == 1 else "Attack"
        if patient.type in ARMED_TYPES:
            return "Armed clash"
    present = index.in_span(sentence.start, sentence.end)
    if any(m.type == 7 for m in present):
        return "Attack"
    armed = {m.name for m in present if m.type in ARMED_TYPES}
    return "Armed clash" if len(armed) >= 2 or any(m.type in {1, 8} for m in present) else "Attack"


def armed_victim(patient: MentionRef | None) -> bool:
    """Whether the parse names an armed actor as the one acted on ("opened fire on soldiers").

    Why: Violence against civilians is ACLED's type for violence on unarmed people; the sentence
    classifier, hearing a shielding or an abduction beside the firing, may call the firing an Attack
    while the rules read soldiers as its target. Such a mention keeps its rule type.
    """
    return patient is not None and patient.type in ARMED_TYPES
