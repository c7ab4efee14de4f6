"""The `expo-tui` console script: opens the explorer without loading the CLI.

`expo-tui [--db PATH] [--expo SLUG] [--debug]`, the bare explorer, starts here without importing
click or the data commands (~25 ms of every start). Anything else goes to the click group in
app.py, which parses it as it always has: a command, -h/--help, -V/--version, an unknown option,
an option given twice or without a value, a value that starts with "-", shell completion.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Literal, TypedDict

from .explorer import run_explorer


class ExplorerOptions(TypedDict):
    """The group's options, by their click parameter names."""

    db: str | None
    expo_slug: str | None
    debug: bool


# The group's options that take a value. --debug is the flag.
_VALUE_OPTIONS: dict[str, Literal["db", "expo_slug"]] = {"--db": "db", "--expo": "expo_slug"}


def main() -> None:
    """Run `expo-tui` with the arguments in sys.argv."""
    options = bare_explorer_options(sys.argv[1:])
    if options is None:
        from .app import main as group

        group()  # click's standalone mode: always exits
        return
    # No garbage collection until the explorer's first paint (ExpoApp.freeze_startup_objects
    # turns it back on, at the latest a few seconds in): a start allocates ~60k objects that
    # live as long as the app, and collecting among them cost ~100 passes and a full
    # collection during the first frame, 30-50 ms of the start, to free next to nothing.
    gc.disable()
    run_explorer(**options)


def bare_explorer_options(args: list[str]) -> ExplorerOptions | None:
    """The group's option values if `args` only open the explorer, else None (click decides)."""
    if os.name == "nt":  # click expands wildcards in arguments there
        return None
    if any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ):
        return None  # a shell asks click for completions
    options: ExplorerOptions = {"db": None, "expo_slug": None, "debug": False}
    given: set[str] = set()
    position = 0
    while position < len(args):
        arg = args[position]
        position += 1
        if arg == "--debug":
            if options["debug"]:
                return None
            options["debug"] = True
            continue
        option, equals, value = arg.partition("=")
        name = _VALUE_OPTIONS.get(option)
        if name is None:
            return None
        if not equals:
            if position == len(args):
                return None
            value = args[position]
            position += 1
        if not value or value.startswith("-") or name in given:
            return None
        given.add(name)
        options[name] = value
    return options
