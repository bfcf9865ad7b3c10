"""Shared fixtures: the packaged index (built once into the user cache) and small GeoNames files."""

from __future__ import annotations

import gzip
import os
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tacitus.geo.gazetteer import Gazetteer
from tacitus.geo.index import connect
from tacitus.geo.resolve import Mention

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("TACITUS_SHARED") or REPO.parent / "shared")
EXAMPLES = SHARED / "examples"


def geoname_row(
    gid: int,
    name: str,
    lat: float,
    lon: float,
    fclass: str,
    fcode: str,
    country: str,
    admin1: str = "",
    admin2: str = "",
    population: int = 0,
    alternates: str = "",
) -> str:
    """One line in GeoNames' 19-column 'geoname' format."""
    cols = [
        str(gid),
        name,
        name,
        alternates,
        str(lat),
        str(lon),
        fclass,
        fcode,
        country,
        "",
        admin1,
        admin2,
        "",
        "",
        str(population),
        "",
        "",
        "Asia/Baghdad",
        "2024-01-01",
    ]
    return "\t".join(cols) + "\n"


IQ_ROWS = (
    geoname_row(99237, "Iraq", 33.0, 44.0, "A", "PCLI", "IQ", "00", population=38_000_000)
    + geoname_row(
        99072,
        "Mosul",
        36.335,
        43.11889,
        "P",
        "PPLA",
        "IQ",
        "15",
        "9166649",
        1_683_000,
        "Al Mawsil,Al-Mosul,OSM",
    )
    + geoname_row(
        90393,
        "Tall ‘Afar",
        36.37913,
        42.44806,
        "P",
        "PPLA2",
        "IQ",
        "15",
        "90392",
        100_000,
        "Tal Afar,Tel Afar",
    )
    + geoname_row(98182, "Baghdad", 33.34058, 44.40088, "P", "PPLC", "IQ", "07", "", 7_216_000)
)


@pytest.fixture
def empty_index(tmp_path: Path) -> Iterator[Gazetteer]:
    """An index with the schema and nothing in it (so ``open`` does not build the packaged one)."""
    path = tmp_path / "gaz.sqlite"
    connect(path).close()
    gazetteer = Gazetteer.open(path)
    yield gazetteer
    gazetteer.close()


@pytest.fixture
def geonames_files(tmp_path: Path) -> dict[str, Path]:
    """Small files in GeoNames dump formats, under their usual names."""
    files: dict[str, Path] = {}
    (tmp_path / "IQ.txt").write_text(IQ_ROWS, encoding="utf-8")
    files["IQ.txt"] = tmp_path / "IQ.txt"
    with zipfile.ZipFile(tmp_path / "IQ.zip", "w") as archive:
        archive.writestr("readme.txt", "GeoNames readme")
        archive.writestr("IQ.txt", IQ_ROWS)
    files["IQ.zip"] = tmp_path / "IQ.zip"
    with gzip.open(tmp_path / "cities500.txt.gz", "wt", encoding="utf-8") as out:
        out.write(IQ_ROWS)
    files["cities500.txt.gz"] = tmp_path / "cities500.txt.gz"
    alt = "1\t99072\tar\tالموصل\t\t\t\t\n2\t99072\ten\tMosoul\t\t\t\t\n3\t99072\tlink\thttps://x\t\t\t\t\n"
    (tmp_path / "alternateNamesV2.txt").write_text(alt, encoding="utf-8")
    files["alternateNamesV2.txt"] = tmp_path / "alternateNamesV2.txt"
    (tmp_path / "admin1CodesASCII.txt").write_text(
        "IQ.15\tNinawá\tNinawa\t99062\nIQ.07\tBaghdad\tBaghdad\t98180\n", encoding="utf-8"
    )
    files["admin1CodesASCII.txt"] = tmp_path / "admin1CodesASCII.txt"
    (tmp_path / "admin2Codes.txt").write_text(
        "IQ.15.9166649\tMosul\tMosul\t9166649\nIQ.15.90392\tTel Afar District\tTel Afar District\t90392\n",
        encoding="utf-8",
    )
    files["admin2Codes.txt"] = tmp_path / "admin2Codes.txt"
    info = (
        "#ISO\tISO3\n"
        + "\t".join(
            [
                "IQ",
                "IRQ",
                "368",
                "IZ",
                "Iraq",
                "Baghdad",
                "437072",
                "38433600",
                "AS",
                ".iq",
                "IQD",
                "Dinar",
                "964",
                "#####",
                "^(\\d{5})$",
                "ar-IQ,ku,hy",
                "99237",
                "SY,SA,IR,JO,TR,KW",
                "",
            ]
        )
        + "\n"
    )
    (tmp_path / "countryInfo.txt").write_text(info, encoding="utf-8")
    files["countryInfo.txt"] = tmp_path / "countryInfo.txt"
    return files


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared data directory ($TACITUS_SHARED, else ``shared`` next to the repository)."""
    return SHARED


@pytest.fixture(scope="session")
def packaged() -> Iterator[Gazetteer]:
    """The packaged index, built on first use into the user cache dir (as a user would get it)."""
    gazetteer = Gazetteer.open()
    yield gazetteer
    gazetteer.close()


@pytest.fixture(scope="session")
def mentions_at() -> Callable[..., list[Mention]]:
    """``mentions_at(text, *names)``: a Mention for each name, found left to right in ``text``."""

    def find(text: str, *names: str) -> list[Mention]:
        out, start = [], 0
        for name in names:
            start = text.index(name, start)
            out.append(Mention(name, start, start + len(name)))
            start += len(name)
        return out

    return find
