"""A real database built from the sample articles, and a real uvicorn server on a free loopback port.

The ``server`` fixture is parametrised over both backends: a copy of the SQLite file, and the same
documents, results, incidents and duplicates stored into a fresh PostgreSQL schema (see the root
conftest: skipped cleanly when no server answers at ``TACITUS_TEST_PG_URL``). Every API contract test
that takes ``server`` therefore runs against both.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from tacitus.api import ApiConfig, create_app
from tacitus.build import build_pipeline
from tacitus.link.linker import link
from tacitus.runner import ingest_paths
from tacitus.settings import Settings
from tacitus.store.sql import SqlAccess, open_sql_repository
from tacitus.store.sqlite import SQLiteRepository
from tacitus.store.tokens import create_token

REPO = Path(__file__).resolve().parents[2]
BACKENDS = ("sqlite", "postgres")
#: The root conftest's ``pg_schemas`` factory (``with make(prefix) as schema: schema.url``).
SchemaMaker = Callable[[str], AbstractContextManager[Any]]


def build_examples_db(path: Path) -> Path:
    """Ingest examples/ with the real pipeline, then link incidents, as `tacitus ingest` + `link` do."""
    settings = Settings(db=str(path))
    with SQLiteRepository.open(path) as repo:
        run = repo.start_run("test", {}, {})
        ingest_paths([REPO / "examples"], settings, repo, build_pipeline(settings), run)
        linker = link(list(repo.iter_results()))
        for doc_id, canonical, similarity in linker.duplicates.verdicts():
            repo.record_duplicate(doc_id, canonical, similarity)
        repo.save_incidents(linker.incidents(), replace=True)
    return path


def copy_store(source: Path, target_db: str) -> None:
    """Copy documents, results, incidents and duplicates of a SQLite store into a store of any backend."""
    with SQLiteRepository.open(source) as src, closing(open_sql_repository(target_db)) as target:
        run = target.start_run("copy", {}, {})
        for result in src.iter_results():
            target.store_document(result.document, result, run)
        target.save_incidents(list(src.iter_incidents()), replace=True)
        for row in src.connection().execute("SELECT doc_id, duplicate_of, similarity FROM duplicates"):
            target.record_duplicate(row["doc_id"], row["duplicate_of"], row["similarity"])


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_examples_db(tmp_path_factory.mktemp("api-db") / "examples.db")


@dataclass
class Server:
    """A running server: its base URL, database (file path or postgresql:// URL), backend, tokens by role."""

    url: str
    db: str
    backend: str
    tokens: dict[str, str]

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=10)

    def count(self, table: str) -> int:
        """Rows in one table of the served store, read behind the server's back."""
        with closing(open_sql_repository(self.db)) as repo:
            row = SqlAccess(repo).one(f"SELECT count(*) AS n FROM {table}")  # table names from the tests
        return int(row["n"]) if row is not None else 0


def start_server(
    db: str | Path, config: ApiConfig | None = None
) -> tuple[uvicorn.Server, threading.Thread, str]:
    """Serve the app of ``db`` on 127.0.0.1 at a free port."""
    return start_app(create_app(Settings(db=str(db)), config=config))


def start_app(app: FastAPI) -> tuple[uvicorn.Server, threading.Thread, str]:
    """Serve ``app`` on 127.0.0.1 at a free port (the socket is bound first: no port race)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # accepted connections inherit it; without it, keep-alive answers wait on delayed ACKs (~40 ms)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    # lifespan on: shutting down runs the app's lifespan exit, which closes every connection it opened
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start within 15 s")
        time.sleep(0.02)
    return server, thread, f"http://127.0.0.1:{port}"


def stop_server(server: uvicorn.Server, thread: threading.Thread) -> None:
    server.should_exit = True
    thread.join(timeout=10)


def _serve(db: str, backend: str, config: ApiConfig | None) -> Iterator[Server]:
    with closing(open_sql_repository(db)) as repo:
        tokens = {
            role: create_token(repo, f"{role}-token", role)[1] for role in ("reader", "analyst", "admin")
        }
    server, thread, url = start_server(db, config)
    try:
        yield Server(url, db, backend, tokens)
    finally:
        stop_server(server, thread)


def serve_copy(source: Path, folder: Path, config: ApiConfig | None = None) -> Iterator[Server]:
    """A server over a fresh copy of the examples SQLite database, with one token per role."""
    db = folder / "served.db"
    shutil.copyfile(source, db)
    yield from _serve(str(db), "sqlite", config)


def serve_backend(
    request: pytest.FixtureRequest, backend: str, source: Path, config: ApiConfig | None = None
) -> Iterator[Server]:
    """A server over a fresh copy of the examples store on ``backend`` (PostgreSQL: a fresh schema)."""
    if backend == "sqlite":
        folder = request.getfixturevalue("tmp_path_factory").mktemp("served")
        yield from serve_copy(source, folder, config)
        return
    schemas: SchemaMaker = request.getfixturevalue("pg_schemas")
    with schemas("tacitus_api") as schema:
        copy_store(source, schema.url)
        yield from _serve(schema.url, "postgres", config)


@pytest.fixture(scope="module", params=BACKENDS)
def server(request: pytest.FixtureRequest, examples_db: Path) -> Iterator[Server]:
    """The examples store served on each backend (the same documents, results and incidents)."""
    yield from serve_backend(request, request.param, examples_db)


@pytest.fixture(scope="module")
def sqlite_server(examples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The examples store served from SQLite only (for the browser test)."""
    yield from serve_copy(examples_db, tmp_path_factory.mktemp("served"))
