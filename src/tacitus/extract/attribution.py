"""Find attributions in a parsed document: who said (or wrote, or believes) what.

An attribution has three parts, as in PARC3 and PolNeAR: a *source* (the speaker noun phrase), a *cue*
(the speech verb, "according to", a colon) and a *content* span. Two kinds are found:

- direct quotes: text between quotation marks, attributed to the speech verb in the same sentence
  ("“X,” said Thomas"), to the verb before a colon, or -- for a quote that stands alone, such as the
  second half of "“X,” said Thomas. “Y.”" -- to the previous quote of the same paragraph;
- reported speech: a speech verb with a clausal complement ("X said (that) ...", "X told reporters
  ...", "X denied ..."), "according to X, ...", and hearsay without a source ("it was reported that").

Why rules on the dependency parse: no attribution model runs offline here, spaCy's parse already gives
each speech verb its subject and complement, and every rule is checked against PolNeAR
(docs/benchmarks/attribution.md). Sources are described and resolved by
:mod:`tacitus.extract.attribution_speaker`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any, Literal

from tacitus.extract.attribution_lexicon import AttributionLexicon, load_lexicon
from tacitus.extract.attribution_marks import MarkedSpan, find_marked_spans
from tacitus.extract.attribution_speaker import SourceMention, SpeakerMemory
from tacitus.nlp.text import doc_text, doc_token_forms

CueKind = Literal["speech", "belief", "evidence", "according", "colon", "continuation", "hearsay"]

#: Verbs whose direct object is who was spoken to, not what was said ("told reporters").
ADDRESSEE_VERBS = frozenset({"tell", "ask", "inform", "brief", "urge", "warn", "remind", "assure"})
#: Prepositions whose phrase is what was said when there is no clause ("called for a ceasefire").
CONTENT_PREPOSITIONS = frozenset({"for", "of", "about"})
#: A quotation shorter than this many words, with no verb, is a scare quote ("so-called “caliphate”").
MIN_QUOTE_WORDS = 4
EDGE_CHARS = " \t\n,;:"
_NEWLINE = re.compile("\n")


@dataclass(frozen=True)
class Attribution:
    """One source-cue-content triple, with character offsets into the document text."""

    content_start: int
    content_end: int
    direct: bool
    kind: CueKind
    cue: str | None = None
    cue_span: tuple[int, int] | None = None
    source_span: tuple[int, int] | None = None
    speaker: str | None = None
    role: str | None = None
    organization: str | None = None


@dataclass
class _Draft:
    """An attribution before its source is resolved against the rest of the document."""

    start: int
    end: int
    direct: bool
    kind: CueKind
    cue: Any | None = None  # the cue token (or the first token of a multi-word cue)
    cue_text: str | None = None
    cue_span: tuple[int, int] | None = None
    source_head: Any | None = None
    inherit: bool = False
    paragraph: int = 0


def _trim(text: str, start: int, end: int, *, drop_period: bool) -> tuple[int, int]:
    while start < end and text[start] in EDGE_CHARS:
        start += 1
    while end > start and (text[end - 1] in EDGE_CHARS or (drop_period and text[end - 1] == ".")):
        end -= 1
    return start, end


def _char_span(tokens: list[Any]) -> tuple[int, int]:
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    return int(first.idx), int(last.idx + len(last.text))


def _runs(tokens: list[Any]) -> list[list[Any]]:
    """Split tokens into runs of consecutive positions."""
    runs: list[list[Any]] = []
    for token in sorted(tokens, key=lambda t: t.i):
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    return runs


def _largest_run(tokens: list[Any]) -> list[Any]:
    """The longest run of consecutive tokens (a clause minus an inserted "according to X")."""
    runs = [run for run in _runs(tokens) if any(not t.is_punct for t in run)]
    return max(runs, key=lambda r: sum(not t.is_punct for t in r)) if runs else []


class _Finder:
    """The state of one document's search: its quotes, cues and drafts."""

    def __init__(self, doc: Any, lex: AttributionLexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.text: str = doc_text(doc)
        self.quotes = [m for m in find_marked_spans(self.text) if self._is_speech(m)]
        self._quote_starts = [q.start for q in self.quotes]
        self.paragraph_starts = [0] + [m.end() for m in _NEWLINE.finditer(self.text)]

    # -- helpers -------------------------------------------------------------------------------
    def _is_speech(self, mark: MarkedSpan) -> bool:
        inner = self.doc.char_span(mark.start, mark.end, alignment_mode="expand")
        if inner is None:
            return False
        words = [t for t in inner if not t.is_punct and not t.is_space]
        return len(words) >= MIN_QUOTE_WORDS or (
            len(words) > 1 and any(t.pos_ in ("VERB", "AUX") for t in words)
        )

    def quote_at(self, char: int) -> int | None:
        """Index of the quotation whose inner text holds character ``char``."""
        k = bisect.bisect_right(self._quote_starts, char) - 1
        if k >= 0 and self.quotes[k].start <= char < self.quotes[k].end:
            return k
        return None

    def paragraph_of(self, char: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, char) - 1

    def _inside_quote(self, start: int, end: int) -> int | None:
        """The quotation that holds every word of ``[start, end)``, if any."""
        for k, q in enumerate(self.quotes):
            if q.start >= end or start >= q.end:
                continue  # no overlap: the text outside it need not be built
            outside = self.text[start : max(start, q.start)] + self.text[min(end, q.end) : end]
            if not any(c.isalnum() for c in outside):
                return k
        return None

    def _across_paragraph(self, a: Any, b: Any) -> bool:
        """Tokens in different paragraphs cannot be speaker and verb (a parse run over a line break)."""
        lo, hi = sorted((int(a.idx), int(b.idx)))
        return "\n" in self.text[lo:hi]

    def _subject(self, verb: Any) -> tuple[Any | None, bool]:
        """The speaker of ``verb`` and whether the verb is passive hearsay ("it was reported")."""
        subjects = [
            c for c in verb.children if c.dep_ in ("nsubj", "csubj") and not self._across_paragraph(c, verb)
        ]
        if subjects:
            # the parser sometimes gives a verb two subjects; the nearer one is the speaker
            return min(subjects, key=lambda c: abs(c.i - verb.i)), False
        for child in verb.children:
            if child.dep_ == "nsubjpass":
                for agent in verb.children:
                    if agent.dep_ == "agent":
                        objs = [c for c in agent.children if c.dep_ == "pobj"]
                        return (objs[0] if objs else None), False
                return None, True
        if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i < verb.i:
            # "X said ..., adding that ...": a later verb shares the earlier verb's speaker
            return self._subject(verb.head)
        return None, False

    def _cue(self, verb: Any) -> tuple[str, tuple[int, int]]:
        tokens = [verb]
        particles = self.lex.phrasal.get(str(verb.lemma_).lower(), frozenset())
        tokens += [c for c in verb.children if c.dep_ in ("prt", "acomp") and c.lower_ in particles]
        start, end = _char_span(tokens)
        return self.text[start:end], (start, end)

    def _kind(self, verb: Any) -> CueKind:
        lemma = str(verb.lemma_).lower()
        if lemma in self.lex.speech_verbs:
            return "speech"
        return "belief" if lemma in self.lex.belief_verbs else "evidence"

    def _content(self, verb: Any) -> list[Any]:
        """What ``verb`` reports, without an "according to X" that is an attribution of its own."""
        tokens = self._complement(verb)
        inserted = {
            t.i
            for cue in tokens
            if cue.lower_ == "according" or (cue.lower_ in ("citing", "quoting") and cue.pos_ == "VERB")
            for t in cue.subtree
        }
        return _largest_run([t for t in tokens if t.i not in inserted]) if inserted else tokens

    def _complement(self, verb: Any) -> list[Any]:
        """The tokens of what ``verb`` reports: its clausal complement, else the clause around it."""
        complements = sorted(
            (c for c in verb.children if c.dep_ == "ccomp"), key=lambda c: (c.i < verb.i, abs(c.i - verb.i))
        )
        if complements:
            return list(complements[0].subtree)
        if verb.dep_ == "parataxis" or (verb.dep_ == "ccomp" and verb.i > verb.head.i):
            # "“...,” one Lieutenant says, “...”": the reported clause is the one the verb hangs from
            own = {t.i for t in verb.subtree}
            rest = sorted((t for t in verb.head.subtree if t.i not in own), key=lambda t: t.i)
            return next(run for run in _runs(rest) if any(u.i == verb.head.i for u in run))
        lemma = str(verb.lemma_).lower()
        if lemma in self.lex.speech_verbs:
            # "denied the claims", "called for a ceasefire", "accused ISIS of shelling the camp"
            parts = [
                c
                for c in verb.rights
                if (c.dep_ == "dobj" and lemma not in ADDRESSEE_VERBS)
                or c.dep_ == "xcomp"
                or (c.dep_ == "prep" and c.lower_ in CONTENT_PREPOSITIONS)
            ]
            if parts:
                return [t for c in parts for t in c.subtree]
        return []

    # -- the search ----------------------------------------------------------------------------
    def drafts(self) -> list[_Draft]:
        quote_cue: dict[int, _Draft] = {}
        open_cues: list[_Draft] = []
        reported: list[_Draft] = []
        cue_verbs = self.lex.cue_verbs
        for i, (lemma, lower) in enumerate(doc_token_forms(self.doc)):
            if lower not in ("according", "citing", "quoting") and lemma not in cue_verbs:
                continue  # no branch below can take it: skip building the token
            token = self.doc[i]
            if self.quote_at(int(token.idx)) is not None:
                continue
            if (
                token.lower_ == "according"
                and token.i + 1 < len(self.doc)
                and self.doc[token.i + 1].lower_ == "to"
            ):
                draft = self._according(token, 2)
            elif token.lower_ in ("citing", "quoting") and token.pos_ == "VERB":
                draft = self._according(token, 1)
            elif token.pos_ in ("VERB", "AUX") and str(token.lemma_).lower() in self.lex.cue_verbs:
                draft = self._verb(token)
            else:
                continue
            if draft is None:
                continue
            k = self._inside_quote(draft.start, draft.end) if draft.end > draft.start else None
            if k is not None and draft.kind != "according":
                if k not in quote_cue:
                    q = self.quotes[k]
                    draft.start, draft.end, draft.direct = q.start, q.end, True
                    quote_cue[k] = draft
            elif draft.end > draft.start:
                reported.append(draft)
            elif draft.source_head is not None and draft.kind in ("speech", "belief"):
                open_cues.append(draft)
        directs = [self._direct(k, quote_cue, open_cues, reported) for k in range(len(self.quotes))]
        out = [d for d in directs if d is not None] + reported
        for d in out:
            d.paragraph = self.paragraph_of(d.start)
        return sorted(out, key=lambda d: (d.start, -d.end))

    def _verb(self, verb: Any) -> _Draft | None:
        source, hearsay = self._subject(verb)
        lemma = str(verb.lemma_).lower()
        if hearsay and lemma not in self.lex.passive_hearsay:
            return None
        if source is None and not hearsay and verb.dep_ not in ("parataxis",):
            return None
        cue_text, cue_span = self._cue(verb)
        content = self._content(verb)
        start, end = _char_span(content) if content else (cue_span[1], cue_span[1])
        if content:
            start, end = _trim(self.text, start, end, drop_period=True)
        kind: CueKind = "hearsay" if hearsay else self._kind(verb)
        return _Draft(start, end, False, kind, verb, cue_text, cue_span, source)

    def _according(self, token: Any, width: int) -> _Draft | None:
        """ "according to X, ..." / "..., citing X": the source is the object, the content the clause."""
        last = self.doc[token.i + width - 1]
        objs = [c for c in last.children if c.dep_ in ("pobj", "dobj")]
        if not objs:
            return None
        phrase = {t.i for t in token.subtree} | {token.i, last.i}
        sentence = token.sent
        content = _largest_run([t for t in sentence if t.i not in phrase])
        if not content:
            return None
        start, end = _trim(self.text, *_char_span(content), drop_period=True)
        cue_span = (int(token.idx), int(last.idx + len(last.text)))
        return _Draft(
            start, end, False, "according", token, self.text[cue_span[0] : cue_span[1]], cue_span, objs[0]
        )

    def _direct(
        self, k: int, quote_cue: dict[int, _Draft], open_cues: list[_Draft], reported: list[_Draft]
    ) -> _Draft | None:
        q = self.quotes[k]
        start, end = _trim(self.text, q.start, q.end, drop_period=False)
        if end <= start:
            return None
        draft = quote_cue.get(k)
        if draft is None:
            draft = self._enclosing(start, end, reported) or self._nearest(q, open_cues) or self._colon(q)
        if draft is None:
            return _Draft(start, end, True, "continuation", inherit=True)
        return _Draft(
            start, end, True, draft.kind, draft.cue, draft.cue_text, draft.cue_span, draft.source_head
        )

    @staticmethod
    def _enclosing(start: int, end: int, reported: list[_Draft]) -> _Draft | None:
        """A reported clause that holds this quotation ("told reporters that ISIS was “smuggling ...”")."""
        holders = [d for d in reported if d.start <= start and end <= d.end + 2 and d.source_head is not None]
        return min(holders, key=lambda d: d.end - d.start) if holders else None

    def _nearest(self, q: MarkedSpan, open_cues: list[_Draft]) -> _Draft | None:
        """The closest speech verb without a complement in a sentence this quotation touches."""
        first = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if first is None:
            return None
        sent_start = int(first[0].sent.start_char)
        sent_end = int(first[-1].sent.end_char)
        before = self.text.rfind("\n", 0, q.start) + 1
        after = self.text.find("\n", q.end)
        after = len(self.text) if after < 0 else after
        lo, hi = max(sent_start, before), min(sent_end, after)
        near = [d for d in open_cues if d.cue_span is not None and lo <= d.cue_span[0] < hi]
        if not near:
            return None
        return min(near, key=lambda d: min(abs(d.cue_span[0] - q.end), abs(q.start - d.cue_span[1])))  # type: ignore[index]

    def _colon(self, q: MarkedSpan) -> _Draft | None:
        """ "Iraqi Officer: “...”" -- a noun phrase and a colon before the quotation name the speaker."""
        mark = q.start - 1
        lead = self.text[:mark].rstrip()
        if not lead.endswith(":"):
            return None
        colon = len(lead) - 1
        line_start = self.text.rfind("\n", 0, colon) + 1
        span = self.doc.char_span(line_start, colon, alignment_mode="contract")
        if span is None or len(span) == 0 or len(span) > 8:
            return None
        nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN")]
        if not nouns:
            return None
        head = nouns[-1]
        cue_span = (colon, colon + 1)
        return _Draft(q.start, q.end, True, "colon", None, ":", cue_span, head)

    # -- resolution ----------------------------------------------------------------------------
    def _continues(self, previous: Attribution, draft: _Draft) -> bool:
        """A stand-alone quotation goes on the previous one's speaker: same paragraph, or the next
        paragraph when it opens with the quotation (multi-paragraph quotes)."""
        between = self.text[previous.content_end : draft.start]
        if "\n" not in between:
            return True
        line_start = self.text.rfind("\n", 0, draft.start) + 1
        opens_line = not self.text[line_start : draft.start].strip(" \t\"“«„'‘")
        last_line = self.text[previous.content_end : line_start]
        non_empty = [line for line in last_line.split("\n")[1:] if line.strip()]
        return opens_line and not non_empty

    def resolve(self, drafts: list[_Draft]) -> list[Attribution]:
        memory = SpeakerMemory()
        memory.observe(self.doc, self.lex)
        resolved: dict[int, SourceMention] = {}
        out: list[Attribution] = []
        previous: Attribution | None = None
        for d in sorted(drafts, key=lambda d: (d.start, -d.end)):
            if d.inherit:
                if previous is None or not self._continues(previous, d):
                    attribution = Attribution(d.start, d.end, True, "continuation")
                else:
                    attribution = Attribution(
                        d.start,
                        d.end,
                        True,
                        "continuation",
                        previous.cue,
                        None,
                        previous.source_span,
                        previous.speaker,
                        previous.role,
                        previous.organization,
                    )
            else:
                mention = None
                if d.source_head is not None:
                    key = int(d.source_head.i)
                    if key not in resolved:
                        resolved[key] = memory.resolve(
                            memory.describe(d.source_head, self.lex), self.doc, self.lex
                        )
                    mention = resolved[key]
                attribution = Attribution(
                    d.start,
                    d.end,
                    d.direct,
                    d.kind,
                    d.cue_text,
                    d.cue_span,
                    (mention.start, mention.end) if mention else None,
                    mention.speaker if mention else None,
                    mention.role if mention else None,
                    mention.organization if mention else None,
                )
            out.append(attribution)
            if attribution.direct and attribution.kind != "colon":
                previous = attribution
        return out


def find_attributions(doc: Any, lex: AttributionLexicon | None = None) -> list[Attribution]:
    """All attributions of a spaCy ``Doc``, in text order (direct quotes and reported speech)."""
    finder = _Finder(doc, lex or load_lexicon())
    return finder.resolve(finder.drafts())
