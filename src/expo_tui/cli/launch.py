"""The `expo-tui` console script: opens the explorer without loading the CLI.

`expo-tui [--db PATH] [--expo SLUG] [--debug]`, the bare explorer, starts here without importing
click or the data commands (~25 ms of every start). Anything else goes to the click group in
app.py, which parses it as it always has: a command, -h/--help, -V/--version, an unknown option,
an option given twice or without a value, a value that starts with "-", shell completion.

Errors look the same either way: whatever escapes opening the store or running the explorer is
handed to click to report (one line on stderr and exit status 1, a traceback with --debug,
"Aborted!" after an interrupt).
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from ..store import Store

# The group's options that take a value, by their click parameter names. --debug is the flag.
_VALUE_OPTIONS = {"--db": "db", "--expo": "expo_slug"}


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


def bare_explorer_options(args: list[str]) -> dict[str, str | bool | None] | None:
    """The group's option values if `args` only open the explorer, else None (click decides)."""
    if os.name == "nt":  # click expands wildcards in arguments there
        return None
    if any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ):
        return None  # a shell asks click for completions
    options: dict[str, str | bool | None] = {"db": None, "expo_slug": None, "debug": False}
    given: set[str] = set()
    position = 0
    while position < len(args):
        arg = args[position]
        position += 1
        value: str | bool
        if arg == "--debug":
            name, value = "debug", True
        else:
            option, equals, value = arg.partition("=")
            found = _VALUE_OPTIONS.get(option)
            if found is None:
                return None
            name = found
            if not equals:
                if position == len(args):
                    return None
                value = args[position]
                position += 1
            if not value or value.startswith("-"):
                return None
        if name in given:
            return None
        given.add(name)
        options[name] = value
    return options


def open_for_reading(db: str | None) -> Store:
    """Open the named store (read-only unless it can be written), or the default one."""
    from ..store import open_store

    if db:
        path = Path(db).expanduser()
        return open_store(path, readonly=not _writable(path), create=False)
    from .. import paths

    path, readonly = paths.default_db()
    return open_store(path, readonly=readonly, create=False)


def _writable(path: Path) -> bool:
    return path.exists() and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def run_explorer(db: str | None, expo_slug: str | None, debug: bool) -> NoReturn:
    """What the group does with no command: open the store and run the explorer on it."""
    try:
        store = open_for_reading(db)
    except BaseException as error:
        _report(error, debug, opening=True)
    try:
        from ..tui.loading.prefetch import start_prefetch

        # the explorer's first reads run while Textual is imported and started
        prefetch = start_prefetch(store, expo_slug)
        from ..tui.app import ExpoApp

        app = ExpoApp(store, expo_slug=expo_slug, prefetch=prefetch)
        app.run()
        store.close()
    except BaseException as error:
        _report(error, debug, opening=False)
    sys.exit(app.return_code or 0)


def _report(error: BaseException, debug: bool, *, opening: bool) -> NoReturn:
    """End as `expo-tui` did when `error` escaped inside the click group: the same handlers
    (app.friendly_errors around opening the store, then click's own) see the same exception."""
    import click

    from .app import friendly_errors

    @click.command()
    def replay() -> None:
        if opening:
            with friendly_errors(debug):
                raise error
        raise error

    replay.main(args=[], prog_name="expo-tui")
    raise error  # not reached: click exits, or lets the exception through
