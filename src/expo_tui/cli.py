"""The `expo-tui` command: opens the explorer by default; sub-commands script the same store.

Commands that need no UI never import Textual, so they start fast. Errors are one sentence on
stderr (a traceback only with --debug); exit status 0 on success, 1 on bad data or when nothing
matched where something must, 2 on a usage error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__

if TYPE_CHECKING:
    from .store import Store

DB_HELP = "Database file (default: $EXPO_TUI_DB, else your own store, else the shipped data)."


class Failure(click.ClickException):
    """A clean, one-sentence failure with exit status 1."""

    exit_code = 1

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(f"expo-tui: {self.format_message()}", err=True)


@contextmanager
def friendly_errors(debug: bool) -> Iterator[None]:
    """Turn the store's and readers' errors into one line on stderr (traceback with --debug)."""
    from .ingest.errors import IngestError
    from .store import StoreError

    try:
        yield
    except (StoreError, IngestError) as error:
        if debug:
            raise
        raise Failure(str(error)) from error


def open_for(db: str | None, *, write: bool = False) -> Store:
    """Open the named store, or the default one (read-only shipped data unless writing)."""
    from . import paths
    from .store import open_store

    if db:
        path = Path(db).expanduser()
        return open_store(path, readonly=False if write else not _writable(path), create=write)
    path, readonly = paths.default_db()
    if write and readonly:
        raise Failure("The shipped data is read-only; name a store with --db or $EXPO_TUI_DB.")
    return open_store(path, readonly=readonly and not write, create=write)


def _writable(path: Path) -> bool:
    import os

    return path.exists() and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="expo-tui")
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.option("--expo", "expo_slug", metavar="SLUG", help="Open this expo first (see `expo-tui expos`).")
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.pass_context
def main(ctx: click.Context, db: str | None, expo_slug: str | None, debug: bool) -> None:
    """Explore who came to an expo, who led each delegation and who met whom, with sources.

    With no command, opens the explorer on the shipped Indo Defence 2025 data (or on --db).
    Keys inside: tab/h/l move between panes, / searches countries, 1-9 pick a day, 0 shows
    all days, f filters the timeline to the selected country, ? lists every key, q quits.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    ctx.obj["db"] = db
    if ctx.invoked_subcommand is not None:
        return
    with friendly_errors(debug):
        store = open_for(db)
    from .tui.app import ExpoApp

    app = ExpoApp(store, expo_slug=expo_slug)
    app.run()
    store.close()
    sys.exit(app.return_code or 0)


@main.command()
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.pass_context
def check(ctx: click.Context, db: str | None) -> None:
    """Audit a store: integrity, foreign keys, search index, counts, and that every fact has a source.

    Exit status 0 when clean, 1 with the list of problems otherwise.
    """
    with friendly_errors(ctx.obj["debug"]):
        store = open_for(db or ctx.obj["db"])
        try:
            problems = store.check()
            label = store.path or "(memory)"
        finally:
            store.close()
    if problems:
        for problem in problems:
            click.echo(f"{problem.check}: {problem.message}")
        raise Failure(f"{label}: {len(problems)} problem(s) found.")
    click.echo(f"{label}: no problems found.")


@main.command()
@click.argument("data_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
                default=Path("data"))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Database to write (default: DATA_DIR/expo.db).")
@click.pass_context
def build(ctx: click.Context, data_dir: Path, output: Path | None) -> None:
    """Rebuild a database from text records (how data/expo.db is made).

    DATA_DIR holds one folder per expo with expo.json and JSON Lines records (docs/formats.md).
    The result is written only if every record is valid and `check` finds nothing.
    """
    from .ingest.build import BuildError, build_database

    target = output or data_dir / "expo.db"
    with friendly_errors(ctx.obj["debug"]):
        try:
            bundles = build_database(data_dir, target)
        except BuildError as error:
            for problem in error.problems:
                click.echo(f"{problem.check}: {problem.message}", err=True)
            raise Failure(str(error)) from error
    for bundle in bundles:
        click.echo(
            f"{bundle.expo.slug}: {len(bundle.events)} events, {len(bundle.delegations)} "
            f"delegations, {len(bundle.exhibitors)} exhibitors, {len(bundle.figures)} figures, "
            f"{len(bundle.sources)} sources"
        )
    click.echo(f"Wrote {target}")


if __name__ == "__main__":  # pragma: no cover
    main()
