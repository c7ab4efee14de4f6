"""Running the explorer: the one place the CLI builds the Textual app.

Both ways in end here: the console script's fast path (`launch.main`, no click loaded) and the
click group with no command. Errors look the same either way: whatever escapes opening the
store or running the explorer is handed to click to report (one line on stderr and exit
status 1, a traceback with --debug, "Aborted!" after an interrupt).
"""

from __future__ import annotations

import sys
from typing import NoReturn


def run_explorer(
    db: str | None, expo_slug: str | None, debug: bool, *, review: bool = False
) -> NoReturn:
    """Open the store (`db`, else the default one) and run the explorer on it until it quits;
    exit with its return code. `review`: open on the review screen (`expo-tui review`)."""
    from ..workflows.stores import open_for_reading

    try:
        store = open_for_reading(db)
    except BaseException as error:
        _report(error, debug, opening=True)
    try:
        from ..tui.loading.prefetch import start_prefetch

        # the explorer's first reads run while Textual is imported and started
        prefetch = start_prefetch(store, expo_slug)
        from ..tui.app import ExpoApp

        app = ExpoApp(store, expo_slug=expo_slug, prefetch=prefetch, review=review)
        app.run()
        store.close()
    except BaseException as error:
        _report(error, debug, opening=False)
    sys.exit(app.return_code or 0)


def _report(error: BaseException, debug: bool, *, opening: bool) -> NoReturn:
    """End as a command inside the click group ends when `error` escapes it: the same handlers
    (common.friendly_errors around opening the store, then click's own) see the same exception.
    Inside the group this replays what the group would do; on the fast path it is the only
    place click is loaded."""
    import click

    from .common import clean_messages, friendly_errors

    @click.command()
    def replay() -> None:
        with clean_messages():
            if opening:
                with friendly_errors(debug):
                    raise error
            raise error

    replay.main(args=[], prog_name="expo-tui")
    raise error  # not reached: click exits, or lets the exception through
