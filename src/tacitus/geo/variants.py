"""Written forms of a place name that the index holds under another form.

Why: news abbreviates the generic word of a county ("Platte Co.") and names countries by the plural of
their people ("Czechs", "Iraqis", "Canadians"); the index has "Platte County" and the singular demonym
("Czech", from countryinfo). Only tried when the name as written matches nothing exactly, so a place
really called "Co." or a town named like a plural is found first.
"""

from __future__ import annotations

import re

_COUNTY_ABBREVIATION = re.compile(r"^(.+?)\s+Co\.?$")
#: Capitalised words ending in a plural "s" after a demonym ending ("Iraqis", "Czechs", "Canadians",
#: "Utahns", "West Virginians"); "-ese" and "-ish" demonyms have no plural form.
_PLURAL_DEMONYM = re.compile(r"^([A-Z][\w' -]*(?:n|i|ch|er|ite))s$")


def county_spelled_out(text: str) -> str | None:
    """ "Platte Co." -> "Platte County"; None when the name does not end in the abbreviation."""
    match = _COUNTY_ABBREVIATION.match(text.strip())
    return f"{match.group(1)} County" if match else None


def singular_demonym(text: str) -> str | None:
    """ "Iraqis" -> "Iraqi", "Canadians" -> "Canadian"; None for other words."""
    match = _PLURAL_DEMONYM.match(text.strip())
    return match.group(1) if match else None
