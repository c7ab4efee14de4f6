"""The `expo-tui` click group: its options, what it does with no command, and its commands.

Commands are registered here, explicitly, at the bottom; each lives in the module of its kind
(queries.py, transfer.py, maintenance.py) and shares its helpers through common.py.
"""

from __future__ import annotations

from typing import Any

import click

from .. import __version__
from .common import DB_HELP, clean_messages
from .explorer import run_explorer
from .maintenance import build, check
from .news import expo, ingest, review
from .queries import countries, delegations, expos, meetings, search
from .transfer import export, import_
from .views import agreements, matrix


class ExpoGroup(click.Group):
    """The group, with every click error's message sanitised before click prints it (a usage
    error can quote an argument, an expo's name or a file's value)."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        with clean_messages():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        with clean_messages():
            return super().invoke(ctx)


@click.group(
    cls=ExpoGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
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
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    ctx.obj["db"] = db
    ctx.obj["expo"] = expo_slug
    if ctx.invoked_subcommand is None:
        run_explorer(db, expo_slug, debug)


main.add_command(expos)
main.add_command(countries)
main.add_command(delegations)
main.add_command(meetings)
main.add_command(search)
main.add_command(matrix)
main.add_command(agreements)
main.add_command(import_)
main.add_command(export)
main.add_command(check)
main.add_command(build)
main.add_command(ingest)
main.add_command(review)
main.add_command(expo)
