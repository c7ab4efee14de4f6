"""`check` and `build`: auditing a store and rebuilding the shipped one from data/."""

from __future__ import annotations

from pathlib import Path

import click

from ..sanitize import clean
from .common import DB_HELP, Failure, chosen_db, friendly_errors, open_for


@click.command()
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.pass_context
def check(ctx: click.Context, db: str | None) -> None:
    """Audit a store: schema, integrity, foreign keys, search index, counts, plausible dates,
    and that every fact has a source.

    Exit status 0 when clean, 1 with the list of problems otherwise. Imports refuse a store
    this reports damaged (anything but unsourced records and implausible dates).
    """
    with friendly_errors(ctx.obj["debug"]):
        store = open_for(chosen_db(ctx, db))
        try:
            problems = store.check()
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
