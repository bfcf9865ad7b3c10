"""The FastAPI app: JSON under ``/api``, the map page at ``/``, the OpenAPI spec at ``/openapi.json``.

Why a factory: nothing is opened or built at import time, so tests and ``tacitus serve`` each make an app
around their own database, and the repository factory decides how connections are opened (one per
worker thread; see :class:`tacitus.api.deps.RepoPool`). ``settings.db`` may name a SQLite file or a
``postgresql://`` URL: the queries are written once over :mod:`tacitus.store.sql`'s dialect pieces.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

from tacitus.api import read_routes, review_routes
from tacitus.api.config import ApiConfig
from tacitus.api.deps import AppState, RepoFactory, RepoPool
from tacitus.api.errors import BodyLimitMiddleware, install_error_handlers
from tacitus.settings import Settings
from tacitus.store.sql import open_sql_repository

if TYPE_CHECKING:
    from tacitus.store.sql import SqlRepository

ERROR_SCHEMA = {
    "description": "Every 4xx/5xx answer has this shape",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {
                    "error": {
                        "type": "object",
                        "properties": {
                            "code": {"type": "string"},
                            "message": {"type": "string"},
                            "detail": {},
                        },
                        "required": ["code", "message", "detail"],
                    }
                },
                "required": ["error"],
            }
        }
    },
}


def static_dir() -> Path:
    """The folder of the map page's files inside the installed package."""
    return Path(str(resources.files("tacitus.api").joinpath("static")))


def _content_security_policy(config: ApiConfig) -> str:
    images = "'self' data:"
    if config.tile_url:
        parts = urlsplit(config.tile_url.replace("{s}", "a"))
        if parts.scheme and parts.netloc:
            images += (
                f" {parts.scheme}://{parts.netloc.split('{')[0]}*"
                if "{" in parts.netloc
                else (f" {parts.scheme}://{parts.netloc}")
            )
    return (
        f"default-src 'self'; img-src {images}; style-src 'self'; script-src 'self'; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    )


def create_app(
    settings: Settings, repo_factory: RepoFactory | None = None, config: ApiConfig | None = None
) -> FastAPI:
    """Build the app around a database (``settings.db`` unless a repository factory is given).

    ``settings.db`` is a SQLite file path or a ``postgresql://`` URL; nothing is opened until the first
    request (or :meth:`RepoPool.get`). Shutting the app down closes every connection it opened.
    """
    config = config or ApiConfig()
    db = settings.db

    def open_store() -> SqlRepository:
        return open_sql_repository(db)

    pool = RepoPool(repo_factory or open_store)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            pool.close()

    app = FastAPI(
        lifespan=lifespan,
        title="Tacitus API",
        version="1",
        description="Evidence-linked conflict data: documents, claims, events, incidents, places, actors, "
        'and analyst review. Errors: {"error": {"code", "message", "detail"}}.',
        responses={
            400: ERROR_SCHEMA,
            401: ERROR_SCHEMA,
            403: ERROR_SCHEMA,
            404: ERROR_SCHEMA,
            413: ERROR_SCHEMA,
            422: ERROR_SCHEMA,
            500: ERROR_SCHEMA,
        },
    )
    app.state.tacitus = AppState(pool, config, settings.db)
    install_error_handlers(app)
    app.include_router(read_routes.router)
    app.include_router(review_routes.router)
    folder = static_dir()
    app.mount("/static", StaticFiles(directory=folder), name="static")
    policy = _content_security_policy(config)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(folder / "index.html", headers={"Content-Security-Policy": policy})

    async def security_headers(request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    app.add_middleware(BaseHTTPMiddleware, dispatch=security_headers)
    if config.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(config.cors_origins),
            allow_methods=["GET", "POST", "PATCH"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(BodyLimitMiddleware, limit=config.max_body_bytes)
    return app
