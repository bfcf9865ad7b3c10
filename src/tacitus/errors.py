"""One exception hierarchy. Messages say what happened and what to do next."""

from __future__ import annotations


class TacitusError(Exception):
    """Base of every error Tacitus raises on purpose."""


class InputError(TacitusError):
    """A file or record could not be read. Carries the path so batch reports can name it."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class ConfigError(TacitusError):
    """Settings that cannot work together, with the valid choices in the message."""


class PipelineError(TacitusError):
    """A pipeline assembled wrongly (a stage needs what no earlier stage adds)."""


class StoreError(TacitusError):
    """The database refused an operation."""


class ResolutionError(TacitusError):
    """A gazetteer or dictionary could not be loaded or queried."""
