"""How place names are compared: one normal form for the index and for every lookup.

Why: news writes the same place many ways ("al-Shafaa", "Al Shifa", "Shifa'a", "Tall 'Afar"). Folding
case, diacritics, hyphens, apostrophes and the Arabic article ("al-", "el-", "ad-", ...) makes the exact
index lookup catch most transliterations; rapidfuzz then handles what is left (Zanjili/Zanjali).
"""

from __future__ import annotations

import re
import unicodedata

#: The Arabic article as it appears transliterated, with its sun-letter assimilations (ad-, ar-, as-, ...).
_ARTICLE = re.compile(r"^(?:al|el|ul|ad|ar|as|ash|at|az|an|adh|ath|a[dlrstzn])[-\s'’]+(?=\w)")
_APOSTROPHES = re.compile(r"['’ʼʻ`´‘]")
_SEPARATORS = re.compile(r"[-‐‑‒–—_/,()\s]+")
_DOTS = re.compile(r"\.")
_LEADING_THE = re.compile(r"^the\s+")


def fold(text: str) -> str:
    """Casefold and strip diacritics; keeps letters of non-Latin scripts as they are."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize(name: str) -> str:
    """The index key of a name: folded, article-free, punctuation-free, single-spaced.

    >>> normalize("al-Shafaa"), normalize("Al Shafa'a"), normalize("the Old City")
    ('shafaa', 'shafaa', 'old city')
    """
    text = fold(name).strip()
    text = _LEADING_THE.sub("", text)
    text = _DOTS.sub("", _APOSTROPHES.sub("", text))
    text = _ARTICLE.sub("", text)
    text = _SEPARATORS.sub(" ", text).strip()
    # "Tall Afar"/"Tal Afar" and "Hammam al Alil": drop articles inside multiword names too.
    words = [w for w in text.split(" ") if w not in {"al", "el"}]
    return " ".join(words) if words else text


def plain(name: str) -> str:
    """The folded name with its article kept ("el paso"): an exact match on it beats one without it."""
    return _SEPARATORS.sub(
        " ", _DOTS.sub("", _APOSTROPHES.sub("", _LEADING_THE.sub("", fold(name).strip())))
    ).strip()


def variants(name: str) -> set[str]:
    """Every index key a name should be findable under (the normal form, and the form with its article)."""
    keys = {normalize(name), plain(name)}
    keys.discard("")
    return keys


_VOWELS = re.compile(r"[aeiouy]+")


def skeleton(norm: str) -> str:
    """Consonants only, doubled letters single ("zanjali" and "zanjili" -> "znjl"), for fuzzy matching."""
    return re.sub(r"(.)\1+", r"\1", _VOWELS.sub("", norm.replace(" ", "")))
