"""The text of a spaCy ``Doc``, read once.

Why: ``Doc.text`` is rebuilt from every token on each access; the extraction stages slice it thousands of
times per batch (the profile showed a third of the claim stage's time there). The text is cached in the
Doc's ``user_data`` the first time it is asked for.
"""

from __future__ import annotations

from typing import Any

from spacy.attrs import DEP, LEMMA, LOWER, TAG

_KEY = ("tacitus", "text")


def remember_text(doc: Any, text: str) -> None:
    """Record ``text``, the string ``doc`` was parsed from, as its text, so it is never rebuilt.

    Why: spaCy's tokenizer is non-destructive (``nlp(text).text == text``, whitespace included), so the
    string the parser was given is the Doc's text; building it again from the tokens cost ~0.2 ms per
    article.
    """
    doc.user_data[_KEY] = text


def doc_text(doc: Any) -> str:
    """``doc.text``, computed once per Doc."""
    cached = doc.user_data.get(_KEY)
    if cached is None:
        cached = doc.user_data[_KEY] = doc.text
    return str(cached)


_ENTS_KEY = ("tacitus", "ents")


def doc_ents(doc: Any) -> tuple[Any, ...]:
    """``doc.ents``, built once per Doc.

    Why: spaCy builds every entity ``Span`` again on each ``doc.ents``, and ``Span.ents`` reads
    ``doc.ents`` whole for every sentence asked about. The pipeline sets entities only in the spaCy
    stage, before any stage reads them, so the first answer stays right.
    """
    cached = doc.user_data.get(_ENTS_KEY)
    if cached is None:
        cached = doc.user_data[_ENTS_KEY] = tuple(doc.ents)
    return tuple(cached)


def span_ents(span: Any) -> list[Any]:
    """``span.ents`` (the entities wholly inside ``span``, in order) from the Doc's cached entities."""
    start, end = span.start, span.end
    out: list[Any] = []
    for ent in doc_ents(span.doc):
        if ent.start >= start:
            if ent.end <= end:
                out.append(ent)
            else:
                break
    return out


def span_text(span: Any) -> str:
    """``span.text`` sliced from the Doc's cached text (spaCy joins the span's tokens on every read).

    A span's text is exactly ``doc.text[span.start_char:span.end_char]``.
    """
    return doc_text(span.doc)[span.start_char : span.end_char]


_SENT_STARTS_KEY = ("tacitus", "sentence_starts")


def sentence_starts(doc: Any) -> list[int]:
    """The first token index of every sentence of ``doc``, listed once per Doc."""
    cached = doc.user_data.get(_SENT_STARTS_KEY)
    if cached is None:
        cached = doc.user_data[_SENT_STARTS_KEY] = [s.start for s in doc.sents]
    return list(cached)


_FORMS_KEY = ("tacitus", "forms")


def doc_token_forms(doc: Any) -> list[tuple[str, str]]:
    """``(t.lemma_.lower(), t.lower_)`` for every token ``t`` of ``doc``, computed once per Doc.

    Why: the event, date and claim rules test these two strings for every word of a sentence; building a
    spaCy ``Token`` and a string per read was most of that. They are read from the lemma and lower-case
    id arrays, each distinct id turned into its string once. The list is shared: do not change it.
    """
    cached: list[tuple[str, str]] | None = doc.user_data.get(_FORMS_KEY)
    if cached is None:
        strings = doc.vocab.strings
        lemma_ids, lower_ids = doc.to_array([LEMMA, LOWER]).reshape(-1, 2).T.tolist()
        # Each distinct id is looked up once; the per-token pairing then runs in C (map and zip), not in a
        # Python loop over the tokens.
        lemmas = {i: strings[i].lower() for i in set(lemma_ids)}
        lowers = {i: strings[i] for i in set(lower_ids)}
        cached = list(
            zip(map(lemmas.__getitem__, lemma_ids), map(lowers.__getitem__, lower_ids), strict=True)
        )
        doc.user_data[_FORMS_KEY] = cached
    return cached


def doc_token_tags(doc: Any) -> list[str]:
    """``t.tag_`` for every token ``t`` of ``doc``, computed once per Doc (shared: do not change it).

    Why: rules that look at every word of a sentence for a few tags ("NN", "PRP") built a spaCy
    ``Token`` per word just to read its tag; the tag ids are read as one array instead.
    """
    return _token_strings(doc, TAG)


def doc_token_deps(doc: Any) -> list[str]:
    """``t.dep_`` for every token ``t`` of ``doc``, computed once per Doc (shared: do not change it)."""
    return _token_strings(doc, DEP)


def _token_strings(doc: Any, attr: int) -> list[str]:
    """The string of token attribute ``attr`` (an id-valued one: TAG, DEP) per token, cached per Doc."""
    key = ("tacitus", "attr", attr)
    cached: list[str] | None = doc.user_data.get(key)
    if cached is None:
        strings = doc.vocab.strings
        ids: list[int] = doc.to_array(attr).tolist()
        names = {i: strings[i] for i in set(ids)}
        cached = doc.user_data[key] = list(map(names.__getitem__, ids))
    return cached
