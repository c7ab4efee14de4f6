"""`check` and `build`: auditing a store and rebuilding the shipped one from data/."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..sanitize import clean
from .common import DB_HELP, Failure, chosen_db, friendly_errors, open_for

if TYPE_CHECKING:
    from ..store.models import EventSummary


@click.command()
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.option(
    "--overlaps",
    is_flag=True,
    help="Also list people in two timed events at once, or in two cities on one day.",
)
@click.pass_context
def check(ctx: click.Context, db: str | None, overlaps: bool) -> None:
    """Audit a store: schema, integrity, foreign keys, search index, counts, plausible dates,
    and that every fact has a source.

    With --overlaps, also every person booked into two timed events at once, or into events in
    two cities on one day (the city is what follows a location's last comma). Exit status 0
    when clean, 1 with the list of problems otherwise. Imports refuse a store this reports
    damaged (anything but unsourced records, implausible dates and overlaps).
    """
    from ..store.models import Problem

    with friendly_errors(ctx.obj["debug"]):
        store = open_for(chosen_db(ctx, db))
        try:
            problems = store.check()
            if overlaps:
                found, total = store.overlaps()
                for o in found:
                    problems.append(
                        Problem(
                            "overlaps",
                            f"{o.person} on {o.date.isoformat()}, {o.reason}: "
                            f"{_when(o.first)} {o.first.title!r} and "
                            f"{_when(o.second)} {o.second.title!r}",
                        )
                    )
                if total > len(found):
                    rest = total - len(found)
                    problems.append(Problem("overlaps", f"… and {rest:,} more", count=rest))
            label = store.path or "(memory)"
        finally:
            store.close()
    if problems:
        for problem in problems:
            click.echo(clean(f"{problem.check}: {problem.message}"))
        raise Failure(f"{label}: {sum(p.count for p in problems):,} problem(s) found.")
    click.echo(clean(f"{label}: no problems found."))


@click.command()
@click.argument(
    "data_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("data")
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Database to write (default: DATA_DIR/expo.db).",
)
@click.pass_context
def build(ctx: click.Context, data_dir: Path, output: Path | None) -> None:
    """Rebuild a database from text records (how data/expo.db is made).

    DATA_DIR holds one folder per expo with expo.json and JSON Lines records (docs/formats.md).
    The result is written only if every record is valid and `check` finds nothing.
    """
    from ..ingest.build import BuildError, build_database

    target = output or data_dir / "expo.db"
    with friendly_errors(ctx.obj["debug"]):
        try:
            bundles = build_database(data_dir, target)
        except BuildError as error:
            for problem in error.problems:
                click.echo(clean(f"{problem.check}: {problem.message}"), err=True)
            raise Failure(str(error)) from error
    for bundle in bundles:
        click.echo(
            clean(
                f"{bundle.expo.slug}: {len(bundle.events)} events, {len(bundle.delegations)} "
                f"delegations, {len(bundle.exhibitors)} exhibitors, {len(bundle.figures)} "
                f"figures, {len(bundle.sources)} sources"
            )
        )
    click.echo(clean(f"Wrote {target}"))


def _when(event: EventSummary) -> str:
    if event.start_time is None:
        return "(time not reported)"
    end = f"-{event.end_time:%H:%M}" if event.end_time else ""
    return f"{event.start_time:%H:%M}{end}"
