"""Writing an ExpoBundle into the store: validated, keyed, and all-or-nothing.

Every record is matched on its natural key (expo slug, source URL, person key, event key,
delegation country, exhibitor name, figure key): an unchanged record is left alone, a changed one
is updated in place, a new one is added. The search index and the event-country table are kept
in step in the same transaction; the per-day and per-country counts follow by trigger.

Records whose natural key is new to the store are queued and written with one executemany per
table (see `_Batch`); only records that already exist take the per-record compare-and-update
path. The result is the same rows either way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..records import (
    EVENT_KINDS,
    EVENT_STATUSES,
    PARTICIPANT_ROLES,
    PERSON_KINDS,
    DelegationRecord,
    EventRecord,
    ExhibitorRecord,
    ExpoBundle,
    FigureRecord,
    PersonRecord,
    iso_text,
)
from .connection import StoreConnection
from .errors import DataError
from .index_text import clean_variants, event_text, person_text

NO_TIME = "\uffff"  # sorts after every clock time: untimed events follow timed ones


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


def sort_key(
    start_time: dt.time | str | None,
    order_scope: str | None,
    order: int | None,
    day_change: dt.time | None = None,
) -> str:
    """The order of events within a day: clock time, then each host's chain in its order.

    With a `day_change` (the clock time a schedule day ends), times before it belong to the
    night after the day's date and sort last, as "24:30" would.
    """
    time_text = start_time.strftime("%H:%M") if isinstance(start_time, dt.time) else start_time
    if time_text and day_change is not None and time_text < day_change.strftime("%H:%M"):
        time_text = f"{int(time_text[:2]) + 24:02d}{time_text[2:]}"
    return "|".join(
        (
            time_text or NO_TIME,
            (order_scope or NO_TIME).replace("\x1f", " "),
            f"{order:09d}" if order is not None else NO_TIME,
        )
    )


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


def write_in_transaction(conn: sqlite3.Connection, bundle: ExpoBundle) -> WriteReport:
    """Write `bundle` inside a transaction the caller already holds, so it lands together with
    the caller's own rows (the review queue's accept) or not at all."""
    report = WriteReport()
    _Writer(conn, report, None).write(bundle)
    return report


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
LOOKUP_WINDOW = 2000  # records whose keys are looked up in the store at once
FLUSH_ROWS = 50_000  # queued rows written per round of executemany

_BATCH_INSERTS = {  # in foreign-key order: parents before children, the search index last
    "people": "INSERT INTO people (id, key, name, kind, rank, position, organization_id, "
    "country_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "person_variants": "INSERT INTO person_variants (person_id, variant) VALUES (?, ?)",
    "events": "INSERT INTO events (id, expo_id, key, date, date_from, date_to, start_time, "
    "end_time, day_order, order_scope, kind, status, title, location, summary, notes, "
    "sort_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "event_participants": "INSERT INTO event_participants (event_id, ordinal, person_id, role, "
    "position, note) VALUES (?, ?, ?, ?, ?, ?)",
    "event_sources": "INSERT INTO event_sources (event_id, source_id) VALUES (?, ?)",
    "event_countries": "INSERT INTO event_countries (event_id, country_code, expo_id, date, "
    "sort_key) VALUES (?, ?, ?, ?, ?)",
    "search": "INSERT INTO search (text, kind, ref, expo_id, country_code) VALUES (?, ?, ?, ?, ?)",
    "event_search": "INSERT INTO event_search (rowid, text, expo_id) VALUES (?, ?, ?)",
}


class _Batch:
    """Rows of new records queued per table, written with one executemany per table.

    Ids are handed out as SQLite would (one past the largest), so the rows are the same as
    inserting them one by one; the queue is flushed before any per-record write.
    """

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple[object, ...]]] = {table: [] for table in _BATCH_INSERTS}
        self.ids: dict[str, int] = {}
        self.size = 0

    def next_id(self, conn: sqlite3.Connection, table: str) -> int:
        if table not in self.ids:
            self.ids[table] = conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[
                0
            ]
        self.ids[table] += 1
        return self.ids[table]

    def add(self, table: str, row: tuple[object, ...]) -> None:
        self.rows[table].append(row)
        self.size += 1

    def flush(self, conn: sqlite3.Connection) -> None:
        if self.size:
            for table, rows in self.rows.items():
                if rows:
                    conn.executemany(_BATCH_INSERTS[table], rows)
                    rows.clear()
        self.ids.clear()
        self.size = 0


class _Writer:
    def __init__(
        self,
        conn: sqlite3.Connection,
        report: WriteReport,
        progress: Callable[[int], None] | None,
    ) -> None:
        self.conn = conn
        self.report = report
        self.progress = progress
        self.source_ids: dict[str, int] = {}
        self.person_ids: dict[str, tuple[int, str | None]] = {}
        self.organization_ids: dict[str, int] = {}
        self.day_change: dt.time | None = None
        self.country_codes = {r[0] for r in conn.execute("SELECT code FROM countries")}

    # -- helpers ---------------------------------------------------------------------------
    def _country(self, code: str | None, where: str) -> str | None:
        if code is None:
            return None
        if code not in self.country_codes:
            raise DataError(f"{where}: unknown country code {code!r}.")
        return code

    def _choice(self, value: str, allowed: tuple[str, ...], where: str) -> str:
        if value not in allowed:
            raise DataError(f"{where}: {value!r} is not one of {', '.join(allowed)}.")
        return value

    def _count(self, kind: str, outcome: str) -> None:
        getattr(self.report, outcome)[kind] += 1

    def _upsert(
        self, kind: str, table: str, key: dict[str, object], values: dict[str, object]
    ) -> tuple[int, str]:
        """Insert or update one row by natural key; returns (id, outcome)."""
        where = " AND ".join(f"{k} = ?" for k in key)
        columns = list(values)
        row = (
            self.conn.execute(
                f"SELECT id, {', '.join(columns)} FROM {table} WHERE {where}", tuple(key.values())
            ).fetchone()
            if columns
            else self.conn.execute(
                f"SELECT id FROM {table} WHERE {where}", tuple(key.values())
            ).fetchone()
        )
        if row is None:
            names = [*key, *columns]
            cursor = self.conn.execute(
                f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                (*key.values(), *values.values()),
            )
            return int(cursor.lastrowid or 0), "added"
        if tuple(row[c] for c in columns) == tuple(values.values()):
            return int(row["id"]), "unchanged"
        self.conn.execute(
            f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
            (*values.values(), row["id"]),
        )
        return int(row["id"]), "changed"

    def _replace_children(
        self,
        table: str,
        parent_column: str,
        parent_id: int,
        columns: tuple[str, ...],
        rows: list[tuple[object, ...]],
    ) -> bool:
        """Make a child table's rows for one parent exactly `rows`; True if anything changed."""
        existing = [
            tuple(r)
            for r in self.conn.execute(
                f"SELECT {', '.join(columns)} FROM {table} WHERE {parent_column} = ? "
                f"ORDER BY {', '.join(columns)}",
                (parent_id,),
            )
        ]
        if existing == sorted(rows, key=_sortable):
            return False
        self.conn.execute(f"DELETE FROM {table} WHERE {parent_column} = ?", (parent_id,))
        self.conn.executemany(
            f"INSERT INTO {table} ({parent_column}, {', '.join(columns)}) "
            f"VALUES (?, {', '.join('?' * len(columns))})",
            [(parent_id, *r) for r in rows],
        )
        return True

    def _source_rows(self, urls: Iterable[str], where: str) -> list[tuple[object, ...]]:
        rows = []
        for url in dict.fromkeys(urls):
            source_id = self.source_ids.get(url)
            if source_id is None:
                found = self.conn.execute("SELECT id FROM sources WHERE url = ?", (url,)).fetchone()
                if found is None:
                    raise DataError(f"{where}: source {url!r} is cited but not listed in sources.")
                source_id = self.source_ids[url] = int(found[0])
            rows.append((source_id,))
        return rows

    def _index(
        self,
        kind: str,
        ref: str,
        text: str,
        expo_id: int | None,
        country: str | None,
        *,
        added: bool = False,
    ) -> None:
        if kind == "event":  # its own index, keyed by the event's id
            if not added:
                self.conn.execute("DELETE FROM event_search WHERE rowid = ?", (int(ref),))
            self.conn.execute(
                "INSERT INTO event_search (rowid, text, expo_id) VALUES (?, ?, ?)",
                (int(ref), text, expo_id),
            )
            return
        # kind and ref are UNINDEXED columns, so this DELETE reads the whole index: only a
        # record that existed before can have a row to replace.
        if not added:
            self.conn.execute("DELETE FROM search WHERE kind = ? AND ref = ?", (kind, ref))
        self.conn.execute(
            "INSERT INTO search (text, kind, ref, expo_id, country_code) VALUES (?, ?, ?, ?, ?)",
            (text, kind, ref, expo_id, country),
        )

    def _known_keys(self, sql: str, params: tuple[object, ...], keys: list[str]) -> set[str]:
        """Which of `keys` the store already holds, asked a few hundred at a time."""
        found: set[str] = set()
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            found.update(
                r[0]
                for r in self.conn.execute(sql.format(", ".join("?" * len(part))), (*params, *part))
            )
        return found

    def _flush(self, batch: _Batch) -> None:
        batch.flush(self.conn)

    # -- records ---------------------------------------------------------------------------
    def write(self, bundle: ExpoBundle) -> None:
        expo = bundle.expo
        where = f"expo {expo.slug!r}"
        for url in expo.sources:
            if not any(s.url == url for s in bundle.sources):
                self._source_rows([url], where)
        for source in bundle.sources:
            source_id, outcome = self._upsert(
                "sources",
                "sources",
                {"url": source.url},
                {
                    "publisher": source.publisher,
                    "title": source.title,
                    "language": source.language,
                    "published": iso_text(source.published),
                },
            )
            self.source_ids[source.url] = source_id
            self._count("sources", outcome)
        if expo.end_date < expo.start_date:
            raise DataError(f"{where}: end_date is before start_date.")
        expo_id, outcome = self._upsert(
            "expos",
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
        self.day_change = expo.day_change
        if (
            self._replace_children(
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
        done = self._events(expo_id, bundle.events)
        for delegation in bundle.delegations:
            self._delegation(expo_id, delegation)
        for exhibitor in bundle.exhibitors:
            self._exhibitor(expo_id, exhibitor)
        for figure in bundle.figures:
            self._figure(expo_id, figure)
        if self.progress:
            self.progress(done)

    def _organization(
        self, name: str | None, country: str | None, batch: _Batch | None = None
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
            self._index("organization", str(org_id), name, None, country, added=True)
        return org_id

    def _people(self, people: tuple[PersonRecord, ...]) -> None:
        """New people go in batches; people already in the store take the per-record path."""
        batch = _Batch()
        added: set[str] = set()
        for start in range(0, len(people), LOOKUP_WINDOW):
            window = people[start : start + LOOKUP_WINDOW]
            known = self._known_keys(
                "SELECT key FROM people WHERE key IN ({})", (), [p.key for p in window]
            )
            for person in window:
                if person.key in known or person.key in added:
                    self._flush(batch)
                    self._person(person)
                    continue
                country = self._check_person(person)
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
                    self._flush(batch)
        self._flush(batch)

    def _check_person(self, person: PersonRecord) -> str | None:
        """Validate one person; returns its country code."""
        where = f"person {person.key!r}"
        if not person.key or not person.name:
            raise DataError(f"{where}: key and name are required.")
        self._choice(person.kind, PERSON_KINDS, f"{where}, field kind")
        return self._country(person.country, f"{where}, field country")

    @staticmethod
    def _variant_rows(person: PersonRecord) -> list[tuple[object, ...]]:
        return [(v,) for v in clean_variants(person.name, person.variants)]

    @staticmethod
    def _person_text(person: PersonRecord) -> str:
        return person_text(
            person.name, person.variants, person.rank, person.position, person.organization
        )

    def _person(self, person: PersonRecord) -> None:
        country = self._check_person(person)
        person_id, outcome = self._upsert(
            "people",
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
            self._replace_children(
                "person_variants", "person_id", person_id, ("variant",), self._variant_rows(person)
            )
            and outcome == "unchanged"
        ):
            outcome = "changed"
        if outcome != "unchanged":
            self._index(
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

    def _events(self, expo_id: int, events: tuple[EventRecord, ...]) -> int:
        """New events go in batches of executemany; known ones take the per-record path.

        The batch writes exactly the rows the per-record path would, in the same order (ids are
        the ones SQLite would assign), so the two paths leave byte-identical tables.
        """
        batch = _Batch()
        added: set[str] = set()
        done = 0
        for start in range(0, len(events), LOOKUP_WINDOW):
            window = events[start : start + LOOKUP_WINDOW]
            known = self._known_keys(
                "SELECT key FROM events WHERE expo_id = ? AND key IN ({})",
                (expo_id,),
                [e.key for e in window],
            )
            for event in window:
                if event.key in known or event.key in added:
                    self._flush(batch)
                    self._event(expo_id, event)
                else:
                    self._add_event(expo_id, event, batch)
                    added.add(event.key)
                    if batch.size >= FLUSH_ROWS:
                        self._flush(batch)
                done += 1
                if self.progress and done % 500 == 0:
                    self.progress(done)
        self._flush(batch)
        return done

    def _check_event(self, event: EventRecord) -> str:
        """Validate one event's own fields; returns its sort key."""
        where = f"event {event.key!r}"
        if not event.key:
            raise DataError("event: key is required.")
        if not event.title:
            raise DataError(f"{where}, field title: a title is required.")
        self._choice(event.kind, EVENT_KINDS, f"{where}, field kind")
        self._choice(event.status, EVENT_STATUSES, f"{where}, field status")
        if event.date is not None and (event.date_from or event.date_to):
            raise DataError(f"{where}, field date_range: give a date or a range, not both.")
        if event.date_from and event.date_to and event.date_to < event.date_from:
            raise DataError(f"{where}, field date_range: the range ends before it starts.")
        if event.end_time and not event.start_time:
            raise DataError(f"{where}, field end_time: an end time needs a start time.")
        if event.order is not None and event.order < 1:
            raise DataError(f"{where}, field order: must be 1 or more.")
        return sort_key(event.start_time, event.order_scope, event.order, self.day_change)

    def _event_participants(self, event: EventRecord) -> tuple[list[tuple[object, ...]], list[str]]:
        """Validated participant rows (without the event id) and the countries they bring."""
        where = f"event {event.key!r}"
        participants: list[tuple[object, ...]] = []
        countries: list[str] = []
        for ordinal, participant in enumerate(event.participants):
            pwhere = f"{where}, participant {ordinal + 1}"
            self._choice(participant.role, PARTICIPANT_ROLES, f"{pwhere}, field role")
            person_id, country = self._person_ref(participant.person, f"{pwhere}, field person")
            participants.append(
                (ordinal, person_id, participant.role, participant.position, participant.note)
            )
            if country and country not in countries:
                countries.append(country)
        return participants, countries

    def _add_event(self, expo_id: int, event: EventRecord, batch: _Batch) -> None:
        """Queue the rows of an event whose key is new to this expo."""
        key = self._check_event(event)
        participants, countries = self._event_participants(event)
        sources = self._source_rows(event.sources, f"event {event.key!r}")
        event_id = batch.next_id(self.conn, "events")
        date = iso_text(event.date)
        batch.add(
            "events",
            (
                event_id,
                expo_id,
                event.key,
                date,
                iso_text(event.date_from),
                iso_text(event.date_to),
                iso_text(event.start_time),
                iso_text(event.end_time),
                event.order,
                event.order_scope,
                event.kind,
                event.status,
                event.title,
                event.location,
                event.summary,
                event.notes,
                key,
            ),
        )
        for row in participants:
            batch.add("event_participants", (event_id, *row))
        for (source_id,) in sources:
            batch.add("event_sources", (event_id, source_id))
        for country in countries:
            batch.add("event_countries", (event_id, country, expo_id, date, key))
        batch.add(
            "event_search",
            (event_id, event_text(event.title, event.location, event.summary), expo_id),
        )
        self._count("events", "added")

    def _event(self, expo_id: int, event: EventRecord) -> None:
        where = f"event {event.key!r}"
        key = self._check_event(event)
        event_id, outcome = self._upsert(
            "events",
            "events",
            {"expo_id": expo_id, "key": event.key},
            {
                "date": iso_text(event.date),
                "date_from": iso_text(event.date_from),
                "date_to": iso_text(event.date_to),
                "start_time": iso_text(event.start_time),
                "end_time": iso_text(event.end_time),
                "day_order": event.order,
                "order_scope": event.order_scope,
                "kind": event.kind,
                "status": event.status,
                "title": event.title,
                "location": event.location,
                "summary": event.summary,
                "notes": event.notes,
                "sort_key": key,
            },
        )
        participants, countries = self._event_participants(event)
        changed = self._replace_children(
            "event_participants",
            "event_id",
            event_id,
            ("ordinal", "person_id", "role", "position", "note"),
            participants,
        )
        changed |= self._replace_children(
            "event_sources",
            "event_id",
            event_id,
            ("source_id",),
            self._source_rows(event.sources, where),
        )
        changed |= self._replace_children(
            "event_countries",
            "event_id",
            event_id,
            ("country_code", "expo_id", "date", "sort_key"),
            [(c, expo_id, iso_text(event.date), key) for c in countries],
        )
        if outcome == "unchanged" and changed:
            outcome = "changed"
        if outcome != "unchanged":
            text = event_text(event.title, event.location, event.summary)
            self._index("event", str(event_id), text, expo_id, None, added=outcome == "added")
        self._count("events", outcome)

    def _delegation(self, expo_id: int, delegation: DelegationRecord) -> None:
        where = f"delegation {delegation.country!r}"
        country = self._country(delegation.country, f"{where}, field country")
        head = (
            self._person_ref(delegation.head, f"{where}, field head")[0]
            if delegation.head
            else None
        )
        delegation_id, outcome = self._upsert(
            "delegations",
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
        changed = self._replace_children(
            "delegation_members",
            "delegation_id",
            delegation_id,
            ("ordinal", "name", "role", "person_id"),
            members,
        )
        changed |= self._replace_children(
            "delegation_sources",
            "delegation_id",
            delegation_id,
            ("source_id",),
            self._source_rows(delegation.sources, where),
        )
        self._count("delegations", "changed" if outcome == "unchanged" and changed else outcome)

    def _exhibitor(self, expo_id: int, exhibitor: ExhibitorRecord) -> None:
        where = f"exhibitor {exhibitor.name!r}"
        if not exhibitor.name:
            raise DataError("exhibitor: a name is required.")
        country = self._country(exhibitor.country, f"{where}, field country")
        exhibitor_id, outcome = self._upsert(
            "exhibitors",
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
        changed = self._replace_children(
            "exhibitor_sources",
            "exhibitor_id",
            exhibitor_id,
            ("source_id",),
            self._source_rows(exhibitor.sources, where),
        )
        if outcome != "unchanged" or changed:
            self._index(
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
        if not figure.key or not figure.metric or figure.value in (None, ""):
            raise DataError(f"{where}: key, metric and value are required.")
        figure_id, outcome = self._upsert(
            "figures",
            "figures",
            {"expo_id": expo_id, "key": figure.key},
            {
                "metric": figure.metric,
                "value": figure.value,
                "number": figure.number,
                "unit": figure.unit,
                "note": figure.note,
            },
        )
        changed = self._replace_children(
            "figure_sources",
            "figure_id",
            figure_id,
            ("source_id",),
            self._source_rows(figure.sources, where),
        )
        self._count("figures", "changed" if outcome == "unchanged" and changed else outcome)


def _sortable(row: tuple[object, ...]) -> tuple[tuple[int, object], ...]:
    """Sort rows the way SQLite's ORDER BY does for these columns: NULL first."""
    return tuple((0, "") if v is None else (1, v) for v in row)
