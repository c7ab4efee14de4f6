"""`import` and `export`: files in, files out, all-or-nothing. The work is done in
workflows.importing and workflows.exporting; these commands parse options and print reports."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..sanitize import clean
from .common import (
    COUNTRY_HELP,
    DAY_HELP,
    DB_HELP,
    EXPO_HELP,
    FORMATS_IN,
    FORMATS_OUT,
    Failure,
    chosen_db,
    country_option,
    day_option,
    facet_options,
    facets_option,
    friendly_errors,
    open_for,
    pick_expo,
)
from .output import echo_json

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from ..workflows.importing import ImportReport

# -- import ----------------------------------------------------------------------------------


class _Progress:
    """A Rich progress bar on a terminal for imports that take more than a moment."""

    THRESHOLD = 1000  # events; smaller imports finish before a bar is worth drawing

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def start(self, name: str, total: int) -> None:
        if not self.enabled or total < self.THRESHOLD:
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.bar = Progress(
            TextColumn("{task.description}", markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task(clean(f"Importing {name}"), total=total)

    def update(self, done: int) -> None:
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, completed=done)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


@click.command(name="import")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=True, path_type=Path)
)
@click.option(
    "--db",
    "db",
    metavar="PATH",
    help="Database to import into (created if missing). Default: $EXPO_TUI_DB, else "
    "your own store, made on the first import from the shipped data.",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(FORMATS_IN),
    default="auto",
    show_default=True,
    help="File format; auto goes by extension, then content.",
)
@click.option(
    "--expo",
    "expo_slug",
    metavar="SLUG",
    help="The expo the records belong to. CSV and iCalendar files need it: an "
    "existing expo, or a new slug to create an expo spanning the file's dates. "
    "For JSON and frab it renames the file's expo.",
)
@click.option(
    "--timezone",
    "timezone",
    metavar="ZONE",
    help="IANA timezone of a new expo: for CSV and iCalendar files (default: the "
    "calendar's own), and for schedules that name no time_zone_name (default: the "
    "offset their times carry). Else UTC; a zone assumed is said in a warning.",
)
@click.option(
    "--source",
    "source_url",
    metavar="URL",
    help="Where the files were published (an http(s) URL): cited by every imported "
    "event, delegation, exhibitor and figure that links to no source of its own.",
)
@click.option(
    "--dry-run",
    "-n",
    is_flag=True,
    help="Report what would be added, changed or left unchanged; write nothing.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Refuse a file with any quirk that would otherwise be read one sensible way and "
    "reported as a warning.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the report, warnings included, as JSON."
)
@click.pass_context
def import_(
    ctx: click.Context,
    files: tuple[Path, ...],
    db: str | None,
    fmt: str,
    expo_slug: str | None,
    timezone: str | None,
    source_url: str | None,
    dry_run: bool,
    strict: bool,
    as_json: bool,
) -> None:
    """Import expo records from FILE... (project JSON or records folder, CSV, iCalendar, frab
    schedule.xml or schedule.json). docs/formats.md describes each format.

    Every file is read and checked before anything is written, and all of them land in one
    transaction: all of it, or none of it (exit status 1, one line naming file, line and field).
    A quirk with one sensible reading (an unquoted comma in a name, a UID used twice, an ISO
    8601 duration) is read that way and reported as a warning line on stderr; --strict refuses
    it instead. Importing the same file again adds nothing; a changed file updates in place, and
    a file that knows less never erases what the store knows.
    """
    from ..workflows.importing import (
        ExpoNotNamed,
        ImportRequest,
        NotASlug,
        NotAWebUrl,
        import_files,
    )

    request = ImportRequest(
        files=files,
        db=chosen_db(ctx, db),
        format=fmt,
        expo_slug=expo_slug,
        timezone=timezone,
        source_url=source_url,
        dry_run=dry_run,
        strict=strict,
    )
    progress = _Progress(sys.stdout.isatty() and not as_json)
    with friendly_errors(ctx.obj["debug"]):
        try:
            report = import_files(request, progress=progress)
        except NotAWebUrl as error:
            raise click.BadParameter(str(error), param_hint="--source") from error
        except NotASlug as error:
            raise click.BadParameter(str(error), param_hint="--expo") from error
        except ExpoNotNamed as error:
            raise click.UsageError(
                f"{error.path}: {error.format.upper()} files do not say which expo they belong "
                "to; name one with --expo SLUG (an existing expo, or a new slug to create it)."
            ) from error
    if as_json:
        echo_json(_import_json(report))
    else:
        _print_import(report)
        for warning in report.warnings:
            click.echo(clean(f"expo-tui: warning: {warning}"), err=True)


def _import_json(report: ImportReport) -> dict[str, object]:
    return {
        "db": report.where,
        "dry_run": report.dry_run,
        "created_store": report.created_store,
        "files": [
            {
                "file": part.label,
                "format": part.format,
                "expo": part.expo_slug,
                "new_expo": part.new_expo,
                "timezone": part.timezone,
                "added": dict(part.added),
                "changed": dict(part.changed),
                "unchanged": dict(part.unchanged),
                "warnings": [
                    {
                        "message": str(w),
                        "problem": w.problem,
                        "file": w.file,
                        "line": w.line,
                        "element": w.element,
                        "field": w.field,
                        "count": w.count,
                    }
                    for w in part.warnings
                ],
            }
            for part in report.files
        ],
    }


def _print_import(report: ImportReport) -> None:
    from ..workflows.importing import RECORD_KINDS

    for part in report.files:
        new = f" (new expo, timezone {part.timezone})" if part.new_expo else ""
        click.echo(clean(f"{part.label} ({part.format}) -> {part.expo_slug}{new}"))
        for kind in RECORD_KINDS:
            added, changed, unchanged = part.counts(kind)
            if added or changed or unchanged:
                click.echo(f"  {kind:<12} {added} added, {changed} changed, {unchanged} unchanged")
    if report.dry_run:
        click.echo(clean(f"Dry run: nothing was written to {report.where}."))
    elif report.created_store:
        click.echo(
            clean(f"Created your store from the shipped data and imported into {report.where}")
        )
    else:
        click.echo(clean(f"Imported into {report.where}"))


# -- export ----------------------------------------------------------------------------------


@click.command()
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(FORMATS_OUT),
    required=True,
    help="ics (calendar), csv (spreadsheet), json (lossless, re-importable) or md "
    "(a brief per day).",
)
@click.option("--expo", "expo_slug", metavar="SLUG", help=EXPO_HELP)
@click.option("--day", "-d", metavar="N|DATE", help=DAY_HELP)
@click.option("--country", "-c", metavar="X", help=COUNTRY_HELP)
@facet_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (replaced only when the export is complete); "
    "default: standard output.",
)
@click.option(
    "--notes",
    is_flag=True,
    help="md: end the brief with your own stars, notes and tags, in a section of their own "
    "(json always carries them).",
)
@click.pass_context
def export(
    ctx: click.Context,
    db: str | None,
    fmt: str,
    expo_slug: str | None,
    day: str | None,
    country: str | None,
    kinds: tuple[str, ...],
    statuses: tuple[str, ...],
    group: str | None,
    output: Path | None,
    notes: bool,
) -> None:
    """Export an expo, or one day or country of it, as a calendar, spreadsheet, JSON or brief.

    --kind, --status and --group narrow the events as the explorer's facets do (a narrowed
    JSON export holds no delegations, exhibitors or figures). JSON carries your own stars,
    notes and tags in a section of their own, and `import` restores them. The brief (md) ends
    with the agreements ledger, and with --notes your own notes. Exit status 1 when the
    options select no event.
    """
    import io

    from ..export.collect import Selection
    from ..workflows.exporting import (
        ExportTargetError,
        export_to_file,
        selects_nothing,
        write_export,
    )

    code = country_option(country)
    with friendly_errors(ctx.obj["debug"]):
        store = open_for(chosen_db(ctx, db))
        try:
            expo = pick_expo(store, expo_slug)
            selection = Selection(
                expo, day_option(expo, day), code, facets_option(kinds, statuses, group), notes
            )
            if selects_nothing(store, selection):
                raise Failure(
                    f"No events of {expo.display_name} match the options; nothing was exported."
                )
            if output is None:
                if sys.stdout.isatty():  # shown, not kept: sanitised like every terminal output
                    buffer = io.BytesIO()
                    write_export(store, selection, fmt, buffer)
                    click.echo(clean(buffer.getvalue().decode("utf-8"), multiline=True), nl=False)
                else:
                    write_export(store, selection, fmt, sys.stdout.buffer)
                    sys.stdout.flush()
                return
            output = output.expanduser()
            try:
                count = export_to_file(store, selection, fmt, output)
            except ExportTargetError as error:
                raise Failure(str(error)) from error
        finally:
            store.close()
    click.echo(clean(f"Wrote {count} event(s) to {output}"), err=True)
