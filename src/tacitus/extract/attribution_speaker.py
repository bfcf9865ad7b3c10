"""Who is speaking: read a speaker, a role and an organisation off the source noun phrase.

Why from the parse and not from NER alone: news writes sources as "Col. John J. Thomas, U.S. Central
Command spokesman", "one Army Lieutenant", "coalition spokesman Col. Joe Scrocca" or "government
agencies". The small spaCy model tags "Army Lieutenant" as an ORG and drops titles from names, so the
head noun and its dependents (compound, appositive, "of/for/with" phrases) decide which words are the
name, which the role and which the organisation; NER only tells a person's name from an agency's.

Within a document, later mentions ("Scrocca said", "he said", "it says") are resolved by
:class:`SpeakerMemory` to the full name, role and organisation given earlier.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

from tacitus.extract.attribution_lexicon import AttributionLexicon
from tacitus.nlp.text import doc_ents, span_ents

SourceKind = Literal["person", "role", "organization", "document", "pronoun", "unknown"]

#: Entity labels that make a proper-noun head an organisation (or a collective source).
ORG_LABELS = frozenset({"ORG", "NORP", "GPE", "FAC", "LOC"})
#: Prepositions that attach an organisation to a role ("a spokesman for the coalition").
ORG_PREPOSITIONS = frozenset({"for", "of", "with", "at", "from", "in"})
#: Dependents that belong to the noun phrase proper (not appositions or relative clauses).
NP_DEPS = frozenset({"compound", "amod", "det", "nummod", "poss", "nmod", "quantmod", "case", "predet"})


@dataclass(frozen=True)
class SourceMention:
    """A source noun phrase as written (``start``/``end`` are character offsets) and what it names."""

    start: int
    end: int
    speaker: str | None
    role: str | None
    organization: str | None
    kind: SourceKind
    head: int  # token index of the head, for pronoun resolution

    @property
    def empty(self) -> bool:
        return self.speaker is None and self.role is None and self.organization is None


def _text(tokens: list[Any]) -> str | None:
    """The document text covering ``tokens`` (contiguous or not, from first to last), edges trimmed."""
    tokens = [t for t in tokens if not t.is_punct or t.text == "."]
    while tokens and ((tokens[-1].is_punct and tokens[-1].text != ".") or tokens[-1].dep_ == "det"):
        tokens.pop()
    if not tokens:
        return None
    doc = tokens[0].doc
    first, last = min(t.i for t in tokens), max(t.i for t in tokens)
    return str(doc[first : last + 1].text).strip(" ,;:") or None


def _strip_determiners(tokens: list[Any]) -> list[Any]:
    while tokens and (tokens[0].dep_ in ("det", "predet") or tokens[0].tag_ == "DT"):
        tokens = tokens[1:]
    return tokens


def _np_tokens(head: Any) -> list[Any]:
    """The head and its noun-phrase dependents, without appositions, clauses or prepositions."""
    out = [head]
    for child in head.lefts:
        if child.dep_ in NP_DEPS:
            out.extend(child.subtree)
    return sorted(out, key=lambda t: t.i)


def _is_role(token: Any, lex: AttributionLexicon) -> bool:
    return str(token.lower_) in lex.roles or str(token.lemma_).lower() in lex.roles


def _is_org_word(token: Any, lex: AttributionLexicon) -> bool:
    return (
        str(token.lower_) in lex.organizations
        or str(token.lemma_).lower() in lex.organizations
        or (token.ent_type_ in ORG_LABELS and token.pos_ == "PROPN")
    )


def _entity_of(token: Any) -> Any | None:
    """The entity span ``token`` is in: the span ``doc.ents`` would give, read off the IOB tags.

    Why not scan ``doc.ents``: spaCy rebuilds every entity span on each read of it, for every token
    asked about. An entity is a "B" token with a label and the "I" tokens after it (spaCy's own rule).
    """
    from spacy.tokens import Span

    doc = token.doc
    iob = token.ent_iob_
    if iob not in ("B", "I") or (iob == "B" and not token.ent_type):
        return None
    start = token.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    first = doc[start]
    return Span(doc, start, end, label=first.ent_type, kb_id=first.ent_kb_id, span_id=first.ent_id)


def _organization_from(tokens: list[Any], lex: AttributionLexicon) -> str | None:
    """Modifiers of a role that name its organisation: compounds that are org words or proper nouns."""
    picked = [
        t
        for t in tokens
        if (t.dep_ in ("compound", "poss", "nmod") or t.pos_ == "PROPN")
        and (_is_org_word(t, lex) or t.pos_ == "PROPN" or t.ent_type_ in ORG_LABELS)
        and not _is_role(t, lex)
        and lex.title_of(t.text) is None
    ]
    if not picked:
        return None
    # keep the contiguous run ending nearest the head, with its own dependents ("U.S. Central Command")
    run = [picked[-1]]
    for t in reversed(picked[:-1]):
        if run[0].i - t.i <= 1 or (run[0].i - t.i == 2 and t.doc[t.i + 1].text == "."):
            run.insert(0, t)
        else:
            break
    text = _text(run)
    return text.removesuffix("'s").removesuffix("’s").strip() if text else None


def _prep_organization(head: Any, lex: AttributionLexicon) -> str | None:
    """ "a spokesman for the coalition", "an official with the UN" -> the object of the preposition."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ORG_PREPOSITIONS:
            for obj in child.children:
                if obj.dep_ == "pobj" and (_is_org_word(obj, lex) or obj.ent_type_ in ORG_LABELS):
                    return _text(_strip_determiners(list(obj.subtree)))
    return None


def _role_tokens(head: Any, lex: AttributionLexicon) -> list[Any]:
    """The words of a role: the head, plus the words of a multi-word role ("prime minister",
    "chief of staff") around it."""
    doc = head.doc
    tokens = [head]
    if head.i + 2 < len(doc) and doc[head.i + 1].lower_ == "of":
        three = f"{head.lower_} of {doc[head.i + 2].lower_}"
        if three in lex.roles:
            tokens = [head, doc[head.i + 1], doc[head.i + 2]]
    while tokens[0].i > 0:
        before = doc[tokens[0].i - 1]
        pair = f"{before.lower_} {tokens[0].lower_}"
        if pair in lex.roles or (
            _is_role(before, lex) and before.pos_ == "NOUN" and before.dep_ == "compound"
        ):
            tokens.insert(0, before)
        else:
            break
    return tokens


def _role_and_org(head: Any, lex: AttributionLexicon) -> tuple[str | None, str | None]:
    """Role and organisation of a role noun ("U.S. Central Command spokesman", "a spokesman for X")."""
    np = _np_tokens(head)
    role_tokens = _role_tokens(head, lex)
    role = _text(role_tokens)
    before = [t for t in np if t.i < role_tokens[0].i]
    organization = _organization_from(before, lex) or _prep_organization(head, lex)
    return role, organization


def _appositive(head: Any, lex: AttributionLexicon) -> tuple[str | None, str | None]:
    """ "Jonas Berg, a monitor with the ceasefire mission": a common noun in apposition to a name is
    the person's role, whether or not the lexicon lists it."""
    for child in head.children:
        if child.dep_ == "appos" and (_is_role(child, lex) or child.pos_ == "NOUN"):
            return _role_and_org(child, lex)
    return None, None


def _named_appositive(head: Any) -> Any | None:
    """ "The spokesman for the council, Ali Jaber, said": the name in apposition to a role."""
    for child in head.children:
        if child.dep_ == "appos" and (child.ent_type_ == "PERSON" or child.pos_ == "PROPN"):
            return child
    return None


def _np_with_preps(head: Any) -> list[Any]:
    """A role phrase with its prepositional modifiers ("a doctor at the clinic")."""
    tokens = _np_tokens(head)
    for child in head.rights:
        if child.dep_ == "prep":
            tokens.extend(child.subtree)
    return sorted(tokens, key=lambda t: t.i)


def _person(head: Any, lex: AttributionLexicon) -> tuple[str | None, str | None, str | None]:
    """Name (with its title), role and organisation of a person's name phrase."""
    ent = _entity_of(head)
    if ent is not None and ent.label_ == "PERSON":
        name_start, name_end = ent.start, ent.end
    else:
        name_start, name_end = head.i, head.i + 1
        while (
            name_start > 0
            and head.doc[name_start - 1].pos_ == "PROPN"
            and not _is_role(head.doc[name_start - 1], lex)
        ):
            name_start -= 1
    doc = head.doc
    title_role: str | None = None
    # walk left over titles and honorifics written before the name ("Col.", "Lt. Gen.", "Mr.")
    i = name_start - 1
    while i >= 0:
        word = doc[i]
        if (
            word.text == "."
            and i > 0
            and (lex.title_of(doc[i - 1].text) or lex.is_honorific(doc[i - 1].text))
        ):
            i -= 1
            continue
        title = lex.title_of(word.text)
        if title is not None:
            title_role = title if title_role is None else f"{title} {title_role}"
            name_start = i
        elif lex.is_honorific(word.text):
            name_start = i
        else:
            break
        i -= 1
    # a title ending in "." may have been split off the name's entity ("Col" "." "John")
    while name_start > 0 and doc[name_start].text == "." and lex.title_of(doc[name_start - 1].text):
        name_start -= 1
    speaker = str(doc[name_start:name_end].text)
    role, organization = _appositive(head, lex)
    if role is None:
        # "coalition spokesman Col. Joe Scrocca", "45-year-old shopkeeper Omar Saleh"
        premods = [t for t in _np_tokens(head) if t.i < name_start]
        nouns = [t for t in premods if _is_role(t, lex) or (t.pos_ == "NOUN" and not _is_org_word(t, lex))]
        if nouns:
            role_tokens = _role_tokens(nouns[-1], lex)
            role = _text(role_tokens)
            organization = _organization_from([t for t in premods if t.i < role_tokens[0].i], lex)
    if organization is None:
        organization = _prep_organization(head, lex)
    return speaker, role or title_role, organization


def _has_title(head: Any, lex: AttributionLexicon) -> bool:
    """A title among the words before the head ("Col. Ana Petrov", tagged ORG by the small model)."""
    return any(lex.title_of(t.text) or lex.is_honorific(t.text) for t in _np_tokens(head) if t.i < head.i)


def _past_title(head: Any, lex: AttributionLexicon) -> Any:
    """ "said Sgt. Lucas Moreau" parsed with "Sgt" as the subject: the head is the name after it."""
    if lex.title_of(head.text) is None and not lex.is_honorific(head.text):
        return head
    doc = head.doc
    i = head.i + 1
    while i < len(doc) and doc[i].text == ".":
        i += 1
    last = None
    while i < len(doc) and doc[i].pos_ == "PROPN":
        last = doc[i]
        i += 1
    return last if last is not None else head


def describe_source(head: Any, lex: AttributionLexicon) -> SourceMention:
    """Read speaker, role and organisation off the noun phrase headed by ``head`` (a spaCy Token)."""
    written = head
    head = _past_title(head, lex)
    subtree = [t for t in written.subtree if t.dep_ not in ("relcl", "acl") or t.i <= written.i]
    subtree += [t for t in head.subtree if t not in subtree and t.i > written.i]
    span_tokens = sorted(subtree, key=lambda t: t.i)
    while span_tokens and span_tokens[-1].is_punct:
        span_tokens.pop()
    while span_tokens and span_tokens[0].is_punct:
        span_tokens.pop(0)
    start = int(span_tokens[0].idx) if span_tokens else int(head.idx)
    last = span_tokens[-1] if span_tokens else head
    end = int(last.idx + len(last.text))

    def mention(
        speaker: str | None, role: str | None, organization: str | None, kind: SourceKind
    ) -> SourceMention:
        return SourceMention(start, end, speaker, role, organization, kind, int(head.i))

    lower = str(head.lower_)
    if head.pos_ == "PRON" or lower in lex.person_pronouns or lower in lex.organization_pronouns:
        return mention(None, None, None, "pronoun")
    if _is_role(head, lex) and head.ent_type_ != "PERSON":
        role, organization = _role_and_org(head, lex)
        name = _named_appositive(head)
        if name is not None:
            speaker, _, _ = _person(name, lex)
            return mention(speaker, role, organization, "person")
        return mention(_text(_np_with_preps(head)), role, organization, "role")
    if head.ent_type_ == "PERSON" or (
        head.pos_ == "PROPN"
        and (
            (head.ent_type_ not in ORG_LABELS and not _is_org_word(head, lex))
            or _has_title(head, lex)
            or any(c.dep_ == "appos" and _is_role(c, lex) for c in head.children)
        )
    ):
        speaker, role, organization = _person(head, lex)
        return mention(speaker, role, organization, "person")
    if lower in lex.documents or str(head.lemma_).lower() in lex.documents:
        organization = _organization_from([t for t in _np_tokens(head) if t.i < head.i], lex)
        return mention(None, None, organization, "document")
    if _is_org_word(head, lex) or head.ent_type_ in ORG_LABELS:
        np = _strip_determiners(_np_tokens(head))
        organization = _text(np)
        prep_org = _prep_organization(head, lex)
        if prep_org and organization:
            organization = f"{organization} of {prep_org}" if " of " not in organization else organization
        return mention(None, None, organization, "organization")
    return mention(_text(_np_tokens(head)), None, None, "unknown")


class SpeakerMemory:
    """Within-document speaker coreference: surnames, "he/she" and "it/they" back to a full source.

    Why simple rules: news introduces a source once in full and then uses the surname or a pronoun;
    the last named person is almost always the "he" of the next attribution (Stanford's quote
    attribution sieve uses the same order: name, then pronoun to the most recent speaker).
    """

    def __init__(self) -> None:
        self._by_surname: dict[str, SourceMention] = {}
        self._by_name: dict[str, SourceMention] = {}
        self._last_person: SourceMention | None = None
        self._last_org: SourceMention | None = None
        self._described: dict[int, SourceMention] = {}

    def describe(self, head: Any, lex: AttributionLexicon) -> SourceMention:
        """``describe_source(head, lex)``, read once per head token of this memory's document.

        Why: ``observe`` describes every PERSON entity's head and the attributions then describe their
        sources, often the same tokens; the description depends on the token alone (it is frozen).
        """
        found = self._described.get(head.i)
        if found is None:
            found = self._described[head.i] = describe_source(head, lex)
        return found

    @staticmethod
    def _name_words(speaker: str, lex: AttributionLexicon) -> list[str]:
        words = [w for w in speaker.replace(".", ". ").split() if w not in (".",)]
        return [w for w in words if lex.title_of(w) is None and not lex.is_honorific(w)]

    def observe(self, doc: Any, lex: AttributionLexicon) -> None:
        """Learn every full name of the document, spoken or not ("Captain Leila Moradi commands the
        checkpoint. ... Moradi said"), so that a later surname resolves to it."""
        for ent in doc_ents(doc):
            if ent.label_ != "PERSON":
                continue
            mention = self.describe(ent.root, lex)
            words = self._name_words(mention.speaker or "", lex)
            if mention.kind == "person" and len(words) > 1 and words[-1].lower() not in self._by_surname:
                self._by_surname[words[-1].lower()] = mention
                self._by_name[" ".join(words)] = mention

    def resolve(self, mention: SourceMention, doc: Any, lex: AttributionLexicon) -> SourceMention:
        """The fullest description of ``mention`` known so far; remembers it for later mentions."""
        if mention.kind == "pronoun":
            return self._resolve_pronoun(mention, doc, lex)
        if mention.kind == "organization" and mention.organization in self._surnames_as_written():
            # the small model often tags a bare surname ("Scrocca said") as an ORG
            mention = replace(mention, kind="person", speaker=mention.organization, organization=None)
        if mention.kind == "person" and mention.speaker:
            words = self._name_words(mention.speaker, lex)
            known = self._by_name.get(" ".join(words))
            if known is None and len(words) == 1:
                known = self._by_surname.get(words[0].lower())
            if known is not None and known.speaker != mention.speaker:
                mention = replace(
                    mention,
                    speaker=known.speaker,
                    role=mention.role or known.role,
                    organization=mention.organization or known.organization,
                )
            elif known is not None:
                mention = replace(
                    mention,
                    role=mention.role or known.role,
                    organization=mention.organization or known.organization,
                )
            full_words = self._name_words(mention.speaker or "", lex)
            if full_words:
                self._by_surname[full_words[-1].lower()] = mention
                self._by_name[" ".join(full_words)] = mention
            self._last_person = mention
        elif mention.kind == "role":
            self._last_person = mention
        if mention.organization and mention.kind in ("organization", "document"):
            self._last_org = mention
        return mention

    def _surnames_as_written(self) -> set[str]:
        return {m.speaker.split()[-1] for m in self._by_surname.values() if m.speaker}

    def _resolve_pronoun(self, mention: SourceMention, doc: Any, lex: AttributionLexicon) -> SourceMention:
        word = str(doc[mention.head].lower_)
        if word in lex.person_pronouns and self._last_person is not None:
            last = self._last_person
            return replace(mention, speaker=last.speaker, role=last.role, organization=last.organization)
        if word in lex.organization_pronouns:
            sentence = doc[mention.head].sent
            orgs = [e for e in span_ents(sentence) if e.label_ == "ORG" and e.end <= mention.head]
            if orgs:
                return replace(mention, organization=str(orgs[-1].text))
            previous = _previous_subject_org(doc, sentence.start, lex)
            if previous is not None:
                return replace(mention, organization=previous)
            if self._last_org is not None:
                return replace(mention, organization=self._last_org.organization)
        return mention


def _previous_subject_org(doc: Any, sentence_start: int, lex: AttributionLexicon) -> str | None:
    """ "The regional command released a statement. It said ...": the organisation that was the
    subject of the sentence before."""
    if sentence_start == 0:
        return None
    previous = doc[sentence_start - 1].sent
    for token in previous:
        if token.dep_ in ("nsubj", "nsubjpass") and (_is_org_word(token, lex) or token.ent_type_ == "ORG"):
            mention = describe_source(token, lex)
            if mention.organization:
                return mention.organization
    return None
