"""Importing records into a store: the one door every importer goes through.

`import_files(ImportRequest(...))` is what `expo-tui import` does: choose the store (making the
user's own from the shipped data on the first import), read and check every file, plan the
writes, write each file's records in one transaction, and report what was added, changed and
left unchanged. Code that already holds records (a reviewed news candidate, say) plans them
with `plan_bundle` and writes them with `write_plans` into a store it has open.

Files that know less than the store (CSV, iCalendar and frab know a person's name or a
source's URL; the store may know rank, position, publisher...) link to the people and sources
the store already has instead of writing over them.

Nothing here prints or knows about click: errors are raised (`ImportRequestError` for a request
that cannot be carried out as asked, `IngestError` for a file that is refused, the store's
`StoreError`s), and the caller words them for its user.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..ingest.common import ExpoTarget
    from ..records import ExpoBundle, ExpoRecord, SourceRecord
    from ..store import Store

FILE_FORMATS = ("auto", "json", "csv", "ics", "frab")
RECORD_KINDS = ("events", "people", "sources", "delegations", "exhibitors", "figures")
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
    zone of a new expo made from a CSV or iCalendar file; `source_url` is cited by every
    record that links to no source of its own.
    """

    files: tuple[Path, ...]
    db: str | None = None
    format: str = "auto"
    expo_slug: str | None = None
    timezone: str | None = None
    source_url: str | None = None
    dry_run: bool = False


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


class ImportProgress(Protocol):
    """Told how the writing of each planned import goes (a progress bar, say)."""

    def start(self, name: str, total: int) -> None: ...  # total: events to write
    def update(self, done: int) -> None: ...
    def stop(self) -> None: ...


def import_files(request: ImportRequest, *, progress: ImportProgress | None = None) -> ImportReport:
    """Read and check every file, then write each in its own transaction (see the module)."""
    from ..ingest.common import ExpoTarget
    from .stores import store_for_import

    source = _checked_source(request)
    with store_for_import(request.db, dry_run=request.dry_run) as target:
        store = target.store
        expo = ExpoTarget(
            slug=request.expo_slug,
            timezone=request.timezone,
            lookup=lambda slug: stored_expo_record(store, slug),
        )
        plans = [
            plan_file(store, path, file_format=request.format, expo=expo, source=source)
            for path in request.files
        ]
        reports = write_plans(store, plans, dry_run=request.dry_run, progress=progress)
    return ImportReport(
        where=target.where,
        dry_run=request.dry_run,
        created_store=target.created and not request.dry_run,
        files=reports,
    )


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
) -> PlannedImport:
    """Read and check one file (`file_format` "auto" goes by extension, then content)."""
    from ..ingest.detect import detect_format, read_bundle

    kind = detect_format(path) if file_format == "auto" else file_format
    if kind in FORMATS_WITHOUT_EXPO and not expo.slug:
        raise ExpoNotNamed(path, kind)
    bundle = read_bundle(path, kind, expo)
    plan = plan_bundle(
        store, bundle, label=str(path), file_format=kind, link_known=kind != "json", source=source
    )
    return replace(plan, name=path.name)


def plan_bundle(
    store: Store,
    bundle: ExpoBundle,
    *,
    label: str,
    file_format: str = "records",
    link_known: bool = True,
    source: SourceRecord | None = None,
) -> PlannedImport:
    """Plan the writing of records already in hand.

    With `source`, every record that cites nothing cites it. With `link_known`, people and
    sources the store already has are linked, not overwritten: pass False only for records
    that are complete (the project's JSON format), whose values should replace the store's.
    """
    from ..ingest.common import cite_where_missing

    if source is not None:
        bundle = cite_where_missing(bundle, source)
    linked: dict[str, int] = {}
    if link_known:
        bundle, linked = _link_known(store, bundle)
    new_expo = store.expo(bundle.expo.slug) is None
    return PlannedImport(label, file_format, bundle, new_expo, linked)


def write_plans(
    store: Store,
    plans: Sequence[PlannedImport],
    *,
    dry_run: bool = False,
    progress: ImportProgress | None = None,
) -> tuple[BundleReport, ...]:
    """Write each plan in its own transaction, in order; a dry run rolls each back."""
    reports = []
    try:
        for plan in plans:
            if progress is not None:
                progress.start(plan.name or plan.label, len(plan.bundle.events))
            written = store.write_bundle(
                plan.bundle,
                dry_run=dry_run,
                progress=progress.update if progress is not None else None,
            )
            if progress is not None:
                progress.stop()
            unchanged = dict(written.unchanged)
            for kind, count in plan.linked.items():
                unchanged[kind] = unchanged.get(kind, 0) + count
            reports.append(
                BundleReport(
                    label=plan.label,
                    format=plan.format,
                    expo_slug=plan.bundle.expo.slug,
                    new_expo=plan.new_expo,
                    added=dict(written.added),
                    changed=dict(written.changed),
                    unchanged=unchanged,
                )
            )
    finally:
        if progress is not None:
            progress.stop()
    return tuple(reports)


def _link_known(store: Store, bundle: ExpoBundle) -> tuple[ExpoBundle, dict[str, int]]:
    """`bundle` without the people and sources the store already has (their records there
    stay as they are; the bundle's events still link to them), and how many of each."""
    known_people = store.known_person_keys(p.key for p in bundle.people)
    known_sources = store.known_source_urls(s.url for s in bundle.sources)
    trimmed = replace(
        bundle,
        people=tuple(p for p in bundle.people if p.key not in known_people),
        sources=tuple(s for s in bundle.sources if s.url not in known_sources),
    )
    return trimmed, {"people": len(known_people), "sources": len(known_sources)}


def stored_expo_record(store: Store, slug: str) -> ExpoRecord | None:
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
