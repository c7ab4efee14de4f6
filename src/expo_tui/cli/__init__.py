"""The `expo-tui` command: opens the explorer by default; sub-commands script the same store.

Commands that need no UI never import Textual, so they start fast. Errors are one sentence on
stderr (a traceback only with --debug); exit status 0 on success, 1 on bad data or when nothing
matched where something must, 2 on a usage error.

The console script is `launch.main`, which opens the bare explorer without importing click. The
click group (`main`), its commands and helpers load when first used from here (PEP 562).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import main
    from .common import Failure, open_for

__all__ = ["Failure", "main", "open_for"]

_MODULES = (
    "app",
    "common",
    "explorer",
    "launch",
    "maintenance",
    "output",
    "queries",
    "transfer",
)


def __getattr__(name: str) -> Any:
    import importlib

    if name in __all__:
        home = ".app" if name == "main" else ".common"
        value = getattr(importlib.import_module(home, __name__), name)
        globals()[name] = value
        return value
    if name in _MODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
