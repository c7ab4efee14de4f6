"""Read queries: the only SQL the explorer and the CLI run, returning frozen dataclasses.

Every list is paged (a limit plus a keyset cursor), so no caller pulls a whole table, and each
query is a range scan on an index made for it (see schema.py). Events are read in
event_queries.py, rows become models in rows.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from ..records import MAX_EXPO_DAYS
from .connection import StoreConnection
from .facet_queries import selected
from .models import (
    NO_FACETS,
    UNDATED,
    Country,
    CountryDetail,
    CountrySummary,
    Day,
    Delegation,
    DelegationMember,
    Exhibitor,
    Expo,
    Facets,
    Figure,
    Page,
    Person,
    Problem,
    Source,
)
from .rows import (
    PERSON_COLUMNS,
    decode_cursor,
    encode_cursor,
    expo_of,
    person_by_id,
    person_of,
    sources_for,
    variants,
    variants_of,
)
from .search_queries import SearchQueries
from .view_queries import ViewQueries

if TYPE_CHECKING:  # the write and audit paths load on first use: reading starts faster
    from ..records import ExpoBundle, ExpoRecord
    from .annotations import Annotations
    from .edits import Edits
    from .review import ReviewQueue
    from .writer import WriteReport


class _RolledBack(Exception):
    """Raised at the end of a rollback transaction, to undo it."""


class Store(ViewQueries, SearchQueries):
    """One open store. Methods are safe to call from any thread (one lock serialises them)."""

    def __init__(self, connection: StoreConnection) -> None:
        self.connection = connection

    @property
    def readonly(self) -> bool:
        return self.connection.readonly

    @property
    def path(self) -> str | None:
        return str(self.connection.path) if self.connection.path else None

    def close(self) -> None:
        self.connection.close()

    # -- writing and auditing --------------------------------------------------------------
    def snapshot(self) -> contextlib.AbstractContextManager[None]:
        """Reads inside all see one state of the store (connection.StoreConnection.snapshot):
        what every command that reads many pages uses, so an import landing meanwhile never
        tears its output."""
        return self.connection.snapshot()

    def hold_snapshot(self) -> None:
        """Read one snapshot from now until the store is closed (see snapshot())."""
        self.connection.hold_snapshot()

    @contextlib.contextmanager
    def transaction(self, *, rollback: bool = False) -> Iterator[None]:
        """Everything written inside lands together or not at all; with `rollback` (a dry
        run) it is all undone at the end. Reads inside see the store as the writes leave it,
        and no other writer can commit until it ends (SQLite's write lock is held from the
        start). Inside another transaction it is a savepoint of that one."""
        try:
            with self.connection.transaction():
                yield
                if rollback:
                    raise _RolledBack
        except _RolledBack:
            pass

    def expo_record(self, slug: str) -> ExpoRecord | None:
        """The stored expo as an ExpoRecord with its sources: written back, it changes nothing."""
        from .stored_records import expo_record

        with self.connection.lock:
            return expo_record(self.connection.conn, slug)

    def check_bundle(self, bundle: ExpoBundle) -> None:
        """Check every record of `bundle` against the store's rules (record_checks.py) without
        writing: a DataError names the first record and field that break one."""
        from .record_checks import check_bundle

        codes = {r[0] for r in self.connection.read("SELECT code FROM countries")}
        check_bundle(bundle, codes)

    def write_bundle(
        self,
        bundle: ExpoBundle,
        *,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> WriteReport:
        """Write one expo's records in a single transaction (see writer.py)."""
        from .writer import write_bundle

        return write_bundle(self.connection, bundle, dry_run=dry_run, progress=progress)

    @property
    def edits(self) -> Edits:
        """The explorer's own edits: save an event, edit a person, delete an event."""
        from .edits import Edits

        return Edits(self.connection)

    @property
    def annotations(self) -> Annotations:
        """The user's stars, notes and tags (see annotations.py): apart from the facts."""
        from .annotations import Annotations

        return Annotations(self.connection)

    @property
    def review(self) -> ReviewQueue:
        """The news ingest's review queue (see review.py)."""
        from .review import ReviewQueue

        return ReviewQueue(self.connection)

    def damage(self) -> list[Problem]:
        """What makes the store unfit to write into (the part of check() about damage, not
        content): an import refuses a store with any (see integrity.py)."""
        from .integrity import damage

        return damage(self.connection)

    def check(self) -> list[Problem]:
        """Integrity findings; an empty list means the store is sound (see integrity.py)."""
        from .integrity import check_store

        return check_store(self.connection)

    # -- expos and days --------------------------------------------------------------------
    def expos(self) -> tuple[Expo, ...]:
        rows = self.connection.read("SELECT * FROM expos ORDER BY start_date DESC, slug")
        return tuple(expo_of(r) for r in rows)

    def expo(self, slug_or_id: str | int) -> Expo | None:
        column = "id" if isinstance(slug_or_id, int) else "slug"
        row = self.connection.read_one(f"SELECT * FROM expos WHERE {column} = ?", (slug_or_id,))
        return expo_of(row) if row else None

    def days(self, expo: Expo) -> tuple[Day, ...]:
        """The day strip: dates before the show, each expo day, later dates, then undated.

        Every expo day appears even with no events, so "Day 3" always means the third day. The
        work is bounded by the number of days with events, whatever dates the expo claims.
        """
        counts = {
            r["day"]: r["events"]
            for r in self.connection.read(
                "SELECT day, events FROM expo_days WHERE expo_id = ? AND events > 0", (expo.id,)
            )
        }
        days: list[Day] = []
        dates_with_events = {dt.date.fromisoformat(k) for k in counts if k}
        span = (expo.end_date - expo.start_date).days + 1
        if span <= MAX_EXPO_DAYS:
            shown = {expo.start_date + dt.timedelta(days=i) for i in range(span)}
        else:
            # Only a store written before expo dates were checked has such a span (a CSV row
            # dated 31/12/9999 once made an expo of 2.9 million days): its first and last days
            # and the days with events, numbered as ever, instead of millions of empty ones.
            shown = {expo.start_date, expo.end_date}
            shown |= {d for d in dates_with_events if expo.start_date <= d <= expo.end_date}
        expo_days = {date: (date - expo.start_date).days + 1 for date in shown}
        dated = sorted({*dates_with_events, *expo_days})
        for date in dated:
            number = expo_days.get(date)
            phase = "expo" if number else ("pre" if date < expo.start_date else "post")
            days.append(Day(date.isoformat(), date, phase, number, counts.get(date.isoformat(), 0)))
        if counts.get(""):
            days.append(Day(UNDATED, None, "undated", None, counts[""]))
        return tuple(days)

    def programme(self, expo: Expo, column: str) -> tuple[tuple[str, int], ...]:
        """The rooms (`column` "location") or tracks ("track") an expo's events are listed
        in, each with how many events, busiest first: what an imported conference has where
        a defence show has countries. Reads every event of the expo once (no index)."""
        if column not in ("location", "track"):
            raise ValueError(f"no programme column {column!r}")
        rows = self.connection.read(
            f"SELECT {column} AS name, count(*) AS events FROM events "
            f"WHERE expo_id = ? AND {column} IS NOT NULL GROUP BY {column} "
            "ORDER BY events DESC, name",
            (expo.id,),
        )
        return tuple((r["name"], r["events"]) for r in rows)

    # -- countries -------------------------------------------------------------------------
    def country(self, code: str) -> Country | None:
        row = self.connection.read_one("SELECT * FROM countries WHERE code = ?", (code,))
        if row is None:
            return None
        aliases = tuple(
            r[0]
            for r in self.connection.read(
                "SELECT alias FROM country_aliases WHERE country_code = ? ORDER BY alias", (code,)
            )
        )
        return Country(
            row["code"], row["alpha2"], row["name"], row["name_id"], row["flag"] or "", aliases
        )

    def resolve_country(self, text: str) -> str | None:
        """The alpha-3 code for an exact code, English/Indonesian name or alias, else None.

        An alpha-3 code is looked up in the store's country table; anything else goes through
        the full index of names and aliases (pycountry: ~25 ms to load, so a CLI query given
        "--country CHE" does without it). Two-letter text is not taken as a code here: an
        alias may win over an alpha-2 code ("AS" is Amerika Serikat, not American Samoa).
        """
        value = text.strip() if text else ""
        if len(value) == 3 and value.isascii() and value.isalpha():
            row = self.connection.read_one(
                "SELECT code FROM countries WHERE code = ?", (value.upper(),)
            )
            if row is not None:
                return str(row[0])
        from ..countries import resolve_country

        return resolve_country(text)

    def countries(
        self,
        expo: Expo,
        search: str = "",
        *,
        limit: int = 300,
        cursor: str | None = None,
        facets: Facets = NO_FACETS,
    ) -> Page[CountrySummary]:
        """Countries present at `expo` (host first, then by English name), optionally filtered.

        The filter matches English and Indonesian names, ISO codes, aliases and the names of
        people and exhibitors of that country, by word prefix and ignoring accents. With
        `facets`, only the group's members (as of the expo's first day) and, when kinds or
        statuses are chosen, only countries with such events, counted (from the summaries).
        """
        codes = self.matching_country_codes(search) if search.strip() else None
        if facets.group:
            members = self.group_members(facets.group, expo.start_date)
            codes = set(members) if codes is None else codes & members
        if codes is not None and not codes:
            return Page(())
        params: list[object] = [expo.country_code, expo.id]
        events = "cc.events"
        where = "cc.expo_id = ? AND (cc.delegations > 0 OR cc.events > 0 OR cc.exhibitors > 0)"
        if facets.narrows_events:
            kinds, statuses = selected(facets)
            events = (
                "(SELECT coalesce(sum(f.events), 0) FROM expo_country_facets f "
                "WHERE f.expo_id = cc.expo_id AND f.country_code = cc.country_code "
                f"AND f.kind IN ({', '.join(map(repr, kinds))}) "
                f"AND f.status IN ({', '.join(map(repr, statuses))}))"
            )
            where = f"cc.expo_id = ? AND {events} > 0"
        if codes is not None:
            where += f" AND cc.country_code IN ({', '.join('?' * len(codes))})"
            params.extend(sorted(codes))
        if cursor and (parts := decode_cursor(cursor, 2)) and parts[0].isdigit():
            where += " AND (c.code IS NOT ?, c.name) > (?, ?)"
            params.extend([expo.country_code, int(parts[0]), parts[1]])
        rows = self.connection.read(
            f"SELECT c.*, cc.delegations, {events} AS events, cc.exhibitors, c.code = ? AS is_host "
            f"FROM expo_country_counts cc JOIN countries c ON c.code = cc.country_code "
            f"WHERE {where} ORDER BY c.code IS NOT ?, c.name LIMIT ?",
            (*params, expo.country_code, limit + 1),
        )
        items = tuple(
            CountrySummary(
                Country(r["code"], r["alpha2"], r["name"], r["name_id"], r["flag"] or ""),
                bool(r["is_host"]),
                r["delegations"],
                r["events"],
                r["exhibitors"],
            )
            for r in rows[:limit]
        )
        next_cursor = None
        if len(rows) > limit:
            last = items[-1]
            next_cursor = encode_cursor(int(not last.is_host), last.country.name)
        return Page(items, next_cursor)

    def country_detail(
        self, expo: Expo, code: str, *, event_limit: int = 40
    ) -> CountryDetail | None:
        summary_row = self.connection.read_one(
            "SELECT c.*, coalesce(cc.delegations, 0) AS delegations, "
            "coalesce(cc.events, 0) AS events, coalesce(cc.exhibitors, 0) AS exhibitors "
            "FROM countries c LEFT JOIN expo_country_counts cc "
            "ON cc.country_code = c.code AND cc.expo_id = ? WHERE c.code = ?",
            (expo.id, code),
        )
        if summary_row is None:
            return None
        country = self.country(code)
        assert country is not None
        summary = CountrySummary(
            country,
            code == expo.country_code,
            summary_row["delegations"],
            summary_row["events"],
            summary_row["exhibitors"],
        )
        delegation = self.delegation(expo, code)
        people = self._people_of_country(expo, code)
        events = self.events(expo, None, country=code, limit=event_limit)
        exhibitors = self.exhibitors(expo, country=code, limit=100).items
        event_sources = sources_for(
            self.connection, "event_sources", "event_id", [e.id for e in events.items]
        )
        seen: dict[int, Source] = {}
        for source in (
            *(delegation.sources if delegation else ()),
            *(s for x in exhibitors for s in x.sources),
            *(s for group in event_sources.values() for s in group),
        ):
            seen.setdefault(source.id, source)
        return CountryDetail(
            summary=summary,
            delegation=delegation,
            people=people,
            events=events.items,
            more_events=events.next_cursor is not None,
            exhibitors=exhibitors,
            sources=tuple(seen.values()),
        )

    def _people_of_country(self, expo: Expo, code: str, limit: int = 100) -> tuple[Person, ...]:
        rows = self.connection.read(
            f"SELECT {PERSON_COLUMNS} FROM people p "
            "LEFT JOIN organizations o ON o.id = p.organization_id "
            "WHERE p.country_code = ? AND EXISTS (SELECT 1 FROM event_participants ep "
            "JOIN events e ON e.id = ep.event_id WHERE ep.person_id = p.id AND e.expo_id = ?) "
            "ORDER BY p.name LIMIT ?",
            (code, expo.id, limit),
        )
        variants = variants_of(self.connection, [r["person_id"] for r in rows])
        return tuple(person_of(r, variants.get(r["person_id"], ())) for r in rows)

    # -- people, delegations, exhibitors, figures ------------------------------------------
    def person(self, key: str) -> Person | None:
        row = self.connection.read_one(
            f"SELECT {PERSON_COLUMNS} FROM people p "
            "LEFT JOIN organizations o ON o.id = p.organization_id WHERE p.key = ?",
            (key,),
        )
        return person_of(row, variants(self.connection, row["person_id"])) if row else None

    def delegation(self, expo: Expo, code: str) -> Delegation | None:
        row = self.connection.read_one(
            "SELECT * FROM delegations WHERE expo_id = ? AND country_code = ?", (expo.id, code)
        )
        if row is None:
            return None
        head = (
            person_by_id(self.connection, row["head_person_id"]) if row["head_person_id"] else None
        )
        members = tuple(
            DelegationMember(
                m["name"],
                m["role"],
                person_by_id(self.connection, m["person_id"]) if m["person_id"] else None,
            )
            for m in self.connection.read(
                "SELECT * FROM delegation_members WHERE delegation_id = ? ORDER BY ordinal",
                (row["id"],),
            )
        )
        sources = sources_for(self.connection, "delegation_sources", "delegation_id", [row["id"]])
        return Delegation(
            id=row["id"],
            expo_id=row["expo_id"],
            country_code=row["country_code"],
            kind=row["kind"],
            head=head,
            members=members,
            notes=row["notes"],
            sources=sources.get(row["id"], ()),
        )

    def delegations(self, expo: Expo) -> tuple[Delegation, ...]:
        codes = self.connection.read(
            "SELECT country_code FROM delegations WHERE expo_id = ? ORDER BY id", (expo.id,)
        )
        return tuple(d for (code,) in codes if (d := self.delegation(expo, code)) is not None)

    def exhibitors(
        self,
        expo: Expo,
        *,
        country: str | None = None,
        limit: int = 100,
        cursor: str | None = None,
    ) -> Page[Exhibitor]:
        where = "expo_id = ?"
        params: list[object] = [expo.id]
        if country is not None:
            where += " AND country_code = ?"
            params.append(country)
        if cursor and cursor.isdigit():
            where += " AND id > ?"
            params.append(int(cursor))
        rows = self.connection.read(
            f"SELECT * FROM exhibitors WHERE {where} ORDER BY id LIMIT ?", (*params, limit + 1)
        )
        page = rows[:limit]
        sources = sources_for(
            self.connection, "exhibitor_sources", "exhibitor_id", [r["id"] for r in page]
        )
        items = tuple(
            Exhibitor(
                r["id"],
                r["expo_id"],
                r["name"],
                r["country_code"],
                r["kind"],
                r["notes"],
                sources.get(r["id"], ()),
            )
            for r in page
        )
        return Page(items, str(page[-1]["id"]) if len(rows) > limit else None)

    def figures(self, expo: Expo) -> tuple[Figure, ...]:
        rows = self.connection.read(
            "SELECT f.*, e.key AS event_key FROM figures f LEFT JOIN events e ON e.id = f.event_id "
            "WHERE f.expo_id = ? ORDER BY f.id",
            (expo.id,),
        )
        sources = sources_for(
            self.connection, "figure_sources", "figure_id", [r["id"] for r in rows]
        )
        return tuple(
            Figure(
                r["id"],
                r["expo_id"],
                r["key"],
                r["metric"],
                r["value"],
                r["number"],
                r["unit"],
                r["note"],
                sources.get(r["id"], ()),
                r["event_id"],
                r["event_key"],
            )
            for r in rows
        )

    def expo_sources(self, expo: Expo) -> tuple[Source, ...]:
        return sources_for(self.connection, "expo_sources", "expo_id", [expo.id]).get(expo.id, ())

    # -- membership: which keys the store already holds (importers link to them) --
    def known_person_keys(self, keys: Iterable[str]) -> set[str]:
        """Which of `keys` are people already in the store (asked in chunks, never all rows)."""
        return self._known("people", "key", keys)

    def known_source_urls(self, urls: Iterable[str]) -> set[str]:
        """Which of `urls` are sources already in the store."""
        return self._known("sources", "url", urls)

    def _known(self, table: str, column: str, values: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(values))
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self.connection.read(
                f"SELECT {column} FROM {table} WHERE {column} IN ({', '.join('?' * len(chunk))})",
                tuple(chunk),
            )
            found.update(r[0] for r in rows)
        return found
