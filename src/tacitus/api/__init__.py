"""The web API and the map page (``tacitus serve``): JSON over the store, analyst review, token auth."""

from tacitus.api.app import create_app
from tacitus.api.config import ApiConfig

__all__ = ["ApiConfig", "create_app"]
