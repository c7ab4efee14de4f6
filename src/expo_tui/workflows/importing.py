"""Importing records into a store: the one door every importer goes through.

`import_files(ImportRequest(...))` is what `expo-tui import` does: choose the store (making the
user's own from the shipped data on the first import), read and check every file, each against
the store as the files before it will leave it, then write them all in one transaction, and
report what was added, changed and left unchanged. One refused file means nothing is written,
and the error names it. Code that already holds records (a reviewed news candidate, say) plans
them with `plan_bundle` and writes them with `write_plans` into a store it has open.

A file that knows less never erases what the store knows. CSV, iCalendar and frab know a
person's name or a source's URL, the store may know rank, position, publisher...: such people
and sources are linked to, not written again. And whatever a record leaves out, or only
assumed, the store's value of it stays (merge.py, applied by the store's writer).

Quirks a reader read one sensible way (ingest/warnings.py) come back as `ImportWarning`s in
each file's report, to be shown; with `strict` they refuse the file instead.

Nothing here prints or knows about click: errors are raised (`ImportRequestError` for a request
that cannot be carried out as asked, `IngestError` for a file that is refused, the store's
`StoreError`s), and the caller words them for its user.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..ingest.common import ExpoTarget
    from ..ingest.warnings import ImportWarning
    from ..records import ExpoBundle, ExpoRecord, SourceRecord
    from ..store import Store

FILE_FORMATS = ("auto", "json", "frab-json", "csv", "ics", "frab")
RECORD_KINDS = (
    "events", "people", "sources", "delegations", "exhibitors", "figures", "annotations"
)  # fmt: skip
FORMATS_WITHOUT_EXPO = ("csv", "ics")  # files that do not say which expo they belong to


class ImportRequestError(ValueError):
    """The request cannot be carried out as asked (before anything is written): the caller's
    mistake rather than a bad file. The CLI reports it as a usage error."""


class ExpoNotNamed(ImportRequestError):
    """A CSV or iCalendar file was given without the expo its records belong to."""

    def __init__(self, path: Path, file_format: str) -> None:
        self.path = path
        self.format = file_format
        super().__init__(
            f"{path}: {file_format.upper()} files do not say which expo they belong to; "
            "name an existing expo, or a new slug to create it."
        )


class NotAWebUrl(ImportRequestError):
    """The page the files were published at is not an http(s) URL."""

    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(f"{url[:80]!r} is not an http(s) URL")


class NotASlug(ImportRequestError):
    """The expo named for the files cannot be a slug (records.slug_problem)."""

    def __init__(self, slug: str, problem: str) -> None:
        self.slug = slug
        super().__init__(problem)


@dataclass(frozen=True)
class ImportRequest:
    """What to import, and where.

    `db` names the store (None: $EXPO_TUI_DB, else the user's own store, made on the first
    import from the shipped data). `expo_slug` is the expo the records belong to (required for
    CSV and iCalendar; for JSON and frab it renames the file's expo); `timezone` is the IANA
    zone of a new expo made from a CSV or iCalendar file, or from a schedule that names none; `source_url` is cited by every
    record that links to no source of its own; `strict` refuses a file with any quirk that
    would otherwise be read one sensible way and reported as a warning.
    """

    files: tuple[Path, ...]
    db: str | None = None
    format: str = "auto"
    expo_slug: str | None = None
    timezone: str | None = None
    source_url: str | None = None
    dry_run: bool = False
    strict: bool = False


@dataclass(frozen=True)
class PlannedImport:
    """Records read and checked, ready to write."""

    label: str  # where they came from: a file's path, or what the caller calls them
    format: str
    bundle: ExpoBundle
    new_expo: bool  # the store has no expo of this slug yet
    # people and sources the store already held, linked instead of written again, by kind
    linked: Mapping[str, int] = field(default_factory=dict)
    name: str = ""  # a short name for progress ("schedule.xml"); the label when empty
    warnings: tuple[ImportWarning, ...] = ()  # quirks read one sensible way


@dataclass(frozen=True)
class BundleReport:
    """What writing one planned import did (or, in a dry run, would do), per kind of record
    (see RECORD_KINDS; "expos" too). A kind nothing happened to may be missing."""

    label: str
    format: str
    expo_slug: str
    new_expo: bool
    added: Mapping[str, int]
    changed: Mapping[str, int]
    unchanged: Mapping[str, int]
    timezone: str = "UTC"  # the expo's zone: for a new expo, the one the file gave or was assumed
    warnings: tuple[ImportWarning, ...] = ()  # quirks read one sensible way, in the order met

    def counts(self, kind: str) -> tuple[int, int, int]:
        """(added, changed, unchanged) records of `kind`."""
        return (self.added.get(kind, 0), self.changed.get(kind, 0), self.unchanged.get(kind, 0))


@dataclass(frozen=True)
class ImportReport:
    """What `import_files` did."""

    where: str  # the store written into (or that would have been, in a dry run)
    dry_run: bool
    created_store: bool  # the user's store was made by this import
    files: tuple[BundleReport, ...]

    @property
    def warnings(self) -> tuple[ImportWarning, ...]:
        """Every file's warnings, file by file."""
        return tuple(w for part in self.files for w in part.warnings)


class ImportProgress(Protocol):
    """Told how the writing of each planned import goes (a progress bar, say)."""

    def start(self, name: str, total: int) -> None: ...  # total: events to write
    def update(self, done: int) -> None: ...
    def stop(self) -> None: ...


def import_files(request: ImportRequest, *, progress: ImportProgress | None = None) -> ImportReport:
    """Read and check every file, then write them all in one transaction (see the module)."""
    from .stores import StoreMadeMeanwhile

    source = _checked_source(request)
    try:
        return _import_once(request, source, progress)
    except StoreMadeMeanwhile:
        # Another import made the store this one was making (two first imports at once):
        # nothing of this one was kept, so it is done again, into the store that now exists.
        return _import_once(request, source, progress)


def _import_once(
    request: ImportRequest, source: SourceRecord | None, progress: ImportProgress | None
) -> ImportReport:
    from .stores import store_for_import

    with store_for_import(request.db, dry_run=request.dry_run) as target:
        store = target.store
        # One transaction from the first read to the last write: it holds SQLite's write lock,
        # so the files are read against the store their records are written into (no other
        # import can land in between), and a refused file or a dry run leaves the store, an
        # older schema's included, exactly as it was.
        with store.transaction(rollback=request.dry_run):
            _refuse_if_damaged(store, target.where)
            plans: tuple[PlannedImport, ...] = ()
            for path in request.files:
                plan = plan_file(
                    store,
                    path,
                    file_format=request.format,
                    expo=_target(store, request, plans),
                    source=source,
                    strict=request.strict,
                    earlier=plans,
                )
                plans = (*plans, plan)
            reports = write_plans(store, plans, dry_run=request.dry_run, progress=progress)
    return ImportReport(
        where=target.where,
        dry_run=request.dry_run,
        created_store=target.created and not request.dry_run,
        files=reports,
    )


def _refuse_if_damaged(store: Store, where: str) -> None:
    """A store `expo-tui check` would report damaged is not written into: an import would
    build on what is broken (counts off, an index missing) and hide it under new rows."""
    from ..store import DamagedStoreError

    problems = store.damage()
    if problems:
        first = problems[0]
        total = sum(p.count for p in problems)
        raise DamagedStoreError(
            f"{where} is damaged ({total:,} problem(s); the first, {first.check}: "
            f"{first.message}); `expo-tui check` lists them. Nothing was written."
        )


def _target(store: Store, request: ImportRequest, earlier: Sequence[PlannedImport]) -> ExpoTarget:
    """The expo the next file lands in, as the store will hold it once the earlier files of the
    same import are written: a CSV after a JSON document is read in the JSON's timezone."""
    from ..ingest.common import ExpoTarget

    def lookup(slug: str) -> ExpoRecord | None:
        return expo_after(store, slug, earlier)

    return ExpoTarget(slug=request.expo_slug, timezone=request.timezone, lookup=lookup)


def expo_after(store: Store, slug: str, earlier: Sequence[PlannedImport]) -> ExpoRecord | None:
    """The expo `slug` once `earlier` plans are written: the store's record with each plan's
    expo merged over it, as the writer will merge them (merge.py)."""
    from ..merge import merged

    record = store.expo_record(slug)
    for plan in earlier:
        if plan.bundle.expo.slug == slug:
            record = merged(record, plan.bundle.expo)
    return record


def _checked_source(request: ImportRequest) -> SourceRecord | None:
    """The request's slug and timezone checked and its source URL as a record, before any
    file is read."""
    from ..ingest.common import check_timezone, check_url
    from ..ingest.errors import IngestError
    from ..records import SourceRecord, slug_problem

    if request.expo_slug is not None and (problem := slug_problem(request.expo_slug)):
        raise NotASlug(request.expo_slug, problem)
    if request.timezone:  # named as the option that sets it, as the CLI has always said
        check_timezone(request.timezone, "--timezone")
    if request.source_url is None:
        return None
    try:
        return SourceRecord(url=check_url(request.source_url, "--source", "URL"))
    except IngestError as error:
        raise NotAWebUrl(request.source_url) from error


def plan_file(
    store: Store,
    path: Path,
    *,
    file_format: str = "auto",
    expo: ExpoTarget,
    source: SourceRecord | None = None,
    strict: bool = False,
    earlier: Sequence[PlannedImport] = (),
) -> PlannedImport:
    """Read and check one file (`file_format` "auto" goes by extension, then content); with
    `strict`, a quirk that would be a warning refuses the file. `earlier` are the plans of the
    same import that will be written before it."""
    from ..ingest.detect import detect_format, read_bundle_as
    from ..ingest.warnings import WarningLog

    kind = detect_format(path) if file_format == "auto" else file_format
    if kind in FORMATS_WITHOUT_EXPO and not expo.slug:
        raise ExpoNotNamed(path, kind)
    log = WarningLog(strict=strict)
    bundle, kind = read_bundle_as(path, kind, expo, log)
    plan = plan_bundle(
        store,
        bundle,
        label=str(path),
        file_format=kind,
        link_known=kind != "json",
        source=source,
        earlier=earlier,
    )
    return replace(plan, name=path.name, warnings=log.warnings)


def plan_bundle(
    store: Store,
    bundle: ExpoBundle,
    *,
    label: str,
    file_format: str = "records",
    link_known: bool = True,
    source: SourceRecord | None = None,
    earlier: Sequence[PlannedImport] = (),
) -> PlannedImport:
    """Plan the writing of records already in hand, checked against the store's rules.

    With `source`, every record that cites nothing cites it. With `link_known`, people and
    sources the store already has (or `earlier` plans bring) are linked, not written again:
    pass False only for records that are complete (the project's JSON format), whose values
    replace the store's where they give one. A record that breaks a rule is a DataError
    naming `label`.
    """
    from ..ingest.common import cite_where_missing

    if source is not None:
        bundle = cite_where_missing(bundle, source)
    linked: dict[str, int] = {}
    if link_known:
        bundle, linked = _link_known(store, bundle, earlier)
    with _labelled(label):
        store.check_bundle(bundle)
    new_expo = expo_after(store, bundle.expo.slug, earlier) is None
    return PlannedImport(label, file_format, bundle, new_expo, linked)


@contextmanager
def _labelled(label: str) -> Iterator[None]:
    """A DataError raised inside names the file (or whatever `label` says) it came from."""
    from ..store import DataError

    try:
        yield
    except DataError as error:
        raise DataError(f"{label}: {error}") from error


def write_plans(
    store: Store,
    plans: Sequence[PlannedImport],
    *,
    dry_run: bool = False,
    progress: ImportProgress | None = None,
) -> tuple[BundleReport, ...]:
    """Write every plan, in order, in one transaction: all of them land, or none (a dry run
    rolls them all back). A record refused by the store is a DataError naming its plan."""
    reports = []
    try:
        with store.transaction(rollback=dry_run):
            for plan in plans:
                if progress is not None:
                    progress.start(plan.name or plan.label, len(plan.bundle.events))
                with _labelled(plan.label):
                    written = store.write_bundle(
                        plan.bundle, progress=progress.update if progress is not None else None
                    )
                    notes = store.annotations.merge(plan.bundle.annotations)
                if progress is not None:
                    progress.stop()
                added, changed = dict(written.added), dict(written.changed)
                unchanged = dict(written.unchanged)
                for kind, count in plan.linked.items():
                    unchanged[kind] = unchanged.get(kind, 0) + count
                if plan.bundle.annotations:  # the user's own, merged (docs/formats.md)
                    added["annotations"] = notes.added
                    changed["annotations"] = notes.changed
                    unchanged["annotations"] = notes.unchanged
                reports.append(
                    BundleReport(
                        label=plan.label,
                        format=plan.format,
                        expo_slug=plan.bundle.expo.slug,
                        new_expo=plan.new_expo,
                        added=added,
                        changed=changed,
                        unchanged=unchanged,
                        timezone=plan.bundle.expo.timezone,
                        warnings=plan.warnings,
                    )
                )
    finally:
        if progress is not None:
            progress.stop()
    return tuple(reports)


def _link_known(
    store: Store, bundle: ExpoBundle, earlier: Sequence[PlannedImport]
) -> tuple[ExpoBundle, dict[str, int]]:
    """`bundle` without the people and sources the store already has or `earlier` plans bring
    (their records stay as they are; the bundle's events still link to them), and how many."""
    known_people = store.known_person_keys(p.key for p in bundle.people)
    known_sources = store.known_source_urls(s.url for s in bundle.sources)
    for plan in earlier:
        known_people |= {p.key for p in plan.bundle.people}
        known_sources |= {s.url for s in plan.bundle.sources}
    people = tuple(p for p in bundle.people if p.key not in known_people)
    sources = tuple(s for s in bundle.sources if s.url not in known_sources)
    trimmed = replace(bundle, people=people, sources=sources)
    return trimmed, {
        "people": len(bundle.people) - len(people),
        "sources": len(bundle.sources) - len(sources),
    }


def stored_expo_record(store: Store, slug: str) -> ExpoRecord | None:
    """The store's expo as an ExpoRecord with its sources, so writing it back changes nothing."""
    return store.expo_record(slug)
