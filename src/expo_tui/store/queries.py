"""Read queries: the only SQL the explorer and the CLI run, returning frozen dataclasses.

Every list is paged (a limit plus a keyset cursor), so no caller pulls a whole table, and each
query is a range scan on an index made for it (see schema.py).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from .connection import StoreConnection
from .models import (
    UNDATED,
    Country,
    CountryDetail,
    CountrySummary,
    Day,
    Delegation,
    DelegationMember,
    EventDetail,
    EventSummary,
    Exhibitor,
    Expo,
    Figure,
    Page,
    Participant,
    Person,
    Problem,
    SearchHit,
    Source,
)
from .search import match_expression

if TYPE_CHECKING:  # the write and audit paths load on first use: reading starts faster
    from ..records import ExpoBundle
    from .review import ReviewQueue
    from .writer import WriteReport

MAX_SEARCH_ROWS = 2000  # bound on index rows a search scans to build a filter
CURSOR_SEPARATOR = "\x1f"

DETAILS_BATCH = 500  # events whose details one set of queries reads (event_details)
VARIANTS_BATCH = 10_000  # people whose name variants one query reads (SQLite: 32,766 at most)
_EVENT_COLUMNS = (
    "e.id, e.expo_id, e.key, e.date, e.date_from, e.date_to, e.start_time, e.end_time, "
    "e.day_order, e.order_scope, e.kind, e.status, e.title, e.location, e.sort_key"
)
_PERSON_COLUMNS = (
    "p.id AS person_id, p.key AS person_key, p.name AS person_name, p.kind AS person_kind, "
    "p.rank AS person_rank, p.position AS person_position, o.name AS person_organization, "
    "p.country_code AS person_country"
)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _time(value: str | None) -> dt.time | None:
    return dt.time.fromisoformat(value) if value else None


def _expo(row: sqlite3.Row) -> Expo:
    return Expo(
        id=row["id"],
        slug=row["slug"],
        name=row["name"],
        short_name=row["short_name"],
        edition=row["edition"],
        venue=row["venue"],
        city=row["city"],
        country_code=row["country_code"],
        start_date=dt.date.fromisoformat(row["start_date"]),
        end_date=dt.date.fromisoformat(row["end_date"]),
        timezone=row["timezone"],
        organizer=row["organizer"],
        theme=row["theme"],
        notes=row["notes"],
        day_change=_time(row["day_change"]),
    )


def _source(row: sqlite3.Row) -> Source:
    return Source(
        id=row["id"],
        url=row["url"],
        publisher=row["publisher"],
        title=row["title"],
        language=row["language"],
        published=_date(row["published"]),
    )


def _person(row: sqlite3.Row, variants: tuple[str, ...] = ()) -> Person:
    return Person(
        id=row["person_id"],
        key=row["person_key"],
        name=row["person_name"],
        kind=row["person_kind"],
        rank=row["person_rank"],
        position=row["person_position"],
        organization=row["person_organization"],
        country_code=row["person_country"],
        variants=variants,
    )


def _encode_cursor(*parts: object) -> str:
    return CURSOR_SEPARATOR.join("" if p is None else str(p) for p in parts)


def _decode_cursor(cursor: str, size: int) -> list[str] | None:
    parts = cursor.split(CURSOR_SEPARATOR)
    return parts if len(parts) == size else None


class Store:
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
    def review(self) -> ReviewQueue:
        """The news ingest's review queue (see review.py)."""
        from .review import ReviewQueue

        return ReviewQueue(self.connection)

    def check(self) -> list[Problem]:
        """Integrity findings; an empty list means the store is sound (see integrity.py)."""
        from .integrity import check_store

        return check_store(self.connection)

    # -- expos and days --------------------------------------------------------------------
    def expos(self) -> tuple[Expo, ...]:
        rows = self.connection.read("SELECT * FROM expos ORDER BY start_date DESC, slug")
        return tuple(_expo(r) for r in rows)

    def expo(self, slug_or_id: str | int) -> Expo | None:
        column = "id" if isinstance(slug_or_id, int) else "slug"
        row = self.connection.read_one(f"SELECT * FROM expos WHERE {column} = ?", (slug_or_id,))
        return _expo(row) if row else None

    def days(self, expo: Expo) -> tuple[Day, ...]:
        """The day strip: dates before the show, each expo day, later dates, then undated.

        Every expo day appears even with no events, so "Day 3" always means the third day.
        """
        counts = {
            r["day"]: r["events"]
            for r in self.connection.read(
                "SELECT day, events FROM expo_days WHERE expo_id = ? AND events > 0", (expo.id,)
            )
        }
        days: list[Day] = []
        span = (expo.end_date - expo.start_date).days + 1
        expo_days = {expo.start_date + dt.timedelta(days=i): i + 1 for i in range(span)}
        dated = sorted({*(dt.date.fromisoformat(k) for k in counts if k), *expo_days})
        for date in dated:
            number = expo_days.get(date)
            phase = "expo" if number else ("pre" if date < expo.start_date else "post")
            days.append(Day(date.isoformat(), date, phase, number, counts.get(date.isoformat(), 0)))
        if counts.get(""):
            days.append(Day(UNDATED, None, "undated", None, counts[""]))
        return tuple(days)

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

    def _matching_country_codes(self, text: str) -> set[str] | None:
        """Countries whose names, aliases, codes, people or exhibitors match `text`."""
        expression = match_expression(text)
        if expression is None:
            return None
        rows = self.connection.read(
            "SELECT DISTINCT country_code FROM (SELECT country_code FROM search "
            "WHERE search MATCH ? AND country_code IS NOT NULL LIMIT ?)",
            (expression, MAX_SEARCH_ROWS),
        )
        return {r[0] for r in rows}

    def countries(
        self, expo: Expo, search: str = "", *, limit: int = 300, cursor: str | None = None
    ) -> Page[CountrySummary]:
        """Countries present at `expo` (host first, then by English name), optionally filtered.

        The filter matches English and Indonesian names, ISO codes, aliases and the names of
        people and exhibitors of that country, by word prefix and ignoring accents.
        """
        codes = self._matching_country_codes(search) if search.strip() else None
        if codes is not None and not codes:
            return Page(())
        params: list[object] = [expo.country_code, expo.id]
        where = "cc.expo_id = ? AND (cc.delegations > 0 OR cc.events > 0 OR cc.exhibitors > 0)"
        if codes is not None:
            where += f" AND cc.country_code IN ({', '.join('?' * len(codes))})"
            params.extend(sorted(codes))
        if cursor and (parts := _decode_cursor(cursor, 2)) and parts[0].isdigit():
            where += " AND (c.code IS NOT ?, c.name) > (?, ?)"
            params.extend([expo.country_code, int(parts[0]), parts[1]])
        rows = self.connection.read(
            f"SELECT c.*, cc.delegations, cc.events, cc.exhibitors, c.code = ? AS is_host "
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
            next_cursor = _encode_cursor(int(not last.is_host), last.country.name)
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
        event_sources = self._sources_for("event_sources", "event_id", [e.id for e in events.items])
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
            f"SELECT {_PERSON_COLUMNS} FROM people p "
            "LEFT JOIN organizations o ON o.id = p.organization_id "
            "WHERE p.country_code = ? AND EXISTS (SELECT 1 FROM event_participants ep "
            "JOIN events e ON e.id = ep.event_id WHERE ep.person_id = p.id AND e.expo_id = ?) "
            "ORDER BY p.name LIMIT ?",
            (code, expo.id, limit),
        )
        variants = self._variants_of([r["person_id"] for r in rows])
        return tuple(_person(r, variants.get(r["person_id"], ())) for r in rows)

    def _variants_of(self, person_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
        """Name variants of many people in one query (not one query per person)."""
        if not person_ids:
            return {}
        grouped: dict[int, list[str]] = {}
        for start in range(0, len(person_ids), VARIANTS_BATCH):  # SQLite caps the parameters
            batch = tuple(person_ids[start : start + VARIANTS_BATCH])
            for person_id, variant in self.connection.read(
                "SELECT person_id, variant FROM person_variants "
                f"WHERE person_id IN ({', '.join('?' * len(batch))}) ORDER BY person_id, variant",
                batch,
            ):
                grouped.setdefault(person_id, []).append(variant)
        return {k: tuple(v) for k, v in grouped.items()}

    # -- people, delegations, exhibitors, figures ------------------------------------------
    def _variants(self, person_id: int) -> tuple[str, ...]:
        return tuple(
            r[0]
            for r in self.connection.read(
                "SELECT variant FROM person_variants WHERE person_id = ? ORDER BY variant",
                (person_id,),
            )
        )

    def person(self, key: str) -> Person | None:
        row = self.connection.read_one(
            f"SELECT {_PERSON_COLUMNS} FROM people p "
            "LEFT JOIN organizations o ON o.id = p.organization_id WHERE p.key = ?",
            (key,),
        )
        return _person(row, self._variants(row["person_id"])) if row else None

    def _person_by_id(self, person_id: int) -> Person | None:
        row = self.connection.read_one(
            f"SELECT {_PERSON_COLUMNS} FROM people p "
            "LEFT JOIN organizations o ON o.id = p.organization_id WHERE p.id = ?",
            (person_id,),
        )
        return _person(row, self._variants(person_id)) if row else None

    def _sources_for(
        self, table: str, column: str, ids: Sequence[int]
    ) -> dict[int, tuple[Source, ...]]:
        if not ids:
            return {}
        rows = self.connection.read(
            f"SELECT l.{column} AS owner, s.* FROM {table} l JOIN sources s ON s.id = l.source_id "
            f"WHERE l.{column} IN ({', '.join('?' * len(ids))}) ORDER BY l.{column}, s.id",
            tuple(ids),
        )
        grouped: dict[int, list[Source]] = {}
        for r in rows:
            grouped.setdefault(r["owner"], []).append(_source(r))
        return {k: tuple(v) for k, v in grouped.items()}

    def delegation(self, expo: Expo, code: str) -> Delegation | None:
        row = self.connection.read_one(
            "SELECT * FROM delegations WHERE expo_id = ? AND country_code = ?", (expo.id, code)
        )
        if row is None:
            return None
        head = self._person_by_id(row["head_person_id"]) if row["head_person_id"] else None
        members = tuple(
            DelegationMember(
                m["name"], m["role"], self._person_by_id(m["person_id"]) if m["person_id"] else None
            )
            for m in self.connection.read(
                "SELECT * FROM delegation_members WHERE delegation_id = ? ORDER BY ordinal",
                (row["id"],),
            )
        )
        sources = self._sources_for("delegation_sources", "delegation_id", [row["id"]])
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
        where, params = "expo_id = ?", [expo.id]
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
        sources = self._sources_for("exhibitor_sources", "exhibitor_id", [r["id"] for r in page])
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
            "SELECT * FROM figures WHERE expo_id = ? ORDER BY id", (expo.id,)
        )
        sources = self._sources_for("figure_sources", "figure_id", [r["id"] for r in rows])
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
            )
            for r in rows
        )

    def expo_sources(self, expo: Expo) -> tuple[Source, ...]:
        return self._sources_for("expo_sources", "expo_id", [expo.id]).get(expo.id, ())

    # -- events ----------------------------------------------------------------------------
    def events(
        self,
        expo: Expo,
        day: str | None,
        *,
        country: str | None = None,
        limit: int = 100,
        cursor: str | None = None,
    ) -> Page[EventSummary]:
        """Events of one day (an ISO date or UNDATED), or of all days when `day` is None.

        Ordered by clock time, then each host's chain in its reported order; with `country`,
        only events involving that country. All days run dated days first, undated last.
        """
        if day is None:
            return self._events_all_days(expo, country, limit, cursor)
        date = None if day == UNDATED else day
        after = _decode_cursor(cursor, 3) if cursor else None
        rows = self._event_rows(expo, date, country, after, limit + 1)
        return self._page_of_events(rows, limit)

    def _events_all_days(
        self, expo: Expo, country: str | None, limit: int, cursor: str | None
    ) -> Page[EventSummary]:
        after = _decode_cursor(cursor, 3) if cursor else None
        rows: list[sqlite3.Row] = []
        if after is None or after[0] != UNDATED:
            rows = self._event_rows(expo, "*", country, after, limit + 1)
            if len(rows) > limit:
                return self._page_of_events(rows, limit)
            after = None
        rows += self._event_rows(expo, None, country, after, limit + 1 - len(rows))
        return self._page_of_events(rows, limit)

    def _event_rows(
        self,
        expo: Expo,
        date: str | None,
        country: str | None,
        after: list[str] | None,
        limit: int,
    ) -> list[sqlite3.Row]:
        """One index range of events. `date` "*" means every dated day, None undated."""
        table = "event_countries ec JOIN events e ON e.id = ec.event_id" if country else "events e"
        alias = "ec" if country else "e"
        id_column = "ec.event_id" if country else "e.id"
        where = [f"{alias}.expo_id = ?"]
        params: list[object] = [expo.id]
        if country:
            where.append("ec.country_code = ?")
            params.append(country)
        if date == "*":
            where.append(f"{alias}.date IS NOT NULL")
            order = f"{alias}.date, {alias}.sort_key, {id_column}"
            if after is not None and after[0] != UNDATED:
                where.append(f"({alias}.date, {alias}.sort_key, {id_column}) > (?, ?, ?)")
                params.extend([after[0], after[1], int(after[2])])
        else:
            where.append(f"{alias}.date IS NULL" if date is None else f"{alias}.date = ?")
            if date is not None:
                params.append(date)
            order = f"{alias}.sort_key, {id_column}"
            if after is not None:
                where.append(f"({alias}.sort_key, {id_column}) > (?, ?)")
                params.extend([after[1], int(after[2])])
        return self.connection.read(
            f"SELECT {_EVENT_COLUMNS} FROM {table} WHERE {' AND '.join(where)} "
            f"ORDER BY {order} LIMIT ?",
            (*params, limit),
        )

    def _page_of_events(self, rows: list[sqlite3.Row], limit: int) -> Page[EventSummary]:
        page = rows[:limit]
        countries = self._event_countries([r["id"] for r in page])
        items = tuple(self._event_summary(r, countries.get(r["id"], ())) for r in page)
        next_cursor = None
        if len(rows) > limit and page:
            last = page[-1]
            next_cursor = _encode_cursor(last["date"] or UNDATED, last["sort_key"], last["id"])
        return Page(items, next_cursor)

    def _event_countries(self, event_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
        if not event_ids:
            return {}
        rows = self.connection.read(
            "SELECT ep.event_id, p.country_code FROM event_participants ep "
            "JOIN people p ON p.id = ep.person_id "
            f"WHERE ep.event_id IN ({', '.join('?' * len(event_ids))}) "
            "AND p.country_code IS NOT NULL ORDER BY ep.event_id, ep.ordinal",
            tuple(event_ids),
        )
        grouped: dict[int, list[str]] = {}
        for event_id, code in rows:
            codes = grouped.setdefault(event_id, [])
            if code not in codes:
                codes.append(code)
        return {k: tuple(v) for k, v in grouped.items()}

    @staticmethod
    def _event_summary(row: sqlite3.Row, countries: tuple[str, ...]) -> EventSummary:
        return EventSummary(
            id=row["id"],
            expo_id=row["expo_id"],
            key=row["key"],
            date=_date(row["date"]),
            date_from=_date(row["date_from"]),
            date_to=_date(row["date_to"]),
            start_time=_time(row["start_time"]),
            end_time=_time(row["end_time"]),
            order=row["day_order"],
            order_scope=row["order_scope"],
            kind=row["kind"],
            status=row["status"],
            title=row["title"],
            location=row["location"],
            countries=countries,
        )

    def event(self, event_id: int) -> EventDetail | None:
        row = self.connection.read_one(
            f"SELECT {_EVENT_COLUMNS}, e.summary, e.notes FROM events e WHERE e.id = ?",
            (event_id,),
        )
        if row is None:
            return None
        participants = tuple(
            Participant(
                _person(r, self._variants(r["person_id"])), r["role"], r["position"], r["note"]
            )
            for r in self.connection.read(
                f"SELECT ep.role, ep.position, ep.note, {_PERSON_COLUMNS} "
                "FROM event_participants ep JOIN people p ON p.id = ep.person_id "
                "LEFT JOIN organizations o ON o.id = p.organization_id "
                "WHERE ep.event_id = ? ORDER BY ep.ordinal",
                (event_id,),
            )
        )
        countries = self._event_countries([event_id]).get(event_id, ())
        sources = self._sources_for("event_sources", "event_id", [event_id])
        return EventDetail(
            event=self._event_summary(row, countries),
            summary=row["summary"],
            notes=row["notes"],
            participants=participants,
            sources=sources.get(event_id, ()),
        )

    def event_by_key(self, expo: Expo, key: str) -> EventDetail | None:
        row = self.connection.read_one(
            "SELECT id FROM events WHERE expo_id = ? AND key = ?", (expo.id, key)
        )
        return self.event(row[0]) if row else None

    def event_details(self, event_ids: Iterable[int]) -> tuple[EventDetail, ...]:
        """The details of many events, in the order given (missing ids are left out): five
        queries for the lot, not five per event (a page of `meetings --json` or an export)."""
        ids = list(dict.fromkeys(event_ids))
        if len(ids) > DETAILS_BATCH:  # SQLite caps the parameters of one statement
            return tuple(
                detail
                for start in range(0, len(ids), DETAILS_BATCH)
                for detail in self.event_details(ids[start : start + DETAILS_BATCH])
            )
        if not ids:
            return ()
        marks = ", ".join("?" * len(ids))
        rows = {
            r["id"]: r
            for r in self.connection.read(
                f"SELECT {_EVENT_COLUMNS}, e.summary, e.notes FROM events e WHERE e.id IN ({marks})",
                tuple(ids),
            )
        }
        people_rows = self.connection.read(
            f"SELECT ep.event_id, ep.role, ep.position, ep.note, {_PERSON_COLUMNS} "
            "FROM event_participants ep JOIN people p ON p.id = ep.person_id "
            "LEFT JOIN organizations o ON o.id = p.organization_id "
            f"WHERE ep.event_id IN ({marks}) ORDER BY ep.event_id, ep.ordinal",
            tuple(ids),
        )
        variants = self._variants_of(sorted({r["person_id"] for r in people_rows}))
        participants: dict[int, list[Participant]] = {}
        for r in people_rows:
            participants.setdefault(r["event_id"], []).append(
                Participant(
                    _person(r, variants.get(r["person_id"], ())),
                    r["role"],
                    r["position"],
                    r["note"],
                )
            )
        countries = self._event_countries(ids)
        sources = self._sources_for("event_sources", "event_id", ids)
        return tuple(
            EventDetail(
                event=self._event_summary(row, countries.get(event_id, ())),
                summary=row["summary"],
                notes=row["notes"],
                participants=tuple(participants.get(event_id, ())),
                sources=sources.get(event_id, ()),
            )
            for event_id in ids
            if (row := rows.get(event_id)) is not None
        )

    # -- search ----------------------------------------------------------------------------
    def search(
        self,
        text: str,
        *,
        expo: Expo | None = None,
        limit: int = 50,
        kinds: Sequence[str] = ("country", "person", "organization", "exhibitor", "event"),
    ) -> tuple[SearchHit, ...]:
        """Countries, people, organisations, exhibitors and events matching `text`.

        Any text is safe: it is reduced to quoted prefix terms (see search.py). Results come
        in `kinds` order, best match first within a kind, at most `limit` in all.
        """
        expression = match_expression(text)
        if expression is None or limit <= 0:
            return ()
        hits: list[SearchHit] = []
        for kind in kinds:
            if len(hits) >= limit:
                break
            # Ranking is bounded: the best of the first MAX_SEARCH_ROWS matches, so a common
            # word among a million events costs a few milliseconds, not seconds.
            if kind == "event":
                where = "event_search MATCH ?"
                params: list[object] = [expression]
                if expo is not None:
                    where += " AND expo_id = ?"
                    params.append(expo.id)
                inner = (
                    f"SELECT rowid AS ref, text, NULL AS country_code, expo_id, rank "
                    f"FROM event_search WHERE {where} LIMIT ?"
                )
            else:
                where = "search MATCH ? AND kind = ?"
                params = [expression, kind]
                if expo is not None and kind == "exhibitor":
                    where += " AND expo_id = ?"
                    params.append(expo.id)
                inner = (
                    f"SELECT ref, text, country_code, expo_id, rank FROM search "
                    f"WHERE {where} LIMIT ?"
                )
            rows = self.connection.read(
                f"SELECT ref, text, country_code, expo_id FROM ({inner}) ORDER BY rank LIMIT ?",
                (*params, MAX_SEARCH_ROWS, limit - len(hits)),
            )
            hits.extend(self._hit(kind, r) for r in rows)
        return tuple(hits)

    def _hit(self, kind: str, row: sqlite3.Row) -> SearchHit:
        label, _, detail = row["text"].partition(" | ")
        if kind == "country":
            country = self.country(row["ref"])
            if country:
                label, detail = country.name, f"{country.name_id} · {country.code}"
        elif kind == "event":
            found = self.connection.read_one(
                "SELECT title, date FROM events WHERE id = ?", (int(row["ref"]),)
            )
            if found:
                label, detail = found["title"], found["date"] or UNDATED
        return SearchHit(
            kind, str(row["ref"]), label, detail or None, row["country_code"], row["expo_id"]
        )

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
