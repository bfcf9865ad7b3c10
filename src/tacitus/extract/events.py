"""The event stage: ACLED-typed events from trigger words, the parse, actors, claims, dates and places.

How (docs/events.md): every sentence's trigger phrases (``data/event_lexicon.yaml``) are read with their
modality; triggers of one sentence and one modality describe one event, named by the most specific
trigger (the weapon beats the outcome). Placeholders ("attack", "seize") are typed by who acts on whom.
Actors come from the parse (``event_roles``); fatalities from the document's "killed" claims in the
sentence; date and place from the claims, else from the date and place helpers of the time and geo
stages. Mentions of the same occurrence are then merged (``event_merge``). Negated, hypothetical and
generic events are kept (a reader may want them) but carry no fatalities and are never counted.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from tacitus.actors.dictionary import ARMED_TYPES, NON_STATE_ARMED_TYPES, ActorDictionary
from tacitus.extract.event_anchors import date_for, mention_refs, place_for, stated_only
from tacitus.extract.event_classifier import EventTypeClassifier, TypingPolicy, default_classifier
from tacitus.extract.event_lexicon import (
    TERRITORY,
    VIOLENCE,
    EventLexicon,
    Trigger,
    find_triggers,
    load_lexicon,
    segments,
    sentence_has,
    span_forms,
)
from tacitus.extract.event_means import stated_mode
from tacitus.extract.event_merge import COUNTED, fatalities, merge_events
from tacitus.extract.event_modality import mention_modality, report_year
from tacitus.extract.event_patterns import fold_restated
from tacitus.extract.event_roles import MentionIndex, MentionRef, by_order, roles
from tacitus.extract.event_sentence import (
    VIOLENT_KINDS,
    armed_victim,
    busy_elsewhere,
    carries_sentence,
    claimed_elsewhere,
    content_root,
    fold_nested,
    guarded_against,
    lowest_verb,
    national_agent,
    violence_type,
)
from tacitus.model import Event, Evidence, Modality
from tacitus.nlp.text import doc_token_deps, doc_token_forms, span_text
from tacitus.pipeline import Analysis

log = logging.getLogger(__name__)

STAGE_TAG = "extract.events.v5"
_RECAPTURE = frozenset({"recapture", "retake", "regain", "liberate", "liberation", "clear", "regain control"})


@dataclass
class Mention:
    """One trigger read in context, before merging."""

    trigger: Trigger
    sub_type: str
    modality: Modality
    tags: set[str] = field(default_factory=set)
    agent: MentionRef | None = None
    patient: MentionRef | None = None


class EventFinder:
    """Finds typed event mentions in a parse; shared by the stage and the evaluation."""

    def __init__(
        self,
        dictionary: ActorDictionary,
        lexicon: EventLexicon | None = None,
        classifier: EventTypeClassifier | None = None,
        policy: TypingPolicy | None = None,
        use_classifier: bool = True,
    ) -> None:
        self.dictionary = dictionary
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self._tag_of_phrase = {p: tag for tag, rule in self.lexicon.tags.items() for p in rule.phrases}
        self._classifier = classifier
        self.policy = policy if policy is not None else TypingPolicy()
        self.use_classifier = use_classifier

    @property
    def classifier(self) -> EventTypeClassifier:
        """The sentence classifier: the one given, else the packaged one (trained on first use)."""
        if self._classifier is None:
            self._classifier = default_classifier()
        return self._classifier

    def sentence_scores(self, sentences: Sequence[Any]) -> list[dict[str, float] | None]:
        """The classifier's scores of one document's sentences, in order (None for a blank sentence)."""
        return self.document_scores([sentences])[0]

    def document_scores(self, documents: Sequence[Sequence[Any]]) -> list[list[dict[str, float] | None]]:
        """Per document, the classifier's scores of its sentences, each read in its window of
        neighbouring sentences (``EventTypeClassifier.scores_in_context``), all in one call.

        Why one call and not one per sentence: each ``decision_function`` call pays scikit-learn's
        input validation and sparse stacking (~5 ms), far more than scoring one sentence; a linear
        model scores each row independently, so the numbers are the same either way.
        """
        texts = [[span_text(s) for s in sentences] for sentences in documents]
        if not self.use_classifier:
            return [[None] * len(group) for group in texts]
        return self.classifier.scores_in_context(texts)

    def sentence_events(
        self,
        sentence: Any,
        index: MentionIndex,
        year: int | None,
        scores: dict[str, float] | None = None,
    ) -> list[Mention]:
        """The events of one sentence: per modality, the best mention, plus a second when the sentence
        reports both a battle and violence against civilians ("forced civilians into a building ... then
        used it as a fighting position against the CTS"). ``scores`` are the sentence's classifier
        scores when already computed (:meth:`sentence_scores`)."""
        groups: dict[str, list[Mention]] = {}
        for mention in self._mentions(sentence, index, year):
            groups.setdefault(mention.modality, []).append(mention)
        results: list[Mention] = []
        for modality, group in groups.items():
            group.sort(key=lambda m: (-self.lexicon.sub_types[m.sub_type].priority, m.trigger.start))
            others = (
                frozenset(
                    i
                    for m in self._other_groups(groups, modality)
                    for i in range(m.trigger.start, m.trigger.end)
                )
                | _modifiers(sentence, group)
                | self._guarded(sentence)
            )
            best = group[0]
            best.sub_type = self._refine(best.sub_type, sentence, others)
            kept = [best]
            best_type = self.lexicon.sub_types[best.sub_type].type
            pair = _PAIRED.get(best_type)
            second = next((m for m in group[1:] if self.lexicon.sub_types[m.sub_type].type == pair), None)
            if second is not None and second.patient is not None and second.patient != best.patient:
                kept.append(second)
            for other in group[1:]:
                if other in kept:
                    continue
                owner = next((k for k in kept if k.sub_type == other.sub_type), best)
                if owner.sub_type == other.sub_type or (other.tags & {"human_shield"} and owner is best):
                    owner.tags |= other.tags
                owner.agent = self._narrower(owner.agent, other.agent)
                owner.patient = self._narrower(owner.patient, other.patient)
            results.extend(kept)
        typed = self._typed(sentence, index, year, results, scores) if self.use_classifier else results
        return fold_nested(typed, sentence.doc)

    def _typed(
        self,
        sentence: Any,
        index: MentionIndex,
        year: int | None,
        found: list[Mention],
        scores: dict[str, float] | None = None,
    ) -> list[Mention]:
        """The rules' mentions retyped (or dropped, or one added) by the sentence classifier.

        Per modality only the leading mention is retyped; the paired second event keeps its rule type.
        Mentions tagged by the lexicon (human shields, sieges, displacement) are deliberate rule
        decisions and are kept as they are.
        """
        text = span_text(sentence).strip()
        if not text:
            return found
        if scores is None:
            scores = self.classifier.scores([text])[0]
        if not found:
            if self._guarded(sentence):
                return []  # its only event words name a danger guarded against: nothing for the model
            label = self.policy.decide(None, 0, scores)
            return [self._model_mention(sentence, index, year, label)] if label is not None else []
        typed: list[Mention] = []
        leaders = {id(next(m for m in found if m.modality == mod)) for mod in {m.modality for m in found}}
        rule_tags = set(self.lexicon.tags)
        for mention in found:
            if id(mention) not in leaders or mention.tags & rule_tags:
                typed.append(mention)
                continue
            priority = self.lexicon.sub_types[mention.sub_type].priority
            decided = self.policy.decide(mention.sub_type, priority, scores, mention.modality in COUNTED)
            if decided is None:
                log.debug("classifier drops %s in %r", mention.sub_type, text[:60])
                continue
            if claimed_elsewhere(decided, mention, found) or self._loses_violence(mention, decided, sentence):
                decided = mention.sub_type
            if self.lexicon.sub_types[decided].type == _VAC and armed_victim(mention.patient):
                decided = mention.sub_type
            mention.sub_type = decided
            typed.append(mention)
        return typed

    def _loses_violence(self, mention: Mention, label: str, sentence: Any) -> bool:
        """Whether the classifier would turn an uncounted violent mention into a non-violent type.

        Why: the classifier reads the whole sentence and was not trained on habits and threats; in "in
        addition to summary executions, they have set up traps" it hears "set up" (a base established)
        while the executions are what the rules found. Among violent types it may still choose. A counted
        mention keeps its violence only as the sentence's main predicate with both participants parsed
        (``carries_sentence``).
        """
        violent = {s for s, info in self.lexicon.sub_types.items() if {s, info.type} & VIOLENT_KINDS}
        if mention.sub_type not in violent or label in violent:
            return False
        root = mention.trigger.root(sentence.doc)
        return mention.modality not in COUNTED or carries_sentence(
            root, bool(mention.agent), bool(mention.patient)
        )

    def _model_mention(self, sentence: Any, index: MentionIndex, year: int | None, label: str) -> Mention:
        """A mention for a sentence the classifier types without any trigger, read at its content root."""
        root = content_root(sentence)
        modality, tags = mention_modality(root, year)
        agent, patient = roles(root, index)
        trigger = Trigger(start=root.i, end=root.i + 1, phrase=root.lemma_.lower(), sub_type=label)
        return Mention(trigger, label, modality, tags, agent, patient)

    @staticmethod
    def _other_groups(groups: dict[str, list[Mention]], modality: str) -> list[Mention]:
        return [m for key, group in groups.items() if key != modality for m in group]

    def _mentions(self, sentence: Any, index: MentionIndex, year: int | None) -> list[Mention]:
        doc = sentence.doc
        triggers = find_triggers(doc, sentence.start, sentence.end)
        triggers.extend(self._shield_relocations(sentence))
        context = self._has_context(sentence, index)
        found: list[Mention] = []
        for trigger in triggers:
            root = trigger.root(doc)
            if root.pos_ not in _CONTENT_POS:
                continue  # "mine" the pronoun, "strike" in a name list
            covering = index.covering(root.i)
            if covering is not None and self._named(covering.name):
                continue  # part of an actor's name ("U.S. Air Force", "Rapid Response Forces")
            if root.dep_ == "amod" and root.tag_ in {"VBN", "VBG", "JJ"}:
                continue  # a participle describing a noun ("displaced families", "besieged area")
            if root.ent_type_ in _NAME_ENTITIES:
                continue  # "March 29", "Strike Force Ltd"
            if root.dep_ == "compound" and not any(t.start <= root.head.i < t.end for t in triggers):
                continue  # a noun modifying a noun ("drone video", "protest organisers")
            if trigger.phrase in self.lexicon.weak_triggers and not context:
                continue
            if guarded_against(root, self.lexicon.guard_nouns):
                continue  # "human shields against airstrikes": a danger guarded against, no strike
            modality, tags = mention_modality(root, year)
            tag = self._tag_of_phrase.get(trigger.phrase)
            if tag is not None:
                tags.add(tag)
            agent, patient = roles(root, index)
            agent = agent or national_agent(root, self.dictionary)
            sub_type = self._resolve(trigger, root, agent, patient, sentence, index)
            if sub_type is None:
                continue
            if tag is not None and sub_type == "Other":
                sub_type = self.lexicon.tags[tag].sub_type
            found.append(Mention(trigger, sub_type, modality, tags, agent, patient))
        return found

    def _guarded(self, sentence: Any) -> frozenset[int]:
        """Tokens naming a danger guarded against: no cue for the sentence's weapon either."""
        if "against" not in span_forms(sentence)[1]:
            return frozenset()  # guarded_against needs the word: skip reading every token's parse
        return frozenset(
            inner.i for t in sentence if guarded_against(t, self.lexicon.guard_nouns) for inner in t.subtree
        )

    def _narrower(self, kept: MentionRef | None, other: MentionRef | None) -> MentionRef | None:
        """The participant named more precisely by two mentions of one event: "an attack on civilians ...
        opened fire at displaced families" is an attack on displaced families (a kind of civilians)."""
        if kept is None:
            return other
        if other is not None and kept.name in self.dictionary.ancestors(other.name):
            return other
        return kept

    def _named(self, name: str) -> bool:
        entry = self.dictionary.get(name)
        return entry is not None and not entry.generic

    def _has_context(self, sentence: Any, index: MentionIndex) -> bool:
        if index.in_span(sentence.start, sentence.end):
            return True
        words = self.lexicon.conflict_context
        return not words.isdisjoint(span_forms(sentence)[1])

    def _shield_relocation_hit(self, token: Any) -> bool:
        rules = self.lexicon.shield_relocation
        if token.lemma_.lower() not in rules.verbs:
            return False
        objects = [c for c in token.children if c.dep_ == "dobj"]
        if not any(o.lemma_.lower() in rules.objects or _has_lemma(o, rules.objects) for o in objects):
            return False
        for inner in token.subtree:
            into = inner.dep_ == "prep" and inner.lower_ in {"into", "in", "inside"}
            if into and any(g.lemma_.lower() in rules.places for g in inner.children):
                return True
        return False

    def _shield_relocations(self, sentence: Any) -> list[Trigger]:
        """Civilians forced into buildings: human shielding even when the words "human shield" are absent."""
        doc, verbs = sentence.doc, self.lexicon.shield_relocation.verbs
        forms = doc_token_forms(doc)  # only a relocation verb's lemma can hit: build just those tokens
        return [
            Trigger(start=t.i, end=t.i + 1, phrase="human shield", sub_type="Attack")
            for i in range(sentence.start, sentence.end)
            if forms[i][0] in verbs
            for t in (doc[i],)
            if t.pos_ == "VERB" and self._shield_relocation_hit(t)
        ]

    def _resolve(
        self,
        trigger: Trigger,
        root: Any,
        agent: MentionRef | None,
        patient: MentionRef | None,
        sentence: Any,
        index: MentionIndex,
    ) -> str | None:
        rules = self.lexicon.object_rules
        lemma = trigger.phrase
        obj = _object(root)
        if obj is not None:
            obj_lemma = obj.lemma_.lower()
            if lemma in rules.weapon_object_triggers and obj_lemma in rules.weapon_nouns:
                return "Disrupted weapons use"
            if lemma in rules.person_object_triggers and (
                obj_lemma in rules.person_nouns or obj.ent_type_ == "PERSON"
            ):
                return (
                    "Arrests" if agent is None or agent.type in {1, 8} else "Abduction/forced disappearance"
                )
        if trigger.sub_type == VIOLENCE:
            return violence_type(agent, patient, index, sentence)
        if trigger.sub_type == TERRITORY:
            if agent is not None and agent.type in {1, 8}:
                return "Government regains territory"
            if agent is not None and agent.type in NON_STATE_ARMED_TYPES:
                return "Non-state actor overtakes territory"
            return (
                "Government regains territory"
                if lemma in _RECAPTURE
                else "Non-state actor overtakes territory"
            )
        if trigger.sub_type == "Arrests" and agent is not None and agent.type in NON_STATE_ARMED_TYPES:
            return "Abduction/forced disappearance"
        return trigger.sub_type

    def _refine(self, sub_type: str, sentence: Any, exclude: frozenset[int]) -> str:
        """Cues elsewhere in the sentence (not in triggers read with another modality) sharpen the type."""
        for rule in self.lexicon.refine:
            if sub_type in rule.from_ and sentence_has(sentence, rule.cues, exclude):
                sub_type = rule.to
        return sub_type


def _modifiers(sentence: Any, group: Sequence[Mention]) -> frozenset[int]:
    """Nouns modifying a non-trigger noun ("drone video"): not cues of the event's weapon."""
    inside = {i for m in group for i in range(m.trigger.start, m.trigger.end)}
    deps = doc_token_deps(sentence.doc)  # a Token is built only for the compounds
    compounds = (sentence.doc[i] for i in range(sentence.start, sentence.end) if deps[i] == "compound")
    return frozenset(t.i for t in compounds if t.head.i not in inside)


def _has_lemma(token: Any, lemmas: frozenset[str]) -> bool:
    return any(t.lemma_.lower() in lemmas for t in token.subtree)


def _object(root: Any) -> Any:
    for child in root.children:
        if child.dep_ in {"dobj", "nsubjpass"}:
            return child
    return None


class EventStage:
    """Adds ``events``: one Event per occurrence the document reports, typed in ACLED's taxonomy."""

    name: ClassVar[str] = "extract.events"
    version: ClassVar[str] = "5"
    requires: ClassVar[frozenset[str]] = frozenset({"parsed", "claims", "actors", "dates", "places"})
    provides: ClassVar[frozenset[str]] = frozenset({"events"})

    def __init__(
        self,
        dictionary: ActorDictionary | None = None,
        classifier: EventTypeClassifier | None = None,
        use_classifier: bool = True,
    ) -> None:
        self.dictionary = dictionary if dictionary is not None else ActorDictionary.load()
        self.finder = EventFinder(self.dictionary, classifier=classifier, use_classifier=use_classifier)
        if use_classifier:
            _ = self.finder.classifier  # train now (~1-2 s, once per process), not inside the first batch

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.parsed is None:
            return analysis
        return analysis.model_copy(update={"events": self.events(analysis)})

    def process_batch(self, analyses: Sequence[Analysis]) -> list[Analysis]:
        """Events of many documents, their sentences scored by the classifier in one call.

        Why: each classifier call has a fixed cost (input checks, sparse stacking) worth ~30 sentences;
        one call per batch instead of one per document. A failure here makes the pipeline retry the
        documents one by one, so a bad document is still recorded as its own error.
        """
        parsed = [a for a in analyses if a.parsed is not None]
        sentences = [segments(a.parsed) for a in parsed]
        scores = self.finder.document_scores(sentences)
        events = {
            id(a): self._events(a, group, group_scores)
            for a, group, group_scores in zip(parsed, sentences, scores, strict=True)
        }
        return [a.model_copy(update={"events": events[id(a)]}) if id(a) in events else a for a in analyses]

    def events(self, analysis: Analysis) -> list[Event]:
        """Events of one analysed document, merged per occurrence, in document order."""
        sentences = segments(analysis.parsed)
        return self._events(analysis, sentences, self.finder.sentence_scores(sentences))

    def _events(
        self, analysis: Analysis, sentences: list[Any], scores: Sequence[dict[str, float] | None]
    ) -> list[Event]:
        doc = analysis.parsed
        text = analysis.document.text
        index = MentionIndex(mention_refs(doc, analysis.actors, self.dictionary))
        published = analysis.document.published
        year = report_year(doc, published.year if published else None)
        raw: list[Event] = []
        roots: list[Any] = []
        for sentence, sentence_scores in zip(sentences, scores, strict=True):
            mentions = self.finder.sentence_events(sentence, index, year, sentence_scores)
            guarded = self.finder._guarded(sentence)
            for mention in mentions:
                event = self._event(mention, sentence, index, analysis, text)
                others = [m.trigger.root(doc) for m in mentions if m is not mention]
                root = mention.trigger.root(doc)
                mode = stated_mode(event.plover_type, event.plover_mode, sentence, root, others, guarded)
                raw.append(event.model_copy(update={"plover_mode": mode}))
                roots.append(root)
        depth = lambda name: len(self.dictionary.ancestors(name))  # noqa: E731
        patterns = fold_restated(raw, roots, self.dictionary.compatible)
        return merge_events(patterns, self.dictionary.compatible, depth, analysis.claims)

    def _event(
        self, mention: Mention, sentence: Any, index: MentionIndex, analysis: Analysis, text: str
    ) -> Event:
        info = self.finder.lexicon.sub_types[mention.sub_type]
        actor1, actor2 = self._actors(mention, sentence, index)
        start, end = sentence.start_char, sentence.end_char
        while end > start and text[end - 1].isspace():
            end -= 1
        claim_ids = [
            i
            for i, c in enumerate(analysis.claims)
            if c.evidence.start < end and c.evidence.end > start and c.modality in COUNTED
        ]
        counted = mention.modality in COUNTED
        claims = [analysis.claims[i] for i in claim_ids]
        tags = set(mention.tags)
        if any(c.kind in {"trapped"} for c in claims) and "siege" in tags:
            tags.add("siege")
        return Event(
            type=info.type,
            sub_type=mention.sub_type,
            actor1=actor1,
            actor2=actor2,
            inter1=self._inter(actor1),
            inter2=self._inter(actor2),
            date=stated_only(
                date_for(claims, analysis, start, end, mention.trigger.root(sentence.doc)), counted
            ),
            place=place_for(claims, analysis, start, end, mention.trigger.root(sentence.doc)),
            fatalities=fatalities(claims) if counted else None,
            modality=mention.modality,
            claims=claim_ids if counted else [],
            tags=sorted(tags),
            plover_type=info.plover[0],
            plover_mode=info.plover[1],
            evidence=Evidence(start=start, end=end, text=text[start:end], stage=STAGE_TAG),
        )

    def _inter(self, name: str | None) -> int | None:
        entry = self.dictionary.get(name) if name else None
        return entry.type if entry is not None else None

    def _actors(self, mention: Mention, sentence: Any, index: MentionIndex) -> tuple[str | None, str | None]:
        info = self.finder.lexicon.sub_types[mention.sub_type]
        agent, patient = mention.agent, mention.patient
        busy = self._busy(index, sentence, mention.trigger.root(sentence.doc))
        if agent is None and patient is None:
            agent, patient = by_order(index, sentence, exclude=busy)
            if agent is not None and agent.type in {6, 7} and mention.sub_type not in _PROTEST_TYPES:
                agent, patient = (
                    None,
                    agent,
                )  # "locals said 20 died in the airstrike": witnesses, not attackers
        elif agent is None:
            agent = by_order(index, sentence, exclude=[*busy, *([patient.name] if patient else [])])[0]
            if agent is not None and agent.type in {6, 7} and mention.sub_type not in _PROTEST_TYPES:
                agent = None
        if mention.modality == "alleged" and mention.agent is None and agent is not None:
            agent = None  # a hedged report names its perpetrator or none: no guess from word order
        actor1 = agent.name if agent else None
        actor2 = patient.name if patient else None
        if info.actor1_types and (agent is None or agent.type not in info.actor1_types):
            if patient is not None and patient.type in info.actor1_types:
                actor1, actor2 = patient.name, actor1
            elif info.default_actor1 is not None:
                if agent is not None and agent.type in ARMED_TYPES and actor2 is None:
                    actor2 = agent.name  # the police who dispersed the protest are its actor2
                actor1 = info.default_actor1
            else:
                earlier = self._recent(index, mention.trigger.start, frozenset(info.actor1_types))
                if earlier is not None:
                    actor2 = (
                        actor2 if actor2 is not None or actor1 in {earlier, info.default_actor2} else actor1
                    )
                    actor1 = earlier
        if info.actor2_types and actor2 is not None and self._inter(actor2) not in info.actor2_types:
            allowed = [
                m.name
                for m in index.in_span(sentence.start, sentence.end)
                if m.type in info.actor2_types and m.name != actor1
            ]
            actor2 = allowed[0] if allowed else None
        if info.actor2_types and actor2 is None:
            allowed = [
                m.name
                for m in index.in_span(sentence.start, sentence.end)
                if m.type in info.actor2_types and m.name != actor1
            ]
            actor2 = allowed[0] if allowed else None
        if actor1 is None and mention.sub_type == "Air/drone strike" and mention.modality != "alleged":
            actor1 = self._air_capable(index, mention.trigger.root(sentence.doc), busy)
        if actor2 is None and info.default_actor2 is not None and actor1 != info.default_actor2:
            actor2 = info.default_actor2
        if actor1 == actor2:
            actor2 = None
        return actor1, actor2

    @staticmethod
    def _busy(index: MentionIndex, sentence: Any, root: Any) -> list[str]:
        """Actors of the sentence with a role of their own in another clause: no fallback candidates."""
        doc = sentence.doc
        return [
            m.name
            for m in index.in_span(sentence.start, sentence.end)
            if busy_elsewhere(doc[m.token_start : m.token_end].root, root)
        ]

    @staticmethod
    def _recent(index: MentionIndex, token: int, types: frozenset[int]) -> str | None:
        """The latest actor of an allowed type mentioned before ``token`` (who "the liberation" is by)."""
        earlier = [m for m in index.mentions if m.token_start < token and m.type in types]
        return earlier[-1].name if earlier else None

    def _air_capable(self, index: MentionIndex, root: Any, busy: Sequence[str] = ()) -> str | None:
        """An actor that flies aircraft named in the strike's own clause: who an unattributed strike is by.

        Only the clause: an air force named elsewhere in the sentence or the article may be the source
        ("referenced by U.S. military officials") or the target, and naming it would invent a perpetrator.
        """
        clause = lowest_verb(root)
        sentence = root.sent
        best: tuple[int, str] | None = None
        for mention in index.in_span(sentence.start, sentence.end):
            entry = self.dictionary.get(mention.name)
            if entry is None or "air" not in entry.capabilities or mention.name in busy:
                continue
            if lowest_verb(root.doc[mention.token_start]).i != clause.i:
                continue
            distance = abs(mention.token_start - root.i)
            if best is None or distance < best[0]:
                best = (distance, mention.name)
        return best[1] if best else None


_NAME_ENTITIES = frozenset(
    {"DATE", "TIME", "PERSON", "GPE", "LOC", "FAC", "ORG", "WORK_OF_ART", "LAW", "NORP"}
)
_VAC = "Violence against civilians"
_PAIRED = {"Battles": _VAC, _VAC: "Battles"}
_CONTENT_POS = frozenset({"NOUN", "VERB", "PROPN", "ADJ", "X"})
_PROTEST_TYPES = frozenset(
    {"Peaceful protest", "Protest with intervention", "Violent demonstration", "Mob violence"}
)
