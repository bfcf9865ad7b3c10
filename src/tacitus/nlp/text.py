"""The text of a spaCy ``Doc``, read once.

Why: ``Doc.text`` is rebuilt from every token on each access; the extraction stages slice it thousands of
times per batch (the profile showed a third of the claim stage's time there). The text is cached in the
Doc's ``user_data`` the first time it is asked for.
"""

from __future__ import annotations

from typing import Any

_KEY = ("tacitus", "text")


def doc_text(doc: Any) -> str:
    """``doc.text``, computed once per Doc."""
    cached = doc.user_data.get(_KEY)
    if cached is None:
        cached = doc.user_data[_KEY] = doc.text
    return str(cached)
