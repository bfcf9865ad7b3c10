"""Where the CLI writes: data to stdout, progress and warnings to stderr.

Why a module: every command must agree that stdout carries only data (JSON Lines, CSV) so that
``tacitus extract a.html | jq`` works, and that progress bars switch off when stderr is not a terminal.
"""

from __future__ import annotations

import logging
import sys

from rich.console import Console

#: Tables piped to a file or a CI log are not squeezed into 80 columns.
PIPED_WIDTH = 200

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else PIPED_WIDTH)


def configure_logging(*, quiet: bool, verbose: bool = False) -> None:
    """Library code logs; the CLI decides what reaches the terminal."""
    level = logging.ERROR if quiet else (logging.INFO if verbose else logging.WARNING)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def progress_enabled(quiet: bool) -> bool:
    """Progress bars only for a person watching a terminal."""
    return not quiet and err.is_terminal
