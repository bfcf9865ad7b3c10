"""A real database built from the sample articles, and a real uvicorn server on a free loopback port."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from tacitus.api import ApiConfig, create_app
from tacitus.build import build_pipeline
from tacitus.link.linker import link
from tacitus.runner import ingest_paths
from tacitus.settings import Settings
from tacitus.store.sqlite import SQLiteRepository
from tacitus.store.tokens import create_token

REPO = Path(__file__).resolve().parents[2]


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


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_examples_db(tmp_path_factory.mktemp("api-db") / "examples.db")


@dataclass
class Server:
    """A running server: its base URL, database file and tokens by role."""

    url: str
    db: Path
    tokens: dict[str, str]

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=10)


def start_server(db: Path, config: ApiConfig | None = None) -> tuple[uvicorn.Server, threading.Thread, str]:
    """Serve the app on 127.0.0.1 at a free port (the socket is bound first: no port race)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # accepted connections inherit it; without it, keep-alive answers wait on delayed ACKs (~40 ms)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = create_app(Settings(db=str(db)), config=config)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
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


def serve_copy(source: Path, folder: Path, config: ApiConfig | None = None) -> Iterator[Server]:
    """A server over a fresh copy of the examples database, with one token per role."""
    db = folder / "served.db"
    shutil.copyfile(source, db)
    with SQLiteRepository.open(db) as repo:
        tokens = {
            role: create_token(repo, f"{role}-token", role)[1] for role in ("reader", "analyst", "admin")
        }
    server, thread, url = start_server(db, config)
    try:
        yield Server(url, db, tokens)
    finally:
        stop_server(server, thread)


@pytest.fixture(scope="module")
def server(examples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from serve_copy(examples_db, tmp_path_factory.mktemp("served"))
