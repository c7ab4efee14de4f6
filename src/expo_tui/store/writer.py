"""Writing an ExpoBundle into the store: validated, keyed, and all-or-nothing.

Every record is matched on its natural key (expo slug, source URL, person key, event key,
delegation country, exhibitor name, figure key): an unchanged record is left alone, a changed one
is updated in place, a new one is added. The search index and the event-country table are kept
in step in the same transaction; the per-day and per-country counts follow by trigger.

Records whose natural key is new to the store are queued and written with one executemany per
table (see `write_rows.Batch`); only records that already exist take the per-record
compare-and-update path, where the bundle's record is first merged over the stored one
(merge.py): what the file says replaces, what it leaves out or only assumed stays as stored.
The result is the same rows either way. Events are written by
write_events.py, row by row mechanics live in write_rows.py, the rules a record must satisfy
in record_checks.py.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..merge import Merge, merged
from ..observations import observed_text
from ..records import (
    DelegationRecord,
    ExhibitorRecord,
    ExpoBundle,
    FigureRecord,
    PersonRecord,
    iso_text,
)
from .connection import StoreConnection
from .errors import DataError
from .index_text import clean_variants, person_text
from .record_checks import (
    check_exhibitor,
    check_expo,
    check_figure,
    check_person,
    check_source,
    known_country,
)
from .stored_records import (
    delegation_record,
    exhibitor_record,
    expo_record,
    figure_record,
    person_record,
    source_record,
)
from .write_events import EventWriter
from .write_rows import (
    FLUSH_ROWS,
    LOOKUP_WINDOW,
    Batch,
    Row,
    index,
    known_keys,
    replace_children,
    upsert,
)

_Record = TypeVar("_Record")


@dataclass
class WriteReport:
    """What a write did (or, in a dry run, would do), counted per kind of record."""

    added: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    def total(self, which: str) -> int:
        return sum(getattr(self, which).values())


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def write_bundle(
    store: StoreConnection,
    bundle: ExpoBundle,
    *,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> WriteReport:
    """Write `bundle` in one transaction. Raises DataError (nothing written) on a bad record."""
    report = WriteReport()
    with _import_cache(store, len(bundle.events) + len(bundle.people)):
        try:
            with store.transaction() as conn:
                _Writer(conn, report, progress).write(bundle)
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
    return report


def write_in_transaction(
    conn: sqlite3.Connection, bundle: ExpoBundle, *, exact: bool = False
) -> WriteReport:
    """Write `bundle` inside a transaction the caller already holds, so it lands together with
    the caller's own rows (the review queue's accept) or not at all.

    `exact`: the bundle's records replace the stored ones whole instead of being merged over
    them, for putting back a before-image (undoing an accept) where lists must shrink again.
    """
    report = WriteReport()
    _Writer(conn, report, None, merge=_as_given if exact else merged).write(bundle)
    return report


def _as_given(stored: Any, incoming: _Record) -> _Record:
    return incoming


@contextlib.contextmanager
def _import_cache(store: StoreConnection, records: int) -> Iterator[None]:
    """A larger page cache while a big bundle is written, the usual one afterwards.

    Index and trigger writes of a large import touch pages all over the b-trees; with SQLite's
    default 2 MB cache they are evicted and re-read over and over (about 1.5x slower at 100k).
    """
    if records < IMPORT_CACHE_RECORDS:
        yield
        return
    with store.lock:
        before = store.conn.execute("PRAGMA cache_size").fetchone()[0]
        store.conn.execute(f"PRAGMA cache_size = {-IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        with store.lock:
            store.conn.execute(f"PRAGMA cache_size = {int(before)}")


IMPORT_CACHE_RECORDS = 5_000  # bundles this big get a larger page cache while written
IMPORT_CACHE_KIB = 64 * 1024


class _Writer:
    """Writes one bundle inside an open transaction, remembering the ids it has looked up."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        report: WriteReport,
        progress: Callable[[int], None] | None,
        *,
        merge: Merge = merged,
    ) -> None:
        self.conn = conn
        self.report = report
        self.progress = progress
        self.merged = merge
        self.source_ids: dict[str, int] = {}
        self.person_ids: dict[str, tuple[int, str | None]] = {}
        self.organization_ids: dict[str, int] = {}
        self.country_codes = {r[0] for r in conn.execute("SELECT code FROM countries")}

    # -- helpers ---------------------------------------------------------------------------
    def _country(self, code: str | None, where: str) -> str | None:
        return known_country(code, self.country_codes, where)

    def _count(self, kind: str, outcome: str) -> None:
        getattr(self.report, outcome)[kind] += 1

    def _source_rows(self, urls: Iterable[str], where: str) -> list[Row]:
        rows: list[Row] = []
        for url in dict.fromkeys(urls):
            source_id = self.source_ids.get(url)
            if source_id is None:
                found = self.conn.execute("SELECT id FROM sources WHERE url = ?", (url,)).fetchone()
                if found is None:
                    raise DataError(f"{where}: source {url!r} is cited but not listed in sources.")
                source_id = self.source_ids[url] = int(found[0])
            rows.append((source_id,))
        return rows

    # -- records ---------------------------------------------------------------------------
    def write(self, bundle: ExpoBundle) -> None:
        expo = self.merged(expo_record(self.conn, bundle.expo.slug), bundle.expo)
        where = f"expo {expo.slug!r}"
        listed = {s.url for s in bundle.sources}
        for url in bundle.expo.sources:
            if url not in listed:
                self._source_rows([url], where)
        for source in bundle.sources:
            source = self.merged(source_record(self.conn, source.url), source)
            check_source(source)
            source_id, outcome = upsert(
                self.conn,
                "sources",
                {"url": source.url},
                {
                    "publisher": source.publisher,
                    "title": source.title,
                    "language": source.language,
                    "published": iso_text(source.published),
                    "kind": source.kind,
                    "observer": source.observer,
                    "observed": None
                    if source.observed is None
                    else observed_text(source.observed, source.observed_time),
                },
            )
            self.source_ids[source.url] = source_id
            self._count("sources", outcome)
        check_expo(expo)
        expo_id, outcome = upsert(
            self.conn,
            "expos",
            {"slug": expo.slug},
            {
                "name": expo.name,
                "short_name": expo.short_name,
                "edition": expo.edition,
                "venue": expo.venue,
                "city": expo.city,
                "country_code": self._country(expo.country, f"{where}, field country"),
                "start_date": iso_text(expo.start_date),
                "end_date": iso_text(expo.end_date),
                "timezone": expo.timezone,
                "organizer": expo.organizer,
                "theme": expo.theme,
                "notes": expo.notes,
                "day_change": iso_text(expo.day_change),
            },
        )
        if (
            replace_children(
                self.conn,
                "expo_sources",
                "expo_id",
                expo_id,
                ("source_id",),
                self._source_rows(expo.sources, where),
            )
            and outcome == "unchanged"
        ):
            outcome = "changed"
        self._count("expos", outcome)
        self._people(bundle.people)
        done = EventWriter(
            self.conn,
            count=self._count,
            source_rows=self._source_rows,
            person_ref=self._person_ref,
            day_change=expo.day_change,
            progress=self.progress,
            merge=self.merged,
        ).write(expo_id, bundle.events)
        for delegation in bundle.delegations:
            self._delegation(expo_id, delegation)
        for exhibitor in bundle.exhibitors:
            self._exhibitor(expo_id, exhibitor)
        for figure in bundle.figures:
            self._figure(expo_id, figure)
        if self.progress:
            self.progress(done)

    def _organization(
        self, name: str | None, country: str | None, batch: Batch | None = None
    ) -> int | None:
        if not name:
            return None
        org_id = self.organization_ids.get(name)
        if org_id is not None:
            return org_id
        row = self.conn.execute("SELECT id FROM organizations WHERE name = ?", (name,)).fetchone()
        if row is not None:
            org_id = self.organization_ids[name] = int(row[0])
            return org_id
        cursor = self.conn.execute(
            "INSERT INTO organizations (name, country_code) VALUES (?, ?)", (name, country)
        )
        org_id = self.organization_ids[name] = int(cursor.lastrowid or 0)
        if batch is not None:  # keep the index rows in record order
            batch.add("search", (name, "organization", str(org_id), None, country))
        else:
            index(self.conn, "organization", str(org_id), name, None, country, added=True)
        return org_id

    def _people(self, people: tuple[PersonRecord, ...]) -> None:
        """New people go in batches; people already in the store take the per-record path."""
        batch = Batch()
        added: set[str] = set()
        for start in range(0, len(people), LOOKUP_WINDOW):
            window = people[start : start + LOOKUP_WINDOW]
            known = known_keys(
                self.conn, "SELECT key FROM people WHERE key IN ({})", (), [p.key for p in window]
            )
            for person in window:
                if person.key in known or person.key in added:
                    batch.flush(self.conn)
                    self._person(person)
                    continue
                country = check_person(person, self.country_codes)
                organization_id = self._organization(person.organization, country, batch)
                person_id = batch.next_id(self.conn, "people")
                batch.add(
                    "people",
                    (
                        person_id,
                        person.key,
                        person.name,
                        person.kind,
                        person.rank,
                        person.position,
                        organization_id,
                        country,
                    ),
                )
                for (variant,) in self._variant_rows(person):
                    batch.add("person_variants", (person_id, variant))
                batch.add(
                    "search", (self._person_text(person), "person", person.key, None, country)
                )
                self.person_ids[person.key] = (person_id, country)
                added.add(person.key)
                self._count("people", "added")
                if batch.size >= FLUSH_ROWS:
                    batch.flush(self.conn)
        batch.flush(self.conn)

    @staticmethod
    def _variant_rows(person: PersonRecord) -> list[tuple[object, ...]]:
        return [(v,) for v in clean_variants(person.name, person.variants)]

    @staticmethod
    def _person_text(person: PersonRecord) -> str:
        return person_text(
            person.name, person.variants, person.rank, person.position, person.organization
        )

    def _person(self, person: PersonRecord) -> None:
        person = self.merged(person_record(self.conn, person.key), person)
        country = check_person(person, self.country_codes)
        person_id, outcome = upsert(
            self.conn,
            "people",
            {"key": person.key},
            {
                "name": person.name,
                "kind": person.kind,
                "rank": person.rank,
                "position": person.position,
                "organization_id": self._organization(person.organization, country),
                "country_code": country,
            },
        )
        if (
            replace_children(
                self.conn,
                "person_variants",
                "person_id",
                person_id,
                ("variant",),
                self._variant_rows(person),
            )
            and outcome == "unchanged"
        ):
            outcome = "changed"
        if outcome != "unchanged":
            index(
                self.conn,
                "person",
                person.key,
                self._person_text(person),
                None,
                country,
                added=outcome == "added",
            )
        self.person_ids[person.key] = (person_id, country)
        self._count("people", outcome)

    def _person_ref(self, key: str, where: str) -> tuple[int, str | None]:
        found = self.person_ids.get(key)
        if found is None:
            row = self.conn.execute(
                "SELECT id, country_code FROM people WHERE key = ?", (key,)
            ).fetchone()
            if row is None:
                raise DataError(f"{where}: person {key!r} is not listed in people.")
            found = self.person_ids[key] = (int(row[0]), row[1])
        return found

    def _delegation(self, expo_id: int, delegation: DelegationRecord) -> None:
        where = f"delegation {delegation.country!r}"
        country = self._country(delegation.country, f"{where}, field country")
        delegation = self.merged(delegation_record(self.conn, expo_id, country), delegation)
        head = (
            self._person_ref(delegation.head, f"{where}, field head")[0]
            if delegation.head
            else None
        )
        delegation_id, outcome = upsert(
            self.conn,
            "delegations",
            {"expo_id": expo_id, "country_code": country},
            {"kind": delegation.kind, "head_person_id": head, "notes": delegation.notes},
        )
        members = []
        for ordinal, member in enumerate(delegation.members):
            person = (
                self._person_ref(member.person, f"{where}, member {ordinal + 1}")[0]
                if member.person
                else None
            )
            members.append((ordinal, member.name, member.role, person))
        changed = replace_children(
            self.conn,
            "delegation_members",
            "delegation_id",
            delegation_id,
            ("ordinal", "name", "role", "person_id"),
            members,
        )
        changed |= replace_children(
            self.conn,
            "delegation_sources",
            "delegation_id",
            delegation_id,
            ("source_id",),
            self._source_rows(delegation.sources, where),
        )
        self._count("delegations", "changed" if outcome == "unchanged" and changed else outcome)

    def _exhibitor(self, expo_id: int, exhibitor: ExhibitorRecord) -> None:
        where = f"exhibitor {exhibitor.name!r}"
        check_exhibitor(exhibitor)
        exhibitor = self.merged(exhibitor_record(self.conn, expo_id, exhibitor.name), exhibitor)
        country = self._country(exhibitor.country, f"{where}, field country")
        exhibitor_id, outcome = upsert(
            self.conn,
            "exhibitors",
            {"expo_id": expo_id, "name": exhibitor.name},
            {"country_code": country, "kind": exhibitor.kind, "notes": exhibitor.notes},
        )
        if outcome == "changed":
            # The count triggers fire on insert and delete only; a moved exhibitor is re-added.
            self.conn.execute(
                "DELETE FROM exhibitor_sources WHERE exhibitor_id = ?", (exhibitor_id,)
            )
            self.conn.execute("DELETE FROM exhibitors WHERE id = ?", (exhibitor_id,))
            self.conn.execute(
                "INSERT INTO exhibitors (id, expo_id, name, country_code, kind, notes) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (exhibitor_id, expo_id, exhibitor.name, country, exhibitor.kind, exhibitor.notes),
            )
        changed = replace_children(
            self.conn,
            "exhibitor_sources",
            "exhibitor_id",
            exhibitor_id,
            ("source_id",),
            self._source_rows(exhibitor.sources, where),
        )
        if outcome != "unchanged" or changed:
            index(
                self.conn,
                "exhibitor",
                str(exhibitor_id),
                exhibitor.name,
                expo_id,
                country,
                added=outcome == "added",
            )
        self._count("exhibitors", "changed" if outcome == "unchanged" and changed else outcome)

    def _figure(self, expo_id: int, figure: FigureRecord) -> None:
        where = f"figure {figure.key!r}"
        check_figure(figure)
        figure = self.merged(figure_record(self.conn, expo_id, figure.key), figure)
        event_id = None
        if figure.event:
            found = self.conn.execute(
                "SELECT id FROM events WHERE expo_id = ? AND key = ?", (expo_id, figure.event)
            ).fetchone()
            if found is None:
                raise DataError(f"{where}, field event: no event {figure.event!r} in this expo.")
            event_id = int(found[0])
        figure_id, outcome = upsert(
            self.conn,
            "figures",
            {"expo_id": expo_id, "key": figure.key},
            {
                "metric": figure.metric,
                "value": figure.value,
                "number": figure.number,
                "unit": figure.unit,
                "note": figure.note,
                "event_id": event_id,
            },
        )
        changed = replace_children(
            self.conn,
            "figure_sources",
            "figure_id",
            figure_id,
            ("source_id",),
            self._source_rows(figure.sources, where),
        )
        self._count("figures", "changed" if outcome == "unchanged" and changed else outcome)
