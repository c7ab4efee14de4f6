"""The `expo-tui` command: opens the explorer by default; sub-commands script the same store.

Commands that need no UI never import Textual, so they start fast. Errors are one sentence on
stderr (a traceback only with --debug); exit status 0 on success, 1 on bad data or when nothing
matched where something must, 2 on a usage error.
"""

from __future__ import annotations

from . import maintenance, queries, transfer  # noqa: F401 - importing registers the commands
from .app import Failure, main, open_for

__all__ = ["Failure", "main", "open_for"]
