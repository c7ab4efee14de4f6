"""Read queries: the only SQL the explorer and the CLI run, returning frozen dataclasses.

Every list is paged (a limit plus a keyset cursor), so no caller pulls a whole table, and each
query is a range scan on an index made for it (see schema.py). Events are read in
event_queries.py, rows become models in rows.py.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

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
    SearchHit,
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
from .search import forgiving_expressions
from .view_queries import ViewQueries

if TYPE_CHECKING:  # the write and audit paths load on first use: reading starts faster
    from ..records import ExpoBundle
    from .review import ReviewQueue
    from .writer import WriteReport

MAX_SEARCH_ROWS = 2000  # bound on index rows a search scans to build a filter


class Store(ViewQueries):
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
        return tuple(expo_of(r) for r in rows)

    def expo(self, slug_or_id: str | int) -> Expo | None:
        column = "id" if isinstance(slug_or_id, int) else "slug"
        row = self.connection.read_one(f"SELECT * FROM expos WHERE {column} = ?", (slug_or_id,))
        return expo_of(row) if row else None

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
        """Countries whose names, aliases, codes, people or exhibitors match `text` (ranks,
        titles and acronyms forgiven: see search.forgiving_expressions)."""
        expressions = forgiving_expressions(text)
        if not expressions:
            return None
        for expression in expressions:
            rows = self.connection.read(
                "SELECT DISTINCT country_code FROM (SELECT country_code FROM search "
                "WHERE search MATCH ? AND country_code IS NOT NULL LIMIT ?)",
                (expression, MAX_SEARCH_ROWS),
            )
            if rows:
                break
        return {r[0] for r in rows}

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
        codes = self._matching_country_codes(search) if search.strip() else None
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

        Any text is safe: it is reduced to quoted prefix terms (see search.py), and ranks,
        titles and acronyms are forgiven ("Letjen Macaulay", "Kemhan", "KSAD"). Results come
        in `kinds` order, best match first within a kind, at most `limit` in all; with `expo`,
        what is present at that expo comes before what is not (the person who took part
        before the country whose name starts the same).
        """
        if limit <= 0:
            return ()
        for expression in forgiving_expressions(text):
            hits = self._search(expression, expo, limit, kinds)
            if hits:
                return tuple(self._present_first(hits, expo)[:limit] if expo is not None else hits)
        return ()

    def _present_first(self, hits: list[SearchHit], expo: Expo) -> list[SearchHit]:
        """`hits` with those present at `expo` first (each group in its order): countries
        counted there, people who took part in its events, its exhibitors and events."""
        codes = [h.ref for h in hits if h.kind == "country"]
        keys = [h.ref for h in hits if h.kind == "person"]
        present: set[tuple[str, str]] = set()
        if codes:
            present |= {
                ("country", r[0])
                for r in self.connection.read(
                    "SELECT country_code FROM expo_country_counts WHERE expo_id = ? AND "
                    f"country_code IN ({', '.join('?' * len(codes))}) "
                    "AND delegations + events + exhibitors > 0",
                    (expo.id, *codes),
                )
            }
        if keys:
            present |= {
                ("person", r[0])
                for r in self.connection.read(
                    "SELECT p.key FROM people p WHERE p.key IN "
                    f"({', '.join('?' * len(keys))}) AND EXISTS (SELECT 1 FROM person_events pe "
                    "WHERE pe.person_id = p.id AND pe.expo_id = ?)",
                    (*keys, expo.id),
                )
            }

        def absent(hit: SearchHit) -> bool:
            if hit.kind in ("country", "person"):
                return (hit.kind, hit.ref) not in present
            return hit.kind == "organization"  # of no expo in particular

        return sorted(hits, key=absent)

    def _search(
        self, expression: str, expo: Expo | None, limit: int, kinds: Sequence[str]
    ) -> list[SearchHit]:
        hits: list[SearchHit] = []
        # with an expo, every kind gets its share: what is present there is sorted first
        budget = limit * len(kinds) if expo is not None else limit
        for kind in kinds:
            if len(hits) >= budget:
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
                (*params, MAX_SEARCH_ROWS, min(limit, budget - len(hits))),
            )
            hits.extend(self._hit(kind, r) for r in rows)
        return hits

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
