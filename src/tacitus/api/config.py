"""What the API can be configured with, beside the run :class:`~tacitus.settings.Settings`.

Why a separate object: the run settings describe extraction; these describe exposure (who may read, how
big a request may be, which origins a browser may call from), and their defaults are the safe ones:
reads open on the loopback interface, no CORS, small request bodies, no tile server.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ApiConfig(BaseModel):
    """Exposure settings of the API server."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    #: Reads without a token (True) or only with a token of any role (False). Writes always need one.
    open_reads: bool = True
    #: Largest request body accepted; larger ones get 413.
    max_body_bytes: int = Field(default=64 * 1024, ge=1024)
    #: Largest page a list endpoint returns.
    max_limit: int = Field(default=500, ge=1)
    #: Origins a browser may call the API from; empty = no CORS headers at all.
    cors_origins: tuple[str, ...] = ()
    #: Optional XYZ tile URL template (``https://host/{z}/{x}/{y}.png``) for the map; none = outlines only.
    tile_url: str | None = None
