"""The `expo-tui` group and what every command shares: opening a store, one-line errors, and
reading --expo, --day and --country the way the explorer reads them."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import __version__
from .launch import open_for_reading

if TYPE_CHECKING:
    from ..store import Store

EVENT_KINDS_CHOICE = (
    "opening",
    "closing",
    "bilateral_meeting",
    "courtesy_call",
    "mou_signing",
    "pavilion_visit",
    "forum_session",
    "launch",
    "public_day",
    "other",
)  # records.EVENT_KINDS (checked by a test), spelled out so --help needs no import
SEARCH_KINDS = ("country", "person", "organization", "exhibitor", "event")
DB_HELP = "Database file (default: $EXPO_TUI_DB, else your own store, else the shipped data)."


class Failure(click.ClickException):
    """A clean, one-sentence failure with exit status 1."""

    exit_code = 1

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(f"expo-tui: {self.format_message()}", err=True)


@contextmanager
def friendly_errors(debug: bool) -> Iterator[None]:
    """Turn the store's and readers' errors into one line on stderr (traceback with --debug)."""
    from ..ingest.errors import IngestError
    from ..store import StoreError

    try:
        yield
    except (StoreError, IngestError) as error:
        if debug:
            raise
        raise Failure(one_line(str(error))) from error
    except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
        raise
    except BrokenPipeError:
        # The reader went away (`expo-tui meetings | head`): stop quietly, as Unix tools do.
        # Point stdout at /dev/null so the interpreter's final flush cannot fail again.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise click.exceptions.Exit(0) from None
    except OSError as error:
        if debug:
            raise
        where = f"{error.filename}: " if getattr(error, "filename", None) else ""
        raise Failure(f"{where}{error.strerror or error}.") from error
    except Exception as error:
        if debug:
            raise
        raise Failure(
            f"unexpected {type(error).__name__}: {one_line(str(error))} "
            "(run `expo-tui --debug ...` to see the traceback)"
        ) from error


def one_line(text: str) -> str:
    from ..export.text import plain

    return " ".join(plain(text).split())[:1000]


def open_for(db: str | None, *, write: bool = False) -> Store:
    """Open the named store, or the default one (read-only shipped data unless writing)."""
    if not write:
        return open_for_reading(db)
    from .. import paths
    from ..store import open_store

    if db:
        return open_store(Path(db).expanduser(), readonly=False, create=True)
    path, readonly = paths.default_db()
    if readonly:
        raise Failure("The shipped data is read-only; name a store with --db or $EXPO_TUI_DB.")
    return open_store(path, readonly=False, create=True)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="expo-tui")
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.option(
    "--expo", "expo_slug", metavar="SLUG", help="Open this expo first (see `expo-tui expos`)."
)
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.pass_context
def main(ctx: click.Context, db: str | None, expo_slug: str | None, debug: bool) -> None:
    """Explore who came to an expo, who led each delegation and who met whom, with sources.

    With no command, opens the explorer on the shipped Indo Defence 2025 data (or on --db).
    Keys inside: tab/h/l move between panes, / searches countries, 1-9 pick a day, 0 shows
    all days, f filters the timeline to the selected country, ? lists every key, q quits.
    """
    # The console script (launch.main) opens the explorer itself, without click, when the
    # arguments are only these options; what follows must do the same as launch.run_explorer.
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    ctx.obj["db"] = db
    if ctx.invoked_subcommand is not None:
        return
    with friendly_errors(debug):
        store = open_for(db)
    from ..tui.prefetch import start_prefetch

    prefetch = start_prefetch(store, expo_slug)
    from ..tui.app import ExpoApp

    app = ExpoApp(store, expo_slug=expo_slug, prefetch=prefetch)
    app.run()
    store.close()
    sys.exit(app.return_code or 0)


# -- shared by the data commands ---------------------------------------------------------------

JSON_HELP = "Print JSON for scripts instead of a table."
EXPO_HELP = "The expo (its slug; see `expo-tui expos`). Default: the most recent one."
DAY_HELP = (
    "A day number (2), an ISO date (2025-06-12), date text (12 Juni 2025), 'undated' or 'all'."
)
COUNTRY_HELP = "Any country name, code or alias (Rusia, RU, RUS, Russia)."
FORMATS_IN = ("auto", "json", "csv", "ics", "frab")
FORMATS_OUT = ("ics", "csv", "json", "md")


def chosen_db(ctx: click.Context, db: str | None) -> str | None:
    return db or ctx.obj.get("db")


def pick_expo(store: Store, slug: str | None):  # type: ignore[no-untyped-def]
    if slug:
        expo = store.expo(slug)
        if expo is None:
            known = ", ".join(e.slug for e in store.expos()[:10]) or "none"
            raise Failure(f"No expo {slug!r} in {store.path or 'the store'} (known: {known}).")
        return expo
    expos = store.expos()
    if not expos:
        raise Failure(f"{store.path or 'The store'} holds no expo yet; import one first.")
    return expos[0]


def day_option(expo, text: str | None) -> str | None:  # type: ignore[no-untyped-def]
    from ..selectors import SelectorError, day_key

    if text is None:
        return None
    try:
        return day_key(expo, text)
    except SelectorError as error:
        raise click.BadParameter(str(error), param_hint="'--day'") from None


def country_option(text: str | None, store: Store | None = None) -> str | None:
    """The alpha-3 code the user means by --country (asking `store` first, when open)."""
    from ..selectors import SelectorError, country_code

    if text is None:
        return None
    if store is not None and (code := store.resolve_country(text)) is not None:
        return code
    try:
        return country_code(text)
    except SelectorError as error:
        raise click.BadParameter(str(error), param_hint="'--country'") from None


# Importing the group registers every command on it, however the module is reached.
from . import maintenance, news, queries, transfer  # noqa: E402, F401
