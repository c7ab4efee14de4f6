"""Where expo-tui finds and keeps databases. Nothing here runs at import time.

The shipped Indo Defence 2025 store lives inside the installed package and is only ever opened
read-only. A user's own store (imports, notes) lives in the platform's user data folder.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DB = "EXPO_TUI_DB"


def shipped_db() -> Path:
    """The database bundled with the package (falls back to the repository in a source tree)."""
    from importlib import resources

    packaged = Path(str(resources.files("expo_tui"))) / "data" / "expo.db"
    if packaged.exists():
        return packaged
    repository = Path(__file__).resolve().parents[2] / "data" / "expo.db"
    return repository if repository.exists() else packaged


def user_db() -> Path:
    """The user's own store, created on first import."""
    import platformdirs

    return Path(platformdirs.user_data_dir("expo-tui", appauthor=False)) / "expo.db"


def default_db() -> tuple[Path, bool]:
    """The store to open when none is named: (path, read_only).

    EXPO_TUI_DB wins; then the user's store if they have imported anything; else the shipped
    data, read-only so nothing a user does can change the installed package.
    """
    named = os.environ.get(ENV_DB)
    if named:
        return Path(named).expanduser(), False
    own = user_db()
    if own.exists():
        return own, False
    return shipped_db(), True
