"""Loading GeoNames dump files and curated CSVs into an index, and reading them back from disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tacitus.errors import InputError
from tacitus.geo.gazetteer import Gazetteer
from tacitus.geo.geonames_dump import DumpKind, detect_kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("IQ.txt", DumpKind.GEONAMES),
        ("IQ.zip", DumpKind.GEONAMES),
        ("cities500.txt.gz", DumpKind.GEONAMES),
        ("alternateNamesV2.txt", DumpKind.ALTERNATE_NAMES),
        ("admin1CodesASCII.txt", DumpKind.ADMIN1),
        ("admin2Codes.txt", DumpKind.ADMIN2),
        ("countryInfo.txt", DumpKind.COUNTRY_INFO),
    ],
)
def test_detects_each_geonames_file(geonames_files: dict[str, Path], name: str, kind: DumpKind) -> None:
    assert detect_kind(geonames_files[name]) is kind


def test_detects_by_columns_when_renamed(geonames_files: dict[str, Path], tmp_path: Path) -> None:
    renamed = tmp_path / "whatever.tsv"
    renamed.write_text(geonames_files["admin2Codes.txt"].read_text(encoding="utf-8"), encoding="utf-8")
    assert detect_kind(renamed) is DumpKind.ADMIN2
    geo = tmp_path / "dump.tsv"
    geo.write_text(geonames_files["IQ.txt"].read_text(encoding="utf-8"), encoding="utf-8")
    assert detect_kind(geo) is DumpKind.GEONAMES


def test_rejects_unknown_file(tmp_path: Path) -> None:
    odd = tmp_path / "odd.txt"
    odd.write_text("a,b,c\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a GeoNames file"):
        detect_kind(odd)


def test_load_country_file_then_side_files(empty_index: Gazetteer, geonames_files: dict[str, Path]) -> None:
    for name in (
        "IQ.zip",
        "alternateNamesV2.txt",
        "admin1CodesASCII.txt",
        "admin2Codes.txt",
        "countryInfo.txt",
    ):
        empty_index.load(geonames_files[name])
    path = empty_index.path
    empty_index.close()
    reopened = Gazetteer(path)  # the data is on disk, not in a cache
    mosul = reopened.lookup("al-Mawsil")[0]
    assert (mosul.geonameid, mosul.feature_code, mosul.admin2) == (99072, "PPLA", "9166649")
    assert reopened.lookup("Mosoul")[0].geonameid == 99072  # from alternateNamesV2
    assert reopened.lookup("https://x") == ()  # links are not names
    assert reopened.lookup("OSM") == ()  # nor airport codes
    assert reopened.lookup("Tal Afar")[0].geonameid == 90393
    assert reopened.admin_name("IQ", "15") == "Ninawá"
    assert reopened.admin_name("IQ", "15", "9166649") == "Mosul"
    district = reopened.place("geonames:90392")
    assert district is not None and district.feature_code == "ADM2"
    # An admin area without coordinates gets them from its populated places.
    assert district.lat == pytest.approx(36.37913) and district.lon == pytest.approx(42.44806)
    reopened.close()


def test_gzip_and_plain_load_the_same(tmp_path: Path, geonames_files: dict[str, Path]) -> None:
    counts = []
    for name in ("IQ.txt", "cities500.txt.gz"):
        index = Gazetteer.open(_empty(tmp_path / f"{name}.sqlite"))
        counts.append(index.load(geonames_files[name])[1])
        index.close()
    assert counts == [4, 4]


def test_add_curated_csv_inherits_parent(
    empty_index: Gazetteer, geonames_files: dict[str, Path], tmp_path: Path
) -> None:
    empty_index.load(geonames_files["IQ.txt"])
    csv = tmp_path / "camps.csv"
    csv.write_text(
        "name,aliases,lat,lon,parent geonameid,feature code\n"
        "Hasansham U3,Hasan Sham;Hassan Sham camp,36.28,43.56,99072,PPLX\n",
        encoding="utf-8",
    )
    assert empty_index.add(csv) == 1
    found = empty_index.lookup("Hassan Sham camp")[0]
    assert (found.key, found.country, found.admin1, found.parent) == (
        "tacitus:hasansham-u3",
        "IQ",
        "15",
        "geonames:99072",
    )
    assert any(p.text == "Hasan Sham" and p.id == "tacitus:hasansham-u3" for p in empty_index.patterns())


def test_add_rejects_bad_rows(empty_index: Gazetteer, tmp_path: Path) -> None:
    csv = tmp_path / "bad.csv"
    csv.write_text("name,aliases,lat,lon\nNowhere,,95,10\n", encoding="utf-8")
    with pytest.raises(InputError, match="outside"):
        empty_index.add(csv)


def _empty(path: Path) -> Path:
    from tacitus.geo.index import connect

    connect(path).close()
    return path


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.lists(
            st.text(
                alphabet=st.characters(blacklist_characters="\t\n\r", codec="utf-8"),
                max_size=8,
            ),
            min_size=1,
            max_size=20,
        ),
        max_size=5,
    )
)
def test_loading_never_raises_on_garbage_rows(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]]
) -> None:
    base = tmp_path_factory.mktemp("garbage")
    index = Gazetteer.open(_empty(base / "g.sqlite"))
    for kind in DumpKind:
        path = base / f"{kind.value}.txt"
        path.write_text("".join("\t".join(["1", *row]) + "\n" for row in rows), encoding="utf-8")
        index.load(path, kind)
    index.close()
