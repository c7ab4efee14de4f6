"""`import` and `export`: files in, files out, all-or-nothing."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .app import (
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
    friendly_errors,
    main,
    open_for,
    pick_expo,
)
from .output import echo_json

if TYPE_CHECKING:
    from ..store import Store

# -- import ----------------------------------------------------------------------------------


def _expo_record(store: Store, slug: str):  # type: ignore[no-untyped-def]
    """The store's expo as an ExpoRecord with its sources, so writing it back changes nothing."""
    from ..records import ExpoRecord

    expo = store.expo(slug)
    if expo is None:
        return None
    return ExpoRecord(
        slug=expo.slug,
        name=expo.name,
        start_date=expo.start_date,
        end_date=expo.end_date,
        timezone=expo.timezone,
        short_name=expo.short_name,
        edition=expo.edition,
        venue=expo.venue,
        city=expo.city,
        country=expo.country_code,
        organizer=expo.organizer,
        theme=expo.theme,
        notes=expo.notes,
        sources=tuple(s.url for s in store.expo_sources(expo)),
    )


def _link_known(store: Store, bundle):  # type: ignore[no-untyped-def]
    """For CSV, iCalendar and frab: people and sources the store already has are linked, not
    overwritten (those files know a name or a URL, the store may know much more)."""
    from dataclasses import replace

    known_people = store.known_person_keys(p.key for p in bundle.people)
    known_sources = store.known_source_urls(s.url for s in bundle.sources)
    trimmed = replace(
        bundle,
        people=tuple(p for p in bundle.people if p.key not in known_people),
        sources=tuple(s for s in bundle.sources if s.url not in known_sources),
    )
    return trimmed, {"people": len(known_people), "sources": len(known_sources)}


@contextmanager
def _import_store(db: str | None, dry_run: bool) -> Iterator[tuple[Store, str, bool]]:
    """The store to import into: (store, where it is, whether it was just made from the
    shipped data). Without --db or $EXPO_TUI_DB that is the user's own store, created on the
    first import as a copy of the shipped data so the shipped expo stays; a dry run uses a
    throwaway copy instead."""
    import os
    import shutil
    import tempfile

    from .. import paths
    from ..store import open_store

    named = db or os.environ.get(paths.ENV_DB)
    if named:
        path = Path(named).expanduser()
        store = open_store(path, create=True)
        try:
            yield store, str(path), False
        finally:
            store.close()
        return
    user = paths.user_db()
    if user.exists():
        store = open_store(user)
        try:
            yield store, str(user), False
        finally:
            store.close()
        return
    shipped = paths.shipped_db()
    folder = Path(tempfile.mkdtemp(prefix="expo-tui-")) if dry_run else user.parent
    folder.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".expo-import-", suffix=".db", dir=folder)
    os.close(handle)
    temp = Path(temp_name)
    try:
        if shipped.exists():
            shutil.copyfile(shipped, temp)
        else:
            temp.unlink()
        os.chmod(temp, 0o644) if temp.exists() else None
        store = open_store(temp, create=True)
        try:
            yield store, str(user), True
        finally:
            store.close()
        if not dry_run:
            os.replace(temp, user)
    finally:
        temp.unlink(missing_ok=True)
        for extra in (Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            extra.unlink(missing_ok=True)
        if dry_run:
            shutil.rmtree(folder, ignore_errors=True)


class _Progress:
    """A Rich progress bar on a terminal for imports that take more than a moment."""

    THRESHOLD = 1000  # events; smaller imports finish before a bar is worth drawing

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar = None
        self.task = None

    def start(self, label: str, total: int) -> None:
        if not self.enabled or total < self.THRESHOLD:
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        from ..sanitize import clean

        self.bar = Progress(
            TextColumn("{task.description}", markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task(clean(label), total=total)

    def update(self, done: int) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=done)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def _counts(report, kind: str) -> str:  # type: ignore[no-untyped-def]
    return (
        f"{report.added[kind]} added, {report.changed[kind]} changed, "
        f"{report.unchanged[kind]} unchanged"
    )


@main.command(name="import")
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
    help="IANA timezone of a new expo made from a CSV or iCalendar file "
    "(default: the calendar's own, else UTC).",
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
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
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
    as_json: bool,
) -> None:
    """Import expo records from FILE... (project JSON or records folder, CSV, iCalendar, frab
    schedule.xml). docs/formats.md describes each format.

    Every file is read and checked before anything is written, and each file lands in one
    transaction: all of it, or none of it (exit status 1, one line naming file, line and field).
    Importing the same file again adds nothing; a changed file updates in place.
    """
    from ..ingest.common import ExpoTarget, check_timezone, check_url, cite_where_missing
    from ..ingest.detect import detect_format, read_bundle
    from ..ingest.errors import IngestError
    from ..records import SourceRecord

    debug = ctx.obj["debug"]
    if timezone:
        with friendly_errors(debug):
            check_timezone(timezone, "--timezone")
    source = None
    if source_url is not None:
        try:
            source = SourceRecord(url=check_url(source_url, "--source", "URL"))
        except IngestError as error:
            raise click.BadParameter(
                f"{source_url[:80]!r} is not an http(s) URL", param_hint="--source"
            ) from error
    progress = _Progress(sys.stdout.isatty() and not as_json)
    results = []
    with (
        friendly_errors(debug),
        _import_store(chosen_db(ctx, db), dry_run) as (store, where, fresh),
    ):
        lookup = lambda slug: _expo_record(store, slug)  # noqa: E731
        planned = []
        for path in files:
            kind = detect_format(path) if fmt == "auto" else fmt
            if kind in ("csv", "ics") and not expo_slug:
                raise click.UsageError(
                    f"{path}: {kind.upper()} files do not say which expo they belong to; "
                    "name one with --expo SLUG (an existing expo, or a new slug to create it)."
                )
            target = ExpoTarget(slug=expo_slug, timezone=timezone, lookup=lookup)
            bundle = read_bundle(path, kind, target)
            if source is not None:
                bundle = cite_where_missing(bundle, source)
            linked = {"people": 0, "sources": 0}
            if kind != "json":
                bundle, linked = _link_known(store, bundle)
            planned.append((path, kind, bundle, linked, store.expo(bundle.expo.slug) is None))
        try:
            for path, kind, bundle, linked, new_expo in planned:
                progress.start(f"Importing {path.name}", len(bundle.events))
                report = store.write_bundle(bundle, dry_run=dry_run, progress=progress.update)
                progress.stop()
                for name, count in linked.items():
                    report.unchanged[name] += count
                results.append((path, kind, bundle, report, new_expo))
        finally:
            progress.stop()
    if as_json:
        echo_json(
            {
                "db": where,
                "dry_run": dry_run,
                "created_store": fresh and not dry_run,
                "files": [
                    {
                        "file": str(path),
                        "format": kind,
                        "expo": bundle.expo.slug,
                        "new_expo": new_expo,
                        "added": dict(report.added),
                        "changed": dict(report.changed),
                        "unchanged": dict(report.unchanged),
                    }
                    for path, kind, bundle, report, new_expo in results
                ],
            }
        )
        return
    from ..sanitize import clean

    for path, kind, bundle, report, new_expo in results:
        click.echo(
            clean(f"{path} ({kind}) -> {bundle.expo.slug}" + (" (new expo)" if new_expo else ""))
        )
        for name in ("events", "people", "sources", "delegations", "exhibitors", "figures"):
            if report.added[name] or report.changed[name] or report.unchanged[name]:
                click.echo(f"  {name:<12} {_counts(report, name)}")
    if dry_run:
        click.echo(f"Dry run: nothing was written to {where}.")
    else:
        click.echo(
            (
                "Created your store from the shipped data and imported into "
                if fresh
                else "Imported into "
            )
            + where
        )


# -- export ----------------------------------------------------------------------------------


@main.command()
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
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (replaced only when the export is complete); "
    "default: standard output.",
)
@click.pass_context
def export(
    ctx: click.Context,
    db: str | None,
    fmt: str,
    expo_slug: str | None,
    day: str | None,
    country: str | None,
    output: Path | None,
) -> None:
    """Export an expo, or one day or country of it, as a calendar, spreadsheet, JSON or brief.

    Exit status 1 when --day/--country select no event.
    """
    import io
    import os
    import tempfile

    from ..export import csv as csv_export
    from ..export import ics as ics_export
    from ..export import json as json_export
    from ..export import markdown as md_export
    from ..export.collect import Selection

    writers = {"csv": csv_export.write, "json": json_export.write, "md": md_export.write}
    code = country_option(country)
    with friendly_errors(ctx.obj["debug"]):
        store = open_for(chosen_db(ctx, db))
        try:
            expo = pick_expo(store, expo_slug)
            selection = Selection(expo, day_option(expo, day), code)
            if (
                not selection.whole_expo
                and not store.events(expo, selection.day, country=code, limit=1).items
            ):
                raise Failure(
                    f"No events of {expo.display_name} match --day/--country; nothing was exported."
                )
            if output is None:
                if fmt == "ics":
                    buffer = io.BytesIO()
                    count = ics_export.write(store, selection, buffer)
                    data = buffer.getvalue()
                    if sys.stdout.isatty():
                        from ..sanitize import clean

                        click.echo(clean(data.decode("utf-8"), multiline=True), nl=False)
                    else:
                        sys.stdout.buffer.write(data)
                        sys.stdout.flush()
                elif sys.stdout.isatty():
                    from ..sanitize import clean

                    text = io.StringIO()
                    count = writers[fmt](store, selection, text)
                    click.echo(clean(text.getvalue(), multiline=True), nl=False)
                else:
                    stream = io.TextIOWrapper(
                        sys.stdout.buffer, encoding="utf-8", newline="", write_through=True
                    )
                    try:
                        count = writers[fmt](store, selection, stream)
                        stream.flush()
                    finally:
                        stream.detach()
                return
            output = output.expanduser()
            if not output.parent.is_dir():
                raise Failure(f"Cannot write {output}: folder {output.parent} does not exist.")
            handle, temp_name = tempfile.mkstemp(
                prefix=f".{output.name}.", dir=output.parent if str(output.parent) else "."
            )
            try:
                if fmt == "ics":
                    with os.fdopen(handle, "wb") as binary:
                        count = ics_export.write(store, selection, binary)
                else:
                    with os.fdopen(handle, "w", encoding="utf-8", newline="") as text_out:
                        count = writers[fmt](store, selection, text_out)
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(temp_name, 0o666 & ~umask)
                os.replace(temp_name, output)
            finally:
                Path(temp_name).unlink(missing_ok=True)
        finally:
            store.close()
    click.echo(f"Wrote {count} event(s) to {output}", err=True)
