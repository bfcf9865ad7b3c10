"""How a surface form of an actor is normalised into the key its aliases are stored under.

Its own module because both the dictionary and the generated national forces need it.
"""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def normalise(surface: str) -> str:
    """Lower-case, single-spaced, without a leading article/possessive: the key aliases are stored under."""
    text = _SPACE.sub(" ", surface.replace("’", "'")).strip().strip('.,;:"“”')
    text = _POSSESSIVE.sub("", text)
    return text.lower()
