"""Per-thread repositories and bearer-token checks for the API's endpoints.

Why per thread: a ``sqlite3`` connection may only be used by the thread that opened it, and a psycopg
connection runs one statement at a time, while FastAPI runs synchronous endpoints in a thread pool. Each
worker thread opens its own repository once (through the factory the app was given) and keeps it:
SQLite's WAL mode lets them all read while one writes, and on PostgreSQL each thread holds one
connection (autocommit, every write an explicit transaction). The pool closes them all when the app
shuts down.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from fastapi import Request

from tacitus.api.config import ApiConfig
from tacitus.api.errors import ApiError
from tacitus.store.sqlite import SQLiteRepository
from tacitus.store.tokens import ROLE_RANK, TokenInfo, verify_token

if TYPE_CHECKING:
    from tacitus.store.sql import SqlRepository

RepoFactory = Callable[[], "SqlRepository"]


class RepoPool:
    """Hands each thread its own repository, opened on first use; :meth:`close` releases them all."""

    def __init__(self, factory: RepoFactory) -> None:
        self._factory = factory
        self._local = threading.local()
        self._opened: list[SqlRepository] = []
        self._lock = threading.Lock()

    def get(self) -> SqlRepository:
        repo: SqlRepository | None = getattr(self._local, "repo", None)
        if repo is None:
            repo = self._factory()
            self._local.repo = repo
            with self._lock:
                self._opened.append(repo)
        return repo

    def close(self) -> None:
        """Close the server connections the pool opened (at shutdown).

        PostgreSQL connections are closed here, so a stopped app leaves no session on the server. A
        ``sqlite3`` connection may only be closed by the thread that opened it, which at shutdown is
        some pool thread; those are left to be closed when the threads and their objects are collected
        (a file handle, no server resource).
        """
        with self._lock:
            opened, self._opened = self._opened, []
        for repo in opened:
            if not isinstance(repo, SQLiteRepository):
                repo.close()


def bearer(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, if any."""
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(
            401,
            "malformed Authorization header; send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return token.strip()


def authorize(request: Request, repo: SqlRepository, role: str, config: ApiConfig) -> TokenInfo | None:
    """Check the request's token for ``role`` (reads pass without one when ``open_reads``)."""
    token = bearer(request)
    if token is None:
        if role == "reader" and config.open_reads:
            return None
        raise ApiError(
            401,
            f"this needs a bearer token with role {role!r} or higher; create one with `tacitus token create`",
            headers={"WWW-Authenticate": "Bearer"},
        )
    info = verify_token(repo, token)
    if info is None:
        raise ApiError(401, "unknown or revoked token", headers={"WWW-Authenticate": "Bearer"})
    if ROLE_RANK[info.role] < ROLE_RANK[role]:
        raise ApiError(403, f"token {info.name!r} has role {info.role!r}; this needs {role!r} or higher")
    return info


class AppState:
    """What endpoints need from the app: the repository pool, the exposure config and the run settings."""

    def __init__(self, pool: RepoPool, config: ApiConfig, db: str) -> None:
        self.pool = pool
        self.config = config
        self.db = db


def state_of(request: Request) -> AppState:
    """The app's state (set by :func:`tacitus.api.app.create_app`)."""
    state: AppState = request.app.state.tacitus
    return state


def reader(request: Request) -> tuple[SqlRepository, TokenInfo | None]:
    """This thread's repository, after checking read access."""
    state = state_of(request)
    repo = state.pool.get()
    return repo, authorize(request, repo, "reader", state.config)


def writer(request: Request, role: str = "analyst") -> tuple[SqlRepository, TokenInfo]:
    """This thread's repository, after checking a token with ``role`` or higher."""
    state = state_of(request)
    repo = state.pool.get()
    info = authorize(request, repo, role, state.config)
    if info is None:  # authorize() only lets tokenless requests through for reads
        raise ApiError(401, "a bearer token is required", headers={"WWW-Authenticate": "Bearer"})
    return repo, info
