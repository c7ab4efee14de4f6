"""The `expo-tui` command: opens the explorer by default; sub-commands script the same store.

Commands that need no UI never import Textual, so they start fast. Errors are one sentence on
stderr (a traceback only with --debug); exit status 0 on success, 1 on bad data or when nothing
matched where something must, 2 on a usage error.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__

if TYPE_CHECKING:
    from .store import Store
    from .store.models import EventDetail

EVENT_KINDS_CHOICE = (
    "opening", "closing", "bilateral_meeting", "courtesy_call", "mou_signing", "pavilion_visit",
    "forum_session", "launch", "public_day", "other",
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
    from .ingest.errors import IngestError
    from .store import StoreError

    try:
        yield
    except (StoreError, IngestError) as error:
        if debug:
            raise
        raise Failure(_one_line(str(error))) from error
    except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
        raise
    except OSError as error:
        if debug:
            raise
        where = f"{error.filename}: " if getattr(error, "filename", None) else ""
        raise Failure(f"{where}{error.strerror or error}.") from error
    except Exception as error:  # noqa: BLE001 - a bug: one line, the traceback with --debug
        if debug:
            raise
        raise Failure(
            f"unexpected {type(error).__name__}: {_one_line(str(error))} "
            "(run `expo-tui --debug ...` to see the traceback)"
        ) from error


def _one_line(text: str) -> str:
    from .export.text import plain

    return " ".join(plain(text).split())[:1000]


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


# -- shared by the data commands ---------------------------------------------------------------

JSON_HELP = "Print JSON for scripts instead of a table."
EXPO_HELP = "The expo (its slug; see `expo-tui expos`). Default: the most recent one."
DAY_HELP = "A day number (2), an ISO date (2025-06-12), date text (12 Juni 2025), 'undated' or 'all'."
COUNTRY_HELP = "Any country name, code or alias (Rusia, RU, RUS, Russia)."
FORMATS_IN = ("auto", "json", "csv", "ics", "frab")
FORMATS_OUT = ("ics", "csv", "json", "md")


def _db(ctx: click.Context, db: str | None) -> str | None:
    return db or ctx.obj.get("db")


def _pick_expo(store: Store, slug: str | None):  # type: ignore[no-untyped-def]
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


def _day(expo, text: str | None) -> str | None:  # type: ignore[no-untyped-def]
    from .selectors import SelectorError, day_key

    if text is None:
        return None
    try:
        return day_key(expo, text)
    except SelectorError as error:
        raise click.BadParameter(str(error), param_hint="'--day'") from None


def _country(text: str | None) -> str | None:
    from .selectors import SelectorError, country_code

    if text is None:
        return None
    try:
        return country_code(text)
    except SelectorError as error:
        raise click.BadParameter(str(error), param_hint="'--country'") from None


def _echo_json(data: object) -> None:
    from .export.text import json_text

    click.echo(json_text(data))


def _width(text: str) -> int:
    import unicodedata

    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _fit(text: str, width: int) -> str:
    if _width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = _width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


TABLE_SAMPLE = 500  # rows read before printing, to size the columns; the rest stream


def _table(headers: list[str], rows: Iterable[list[object]], *,
           last_max: int | None = None) -> None:
    """Aligned plain-text columns; every cell is made terminal-safe first.

    Columns are sized from the first TABLE_SAMPLE rows and later rows stream through at those
    widths, so a million-row listing starts at once and never sits in memory.
    """
    import itertools
    import shutil

    from .export.text import plain

    def clean(row: list[object]) -> list[str]:
        return [" ".join(plain(c).split()) for c in row]

    stream = iter(rows)
    cells = [clean(row) for row in itertools.islice(stream, TABLE_SAMPLE)]
    widths = [_width(h) for h in headers]
    for row in cells:
        for i, c in enumerate(row[:-1]):
            widths[i] = min(max(widths[i], _width(c)), 40)
    if sys.stdout.isatty():
        room = shutil.get_terminal_size().columns - sum(w + 2 for w in widths[:-1])
        last_max = max(20, room) if last_max is None else min(last_max, max(20, room))

    def line(row: list[str]) -> str:
        parts = [_fit(c, widths[i]) + " " * (widths[i] - _width(_fit(c, widths[i])))
                 for i, c in enumerate(row[:-1])]
        last = row[-1] if last_max is None else _fit(row[-1], last_max)
        return "  ".join([*parts, last]).rstrip()

    click.echo(line(headers))
    for row in cells:
        click.echo(line(row))
    for rest in stream:
        click.echo(line(clean(rest)))


def _stream_json_list(items: Iterable[object]) -> None:
    """A JSON array written item by item (same text as one json_text call would give)."""
    import textwrap

    from .export.text import json_text

    count = 0
    for item in items:
        click.echo(("[\n" if count == 0 else ",\n") + textwrap.indent(json_text(item), "  "),
                   nl=False)
        count += 1
    click.echo("\n]" if count else "[]")


# -- query commands ------------------------------------------------------------------------------


@main.command()
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.pass_context
def expos(ctx: click.Context, db: str | None, as_json: bool) -> None:
    """List the expos in the store, most recent first."""
    with friendly_errors(ctx.obj["debug"]):
        store = open_for(_db(ctx, db))
        try:
            found = [(e, sum(d.events for d in store.days(e))) for e in store.expos()]
        finally:
            store.close()
    if as_json:
        _echo_json([
            {"slug": e.slug, "name": e.name, "short_name": e.short_name,
             "start_date": e.start_date.isoformat(), "end_date": e.end_date.isoformat(),
             "timezone": e.timezone, "venue": e.venue, "city": e.city,
             "country": e.country_code, "events": n}
            for e, n in found
        ])
        return
    if not found:
        raise Failure("The store holds no expo yet; import one first.")
    _table(["SLUG", "DATES", "EVENTS", "NAME"],
           [[e.slug, f"{e.start_date} to {e.end_date}", n, e.display_name] for e, n in found])


@main.command()
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.option("--expo", "expo_slug", metavar="SLUG", help=EXPO_HELP)
@click.option("--search", "-s", "query", metavar="Q", default="",
              help="Only countries whose names, codes or people match Q.")
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.pass_context
def countries(ctx: click.Context, db: str | None, expo_slug: str | None, query: str,
              as_json: bool) -> None:
    """Countries present at an expo, host first, with delegation, event and exhibitor counts.

    Exit status 1 when --search matches nothing.
    """
    with friendly_errors(ctx.obj["debug"]):
        store = open_for(_db(ctx, db))
        try:
            expo = _pick_expo(store, expo_slug)
            found, cursor = [], None
            while True:
                page = store.countries(expo, query, limit=300, cursor=cursor)
                found += page.items
                if page.next_cursor is None:
                    break
                cursor = page.next_cursor
        finally:
            store.close()
    if as_json:
        _echo_json([
            {"code": c.country.code, "alpha2": c.country.alpha2, "name": c.country.name,
             "name_id": c.country.name_id, "flag": c.country.flag, "is_host": c.is_host,
             "delegations": c.delegations, "events": c.events, "exhibitors": c.exhibitors}
            for c in found
        ])
    elif found:
        _table(["CODE", "DELEGATIONS", "EVENTS", "EXHIBITORS", "NAME"],
               [[c.country.code, c.delegations, c.events, c.exhibitors,
                 c.country.name + (f" / {c.country.name_id}" if c.country.name_id !=
                                   c.country.name else "") + (" (host)" if c.is_host else "")]
                for c in found])
    if not found:
        raise Failure(f"No country at {expo.display_name} matches {query!r}." if query.strip()
                      else f"{expo.display_name} lists no countries.")


def _meeting_json(detail) -> dict[str, object]:  # type: ignore[no-untyped-def]
    e = detail.event
    return {
        "id": e.id, "key": e.key, "date": e.date.isoformat() if e.date else None,
        "date_range": [e.date_from.isoformat() if e.date_from else None,
                       e.date_to.isoformat() if e.date_to else None]
        if (e.date_from or e.date_to) else None,
        "start_time": e.start_time.strftime("%H:%M") if e.start_time else None,
        "end_time": e.end_time.strftime("%H:%M") if e.end_time else None,
        "order": e.order, "order_scope": e.order_scope, "kind": e.kind, "status": e.status,
        "title": e.title, "location": e.location, "countries": list(e.countries),
        "participants": [
            {"name": p.person.name, "rank": p.person.rank, "country": p.person.country_code,
             "role": p.role, "position": p.position or p.person.position, "key": p.person.key,
             "kind": p.person.kind}
            for p in detail.participants
        ],
        "sources": [s.url for s in detail.sources],
        "summary": detail.summary,
    }


@main.command()
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.option("--expo", "expo_slug", metavar="SLUG", help=EXPO_HELP)
@click.option("--day", "-d", metavar="N|DATE", help=DAY_HELP)
@click.option("--country", "-c", metavar="X", help=COUNTRY_HELP)
@click.option("--kind", "-k", "kinds", multiple=True, metavar="KIND",
              type=click.Choice(EVENT_KINDS_CHOICE, case_sensitive=False),
              help="Only events of this kind (repeatable): " + ", ".join(EVENT_KINDS_CHOICE) + ".")
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.pass_context
def meetings(ctx: click.Context, db: str | None, expo_slug: str | None, day: str | None,
             country: str | None, kinds: tuple[str, ...], as_json: bool) -> None:
    """Meetings and other events, in timeline order: by day, then clock time, then each host's
    reported order. An empty result is not an error (exit status 0)."""
    from .export.collect import Selection, iter_events

    code = _country(country)
    with friendly_errors(ctx.obj["debug"]):
        store = open_for(_db(ctx, db))
        try:
            expo = _pick_expo(store, expo_slug)
            selection = Selection(expo, _day(expo, day), code)
            wanted = {k.lower() for k in kinds}
            # Streamed page by page from the store: the first lines print at once at any size.
            details = (d for d in iter_events(store, selection)
                       if not wanted or d.event.kind in wanted)
            if as_json:
                _stream_json_list(_meeting_json(d) for d in details)
                return
            first = next(details, None)
            if first is None:
                click.echo("No events match.", err=True)
                return
            _table(["DATE", "TIME", "#", "KIND", "STATUS", "COUNTRIES", "TITLE"],
                   (_meeting_row(d) for d in itertools.chain([first], details)))
        finally:
            store.close()


def _meeting_row(detail: EventDetail) -> list[object]:
    e = detail.event
    when = e.start_time.strftime("%H:%M") if e.start_time else ""
    date = e.date.isoformat() if e.date else "undated"
    return [date, when, "" if e.order is None else e.order, e.kind, e.status,
            ",".join(e.countries), e.title]


@main.command()
@click.argument("query")
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.option("--expo", "expo_slug", metavar="SLUG",
              help="Only events and exhibitors of this expo (people and countries always).")
@click.option("--kind", "-k", "kinds", multiple=True,
              type=click.Choice(SEARCH_KINDS, case_sensitive=False),
              help="Only hits of this kind (repeatable).")
@click.option("--limit", "-n", default=50, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.pass_context
def search(ctx: click.Context, query: str, db: str | None, expo_slug: str | None,
           kinds: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Search countries, people, organisations, exhibitors and events by word prefix.

    Any text is safe (quotes and search operators are read as plain words). Exit status 1 when
    nothing matches, like grep.
    """
    with friendly_errors(ctx.obj["debug"]):
        store = open_for(_db(ctx, db))
        try:
            expo = _pick_expo(store, expo_slug) if expo_slug else None
            hits = store.search(query, expo=expo, limit=limit,
                                kinds=tuple(k.lower() for k in kinds) or SEARCH_KINDS)
        finally:
            store.close()
    if as_json:
        _echo_json([{"kind": h.kind, "ref": h.ref, "label": h.label, "detail": h.detail,
                     "country": h.country_code, "expo_id": h.expo_id} for h in hits])
    elif hits:
        _table(["KIND", "COUNTRY", "REF", "MATCH"],
               [[h.kind, h.country_code or "", h.ref,
                 h.label + (f" — {h.detail}" if h.detail else "")] for h in hits])
    if not hits:
        raise Failure(f"Nothing matches {_one_line(query)[:80]!r}.")


# -- import ----------------------------------------------------------------------------------


def _expo_record(store: Store, slug: str):  # type: ignore[no-untyped-def]
    """The store's expo as an ExpoRecord with its sources, so writing it back changes nothing."""
    from .records import ExpoRecord

    expo = store.expo(slug)
    if expo is None:
        return None
    return ExpoRecord(
        slug=expo.slug, name=expo.name, start_date=expo.start_date, end_date=expo.end_date,
        timezone=expo.timezone, short_name=expo.short_name, edition=expo.edition,
        venue=expo.venue, city=expo.city, country=expo.country_code, organizer=expo.organizer,
        theme=expo.theme, notes=expo.notes,
        sources=tuple(s.url for s in store.expo_sources(expo)),
    )


def _link_known(store: Store, bundle):  # type: ignore[no-untyped-def]
    """For CSV, iCalendar and frab: people and sources the store already has are linked, not
    overwritten (those files know a name or a URL, the store may know much more)."""
    from dataclasses import replace

    known_people = store.known_person_keys(p.key for p in bundle.people)
    known_sources = store.known_source_urls(s.url for s in bundle.sources)
    trimmed = replace(
        bundle, people=tuple(p for p in bundle.people if p.key not in known_people),
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

    from . import paths
    from .store import open_store

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

        from .export.text import plain

        self.bar = Progress(TextColumn("{task.description}", markup=False), BarColumn(),
                            MofNCompleteColumn(), transient=True)
        self.bar.start()
        self.task = self.bar.add_task(plain(label), total=total)

    def update(self, done: int) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=done)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def _counts(report, kind: str) -> str:  # type: ignore[no-untyped-def]
    return (f"{report.added[kind]} added, {report.changed[kind]} changed, "
            f"{report.unchanged[kind]} unchanged")


@main.command(name="import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=True, path_type=Path))
@click.option("--db", "db", metavar="PATH",
              help="Database to import into (created if missing). Default: $EXPO_TUI_DB, else "
                   "your own store, made on the first import from the shipped data.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS_IN), default="auto",
              show_default=True, help="File format; auto goes by extension, then content.")
@click.option("--expo", "expo_slug", metavar="SLUG",
              help="The expo the records belong to. CSV and iCalendar files need it: an "
                   "existing expo, or a new slug to create an expo spanning the file's dates. "
                   "For JSON and frab it renames the file's expo.")
@click.option("--timezone", "timezone", metavar="ZONE",
              help="IANA timezone of a new expo made from a CSV or iCalendar file "
                   "(default: the calendar's own, else UTC).")
@click.option("--dry-run", "-n", is_flag=True,
              help="Report what would be added, changed or left unchanged; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def import_(ctx: click.Context, files: tuple[Path, ...], db: str | None, fmt: str,
            expo_slug: str | None, timezone: str | None, dry_run: bool, as_json: bool) -> None:
    """Import expo records from FILE... (project JSON or records folder, CSV, iCalendar, frab
    schedule.xml). docs/formats.md describes each format.

    Every file is read and checked before anything is written, and each file lands in one
    transaction: all of it, or none of it (exit status 1, one line naming file, line and field).
    Importing the same file again adds nothing; a changed file updates in place.
    """
    from .ingest.common import ExpoTarget, check_timezone
    from .ingest.detect import detect_format, read_bundle

    debug = ctx.obj["debug"]
    if timezone:
        with friendly_errors(debug):
            check_timezone(timezone, "--timezone")
    progress = _Progress(sys.stdout.isatty() and not as_json)
    results = []
    with friendly_errors(debug), _import_store(_db(ctx, db), dry_run) as (store, where, fresh):
        lookup = lambda slug: _expo_record(store, slug)  # noqa: E731
        planned = []
        for path in files:
            kind = detect_format(path) if fmt == "auto" else fmt
            if kind in ("csv", "ics") and not expo_slug:
                raise click.UsageError(
                    f"{path}: {kind.upper()} files do not say which expo they belong to; "
                    "name one with --expo SLUG (an existing expo, or a new slug to create it).")
            target = ExpoTarget(slug=expo_slug, timezone=timezone, lookup=lookup)
            bundle = read_bundle(path, kind, target)
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
        _echo_json({
            "db": where, "dry_run": dry_run, "created_store": fresh and not dry_run,
            "files": [
                {"file": str(path), "format": kind, "expo": bundle.expo.slug,
                 "new_expo": new_expo, "added": dict(report.added),
                 "changed": dict(report.changed), "unchanged": dict(report.unchanged)}
                for path, kind, bundle, report, new_expo in results
            ],
        })
        return
    from .export.text import plain

    for path, kind, bundle, report, new_expo in results:
        click.echo(plain(f"{path} ({kind}) -> {bundle.expo.slug}"
                         + (" (new expo)" if new_expo else "")))
        for name in ("events", "people", "sources", "delegations", "exhibitors", "figures"):
            if report.added[name] or report.changed[name] or report.unchanged[name]:
                click.echo(f"  {name:<12} {_counts(report, name)}")
    if dry_run:
        click.echo(f"Dry run: nothing was written to {where}.")
    else:
        click.echo(("Created your store from the shipped data and imported into " if fresh
                    else "Imported into ") + where)


# -- export ----------------------------------------------------------------------------------


@main.command()
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS_OUT), required=True,
              help="ics (calendar), csv (spreadsheet), json (lossless, re-importable) or md "
                   "(a brief per day).")
@click.option("--expo", "expo_slug", metavar="SLUG", help=EXPO_HELP)
@click.option("--day", "-d", metavar="N|DATE", help=DAY_HELP)
@click.option("--country", "-c", metavar="X", help=COUNTRY_HELP)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (replaced only when the export is complete); "
                   "default: standard output.")
@click.pass_context
def export(ctx: click.Context, db: str | None, fmt: str, expo_slug: str | None,
           day: str | None, country: str | None, output: Path | None) -> None:
    """Export an expo, or one day or country of it, as a calendar, spreadsheet, JSON or brief.

    Exit status 1 when --day/--country select no event.
    """
    import io
    import os
    import tempfile

    from .export import csv as csv_export
    from .export import ics as ics_export
    from .export import json as json_export
    from .export import markdown as md_export
    from .export.collect import Selection

    writers = {"csv": csv_export.write, "json": json_export.write, "md": md_export.write}
    code = _country(country)
    with friendly_errors(ctx.obj["debug"]):
        store = open_for(_db(ctx, db))
        try:
            expo = _pick_expo(store, expo_slug)
            selection = Selection(expo, _day(expo, day), code)
            if not selection.whole_expo and not store.events(
                    expo, selection.day, country=code, limit=1).items:
                raise Failure(f"No events of {expo.display_name} match --day/--country; "
                              "nothing was exported.")
            if output is None:
                if fmt == "ics":
                    buffer = io.BytesIO()
                    count = ics_export.write(store, selection, buffer)
                    data = buffer.getvalue()
                    if sys.stdout.isatty():
                        from .export.text import plain

                        click.echo(plain(data.decode("utf-8"), keep_newlines=True), nl=False)
                    else:
                        sys.stdout.buffer.write(data)
                        sys.stdout.flush()
                elif sys.stdout.isatty():
                    from .export.text import plain

                    text = io.StringIO()
                    count = writers[fmt](store, selection, text)
                    click.echo(plain(text.getvalue(), keep_newlines=True), nl=False)
                else:
                    stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8",
                                              newline="", write_through=True)
                    try:
                        count = writers[fmt](store, selection, stream)
                        stream.flush()
                    finally:
                        stream.detach()
                return
            output = output.expanduser()
            if not output.parent.is_dir():
                raise Failure(f"Cannot write {output}: folder {output.parent} does not exist.")
            handle, temp_name = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent
                                                 if str(output.parent) else ".")
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


if __name__ == "__main__":  # pragma: no cover
    main()
