"""What every command shares: one-line errors, opening a store, and reading --expo, --day and
--country the way the explorer reads them; the help texts and choices options repeat.

Every message a command prints about data goes through the sanitiser: an error may quote an
expo's name, a slug or a value from a file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

import click

from ..sanitize import clean
from ..workflows.exporting import EXPORT_FORMATS
from ..workflows.importing import FILE_FORMATS

if TYPE_CHECKING:
    from ..store import Store
    from ..store.models import Expo, Facets

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
EVENT_STATUSES_CHOICE = ("happened", "planned", "unconfirmed")  # records.EVENT_STATUSES
GROUP_KEYS = ("asean", "nato", "eu", "gcc", "au", "sco", "brics", "quad", "five-eyes")
SEARCH_KINDS = ("country", "person", "organization", "exhibitor", "event")
FORMATS_IN = FILE_FORMATS
FORMATS_OUT = EXPORT_FORMATS

DB_HELP = "Database file (default: $EXPO_TUI_DB, else your own store, else the shipped data)."
JSON_HELP = "Print JSON for scripts instead of a table."
EXPO_HELP = "The expo (its slug; see `expo-tui expos`). Default: the most recent one."
DAY_HELP = (
    "A day number (2), an ISO date (2025-06-12), date text (12 Juni 2025), 'undated' or 'all'."
)
COUNTRY_HELP = "Any country name, code or alias (Rusia, RU, RUS, Russia)."


def facet_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--kind, --status and --group, as the explorer's facets narrow the timeline."""
    options = [
        click.option(
            "--kind",
            "-k",
            "kinds",
            multiple=True,
            metavar="KIND",
            type=click.Choice(EVENT_KINDS_CHOICE, case_sensitive=False),
            help="Only events of this kind (repeatable): " + ", ".join(EVENT_KINDS_CHOICE) + ".",
        ),
        click.option(
            "--status",
            "statuses",
            multiple=True,
            metavar="STATUS",
            type=click.Choice(EVENT_STATUSES_CHOICE, case_sensitive=False),
            help="Only events of this status (repeatable): happened, planned, unconfirmed.",
        ),
        click.option(
            "--group",
            "-g",
            "group",
            metavar="GROUP",
            help="Only events with a member of this country group (its members on the "
            "event's day; the country list: members on the expo's first day): "
            + ", ".join(GROUP_KEYS)
            + ", or the group's name.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def facets_option(kinds: tuple[str, ...], statuses: tuple[str, ...], group: str | None) -> Facets:
    """The facets --kind, --status and --group name."""
    from ..country_groups import CountryGroupError, resolve_group
    from ..store.models import Facets

    key = None
    if group is not None:
        try:
            key = resolve_group(group)
        except CountryGroupError as error:
            raise click.BadParameter(str(error), param_hint="'--group'") from None
    return Facets(frozenset(k.lower() for k in kinds), frozenset(s.lower() for s in statuses), key)


class Failure(click.ClickException):
    """A clean, one-sentence failure with exit status 1."""

    exit_code = 1

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"expo-tui: {clean(self.format_message())}", err=True)


@contextmanager
def clean_messages() -> Iterator[None]:
    """Sanitise the message of any click error raised inside (a usage error can quote what was
    typed or what a file said), so click prints it inert."""
    try:
        yield
    except click.ClickException as error:
        # click declares `message` Final, but reads it only when it prints the error: rewriting
        # it here is the one way to clean the messages of click's own errors (an unknown
        # option, a bad choice) without re-implementing each one's show().
        error.message = clean(error.message, multiline=True)  # type: ignore[misc]
        raise


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
    """`text` sanitised, its whitespace runs made single spaces, at most 1,000 characters."""
    return " ".join(clean(text, limit=1000).split())


def chosen_db(ctx: click.Context, db: str | None) -> str | None:
    """The command's --db, else the group's."""
    return db or ctx.obj.get("db")


def open_for(db: str | None) -> Store:
    """Open the store a reading command uses (see workflows.stores.open_for_reading), holding
    one snapshot until it is closed: a command's every read sees the same state of the store,
    however many pages it reads while an import lands."""
    from ..workflows.stores import open_for_reading

    store = open_for_reading(db)
    try:
        store.hold_snapshot()
    except BaseException:
        store.close()
        raise
    return store


def pick_expo(store: Store, slug: str | None) -> Expo:
    """The expo --expo names, else the most recent one; a Failure when there is none."""
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


def day_option(expo: Expo, text: str | None) -> str | None:
    """The store's day key for --day (None: every day)."""
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
