"""The FastAPI app: JSON under ``/api``, the map page at ``/``, the OpenAPI spec at ``/openapi.json``.

Why a factory: nothing is opened or built at import time, so tests and ``tacitus serve`` each make an app
around their own database, and the repository factory decides how connections are opened (one per
worker thread; see :class:`tacitus.api.deps.RepoPool`).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
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
from tacitus.errors import ConfigError
from tacitus.settings import Settings
from tacitus.store import POSTGRES_SCHEMES
from tacitus.store.sqlite import SQLiteRepository

#: Why the API refuses PostgreSQL: its list queries are SQLite SQL (json_extract, json_each); review and
#: tokens work on both backends, the read queries do not yet, and a server that half works is worse.
POSTGRES_NOT_SERVED = (
    "serving a PostgreSQL store is not supported yet: the API's list queries are SQLite SQL. Serve a "
    "SQLite store (--db FILE); `tacitus review` and `tacitus token` do work on PostgreSQL (docs/api.md)."
)

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
    """Build the app around a database (``settings.db`` unless a repository factory is given)."""
    if repo_factory is None and settings.db.startswith(POSTGRES_SCHEMES):
        raise ConfigError(POSTGRES_NOT_SERVED)
    config = config or ApiConfig()
    factory = repo_factory or (lambda: SQLiteRepository.open(settings.db))
    app = FastAPI(
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
    app.state.tacitus = AppState(RepoPool(factory), config, settings.db)
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
