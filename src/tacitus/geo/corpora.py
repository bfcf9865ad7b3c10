"""Readers for the geoparsing benchmarks: LGL, GeoWebNews and GeoVirus (formats in their READMEs).

Each gives articles with gold toponyms (character span, coordinates, GeoNames id when annotated), so
one evaluator can score all three.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CORPORA = ("lgl", "geowebnews", "geovirus")


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One annotated toponym; ``geonameid`` is None where the corpus gives only coordinates."""

    text: str
    start: int
    end: int
    lat: float | None
    lon: float | None
    geonameid: int | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """An article's text and its gold toponyms."""

    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def _float(node: ET.Element | None) -> float | None:
    text = (node.text or "").strip() if node is not None else ""
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isascii() and text.isdigit() else None


def read_lgl(path: Path) -> Iterator[GoldArticle]:
    """lgl.xml: every <toponym> is a gold mention; the <gaztag> gives id and coordinates when present."""
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for node in article.iter("toponym"):
            start, end = int(node.findtext("start") or 0), int(node.findtext("end") or 0)
            tag = node.find("gaztag")
            toponyms.append(
                GoldToponym(
                    text=text[start:end],
                    start=start,
                    end=end,
                    lat=_float(tag.find("lat")) if tag is not None else None,
                    lon=_float(tag.find("lon")) if tag is not None else None,
                    geonameid=_int(tag.get("geonameid")) if tag is not None else None,
                )
            )
        yield GoldArticle(article.get("docid") or "", text, tuple(toponyms))


def read_geowebnews(path: Path) -> Iterator[GoldArticle]:
    """GWN.xml: locational toponyms (``nonLocational`` No) that carry coordinates are the gold mentions."""
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for node in article.iter("toponym"):
            lat, lon = _float(node.find("latitude")), _float(node.find("longitude"))
            if (node.findtext("nonLocational") or "").strip() == "Yes" or lat is None or lon is None:
                continue
            start, end = int(node.findtext("start") or 0), int(node.findtext("end") or 0)
            toponyms.append(
                GoldToponym(text[start:end], start, end, lat, lon, _int(node.findtext("geonamesID")))
            )
        yield GoldArticle(article.get("file") or "", text, tuple(toponyms))


def _realign(text: str, name: str, start: int) -> tuple[int, int]:
    """GeoVirus offsets are shifted by a character or two in places: find the name next to its offset."""
    if text[start : start + len(name)] == name or not name:
        return start, start + len(name)
    found = text.find(name, max(0, start - 10), start + len(name) + 10)
    return (found, found + len(name)) if found >= 0 else (start, start + len(name))


def read_geovirus(path: Path) -> Iterator[GoldArticle]:
    """GeoVirus.xml: coordinates and Wikipedia pages only (no GeoNames ids)."""
    for number, article in enumerate(ET.parse(path).getroot().iter("article")):
        text = article.findtext("text") or ""
        toponyms = []
        for node in article.iter("location"):
            start, end = _realign(text, node.findtext("name") or "", int(node.findtext("start") or 0))
            toponyms.append(
                GoldToponym(
                    text[start:end], start, end, _float(node.find("lat")), _float(node.find("lon")), None
                )
            )
        yield GoldArticle(article.findtext("source") or str(number), text, tuple(toponyms))


def read_corpus(name: str, shared: Path) -> list[GoldArticle]:
    """Articles of a corpus from the shared datasets directory (``<shared>/datasets/geo/...``)."""
    base = shared / "datasets" / "geo"
    if name == "lgl":
        return list(read_lgl(base / "lgl" / "lgl.xml"))
    if name == "geowebnews":
        return list(read_geowebnews(base / "geowebnews" / "GWN.xml"))
    if name == "geovirus":
        return list(read_geovirus(base / "geovirus" / "GeoVirus.xml"))
    raise ValueError(f"unknown corpus {name!r}; choose from {', '.join(CORPORA)}")
