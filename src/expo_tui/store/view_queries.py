"""The analyst's views: facet counts, the bilateral matrix and a cell's events, the agreements
ledger, a person's record across expos, and people in two places at once.

Counts come from the summaries kept on write (schema_views.py): a matrix is at most one row
per pair of countries, whatever the number of events.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator

from ..records import EVENT_KINDS
from .event_queries import EventQueries
from .facet_queries import ELSEWHERE_SQL, OVERLAP_SQL, selected
from .models import (
    NO_FACETS,
    UNDATED,
    Agreement,
    Country,
    EventSummary,
    Expo,
    FacetCounts,
    Facets,
    Figure,
    Matrix,
    Overlap,
    Page,
    PairCount,
    PersonEvent,
)
from .rows import EVENT_COLUMNS, decode_cursor, encode_cursor, sources_for
from .schema_views import ALL_DAYS

SIGNING = "mou_signing"
MAX_OVERLAPS = 20  # overlaps listed in full by `check --overlaps`; the rest are counted


def _summary_day(day: str | None) -> str:
    """The summaries' `day` for the store's day key (None: every day)."""
    if day is None:
        return ALL_DAYS
    return "" if day == UNDATED else day


class ViewQueries(EventQueries):
    """The Store's reads for the analyst's views (a part of `Store`)."""

    # -- facets ----------------------------------------------------------------------------
    def facet_counts(
        self, expo: Expo, day: str | None, facets: Facets = NO_FACETS, country: str | None = None
    ) -> FacetCounts:
        """For each kind, status and group: the events it would show on `day` (None: every
        day) with the other facets as they are. With `country` (the `f` filter), the kinds
        and statuses are counted among that country's events over all days."""
        kinds, statuses = selected(facets)
        where = "expo_id = ?"
        params: list[object] = [expo.id]
        if day is not None:
            where += " AND day = ?"
            params.append(_summary_day(day))
        rows = self.connection.read(
            f"SELECT scope, kind, status, sum(events) FROM expo_facet_counts WHERE {where} "
            "GROUP BY scope, kind, status",
            params,
        )
        scoped = [(r[1], r[2], int(r[3])) for r in rows if r[0] == (facets.group or "")]
        if country is not None:
            scoped = [
                (r[0], r[1], int(r[2]))
                for r in self.connection.read(
                    "SELECT kind, status, events FROM expo_country_facets "
                    "WHERE expo_id = ? AND country_code = ?",
                    (expo.id, country),
                )
            ]
        by_kind = dict.fromkeys(EVENT_KINDS, 0)
        by_status = dict.fromkeys(("happened", "planned", "unconfirmed"), 0)
        total = 0
        for kind, status, n in scoped:
            if status in statuses:
                by_kind[kind] = by_kind.get(kind, 0) + n
            if kind in kinds:
                by_status[status] = by_status.get(status, 0) + n
            if kind in kinds and status in statuses:
                total += n
        names = {r[0]: r[1] for r in self.connection.read("SELECT key, name FROM country_groups")}
        groups = dict.fromkeys(names, 0)
        for scope, kind, status, n in rows:
            if scope and scope in groups and kind in kinds and status in statuses:
                groups[scope] += int(n)
        return FacetCounts(by_kind, by_status, groups, total, names, country is not None)

    def group_members(self, group: str, on: dt.date) -> frozenset[str]:
        """The alpha-3 codes of `group`'s members on a date, as the store holds them."""
        rows = self.connection.read(
            "SELECT country_code FROM country_group_members WHERE group_key = ? "
            "AND (joined IS NULL OR joined <= ?) AND (left_on IS NULL OR left_on > ?)",
            (group, on.isoformat(), on.isoformat()),
        )
        return frozenset(r[0] for r in rows)

    # -- the bilateral matrix --------------------------------------------------------------
    def matrix(
        self,
        expo: Expo,
        day: str | None = None,
        facets: Facets = NO_FACETS,
        *,
        by_kind: bool = False,
    ) -> Matrix:
        """Every pair of countries that took part in the same events on `day` (None: the
        whole expo), with the number of those events (and, `by_kind`, per kind); the kinds,
        statuses and group of `facets` narrow it (a group: both countries members). One
        summary row per pair and status: a matrix costs its pairs, not its events."""
        kinds, statuses = selected(facets)
        sums = f"sum({' + '.join(kinds)})"
        if by_kind:
            sums += ", " + ", ".join(f"sum({k})" for k in kinds)
        status_filter = (
            "" if len(statuses) == 3 else f" AND status IN ({', '.join(map(repr, statuses))})"
        )
        rows = self.connection.conn_rows(
            f"SELECT country_a, country_b, {sums} FROM expo_pair_counts "
            f"WHERE expo_id = ? AND day = ?{status_filter} GROUP BY country_a, country_b",
            (expo.id, _summary_day(day)),
        )
        members = self.group_members(facets.group, expo.start_date) if facets.group else None
        pairs = []
        for row in rows:
            a, b, total = row[0], row[1], row[2]
            if not total or (members is not None and not (a in members and b in members)):
                continue
            counts = {k: n for k, n in zip(kinds, row[3:], strict=False) if n} if by_kind else {}
            pairs.append(PairCount(a, b, total, counts))
        codes = {code for p in pairs for code in (p.a, p.b)}
        if expo.country_code and (members is None or expo.country_code in members):
            codes.add(expo.country_code)
        countries = [
            Country(r["code"], r["alpha2"], r["name"], r["name_id"], r["flag"] or "")
            for r in self.connection.read(
                f"SELECT * FROM countries WHERE code IN ({', '.join('?' * len(codes))})",
                tuple(sorted(codes)),
            )
        ]
        countries.sort(key=lambda c: (c.code != expo.country_code, c.name))
        return Matrix(tuple(countries), tuple(pairs), expo.country_code)

    def pair_events(
        self,
        expo: Expo,
        a: str,
        b: str,
        day: str | None = None,
        facets: Facets = NO_FACETS,
        *,
        limit: int = 100,
        cursor: str | None = None,
    ) -> Page[EventSummary]:
        """The events two countries both took part in (a matrix cell), in timeline order."""
        kinds, statuses = selected(facets)
        # walk the range of the country with fewer events; the other is a lookup per row
        counts: dict[str, int] = dict(
            self.connection.read(  # type: ignore[arg-type]
                "SELECT country_code, events FROM expo_country_counts "
                "WHERE expo_id = ? AND country_code IN (?, ?)",
                (expo.id, a, b),
            )
        )
        first, other = (a, b) if counts.get(a, 0) <= counts.get(b, 0) else (b, a)
        after = decode_cursor(cursor, 3) if cursor else None

        def rows(date: str | None, after: list[str] | None, n: int) -> list[sqlite3.Row]:
            where = [
                "ea.expo_id = ?",
                "ea.country_code = ?",
                f"ea.kind IN ({', '.join('?' * len(kinds))})",
                f"ea.status IN ({', '.join('?' * len(statuses))})",
            ]
            params: list[object] = [expo.id, first, *kinds, *statuses]
            if date == "*":
                where.append("ea.date IS NOT NULL")
                if after is not None and after[0] != UNDATED:
                    where.append("(ea.date, ea.sort_key, ea.event_id) > (?, ?, ?)")
                    params += [after[0], after[1], int(after[2])]
                order = "ea.date, ea.sort_key, ea.event_id"
            else:
                where.append("ea.date IS NULL" if date is None else "ea.date = ?")
                params += [] if date is None else [date]
                if after is not None:
                    where.append("(ea.sort_key, ea.event_id) > (?, ?)")
                    params += [after[1], int(after[2])]
                order = "ea.sort_key, ea.event_id"
            return self.connection.read(
                f"SELECT {EVENT_COLUMNS} FROM event_countries ea "
                "JOIN event_countries eb ON eb.event_id = ea.event_id AND eb.country_code = ? "
                f"JOIN events e ON e.id = ea.event_id WHERE {' AND '.join(where)} "
                f"ORDER BY {order} LIMIT ?",
                (other, *params, n),
            )

        if day is not None:
            found = rows(None if day == UNDATED else day, after, limit + 1)
        else:
            found = []
            if after is None or after[0] != UNDATED:
                found = rows("*", after, limit + 1)
                after = None
            if len(found) <= limit:
                found += rows(None, after, limit + 1 - len(found))
        return self._page_of_events(found, limit)

    # -- the agreements ledger ------------------------------------------------------------
    def agreements(
        self,
        expo: Expo,
        day: str | None = None,
        facets: Facets = NO_FACETS,
        *,
        country: str | None = None,
        limit: int = 100,
        cursor: str | None = None,
    ) -> Page[Agreement]:
        """Every signing, with its participants, sources and the figures about it (its
        value, where a figure gives one), in timeline order."""
        signings = Facets(frozenset({SIGNING}), facets.statuses, facets.group)
        page = self.events(expo, day, country=country, facets=signings, limit=limit, cursor=cursor)
        ids = [e.id for e in page.items]
        details = self.event_details(ids)
        figures = self._figures_about(ids)
        return Page(
            tuple(Agreement(d, figures.get(d.event.id, ())) for d in details), page.next_cursor
        )

    def iter_agreements(
        self,
        expo: Expo,
        day: str | None = None,
        facets: Facets = NO_FACETS,
        *,
        country: str | None = None,
    ) -> Iterator[Agreement]:
        """Every signing, page by page (the CLI and the Markdown brief)."""
        cursor: str | None = None
        while True:
            page = self.agreements(expo, day, facets, cursor=cursor, country=country)
            yield from page.items
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    def _figures_about(self, event_ids: list[int]) -> dict[int, tuple[Figure, ...]]:
        if not event_ids:
            return {}
        rows = self.connection.read(
            "SELECT f.*, e.key AS event_key FROM figures f JOIN events e ON e.id = f.event_id "
            f"WHERE f.event_id IN ({', '.join('?' * len(event_ids))}) ORDER BY f.id",
            tuple(event_ids),
        )
        sources = sources_for(
            self.connection, "figure_sources", "figure_id", [r["id"] for r in rows]
        )
        found: dict[int, list[Figure]] = {}
        for r in rows:
            figure = Figure(
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
            found.setdefault(r["event_id"], []).append(figure)
        return {k: tuple(v) for k, v in found.items()}

    # -- a person's record -----------------------------------------------------------------
    def person_events(
        self, key: str, *, limit: int = 100, cursor: str | None = None
    ) -> Page[PersonEvent]:
        """Everything a person took part in, across the days and expos of the store: dated
        events by date and display order, then undated ones; with the part they had and the
        position they held there."""
        where = "p.key = ?"
        params: list[object] = [key]
        if cursor and (after := decode_cursor(cursor, 4)):
            where += " AND (e.date IS NULL, coalesce(e.date, ''), e.sort_key, e.id) > (?, ?, ?, ?)"
            params += [int(after[0]), after[1], after[2], int(after[3])]
        rows = self.connection.read(
            f"SELECT {EVENT_COLUMNS}, x.slug, x.name AS expo_name, x.short_name, ep.role, "
            "coalesce(ep.position, p.position) AS held, ep.position IS NOT NULL AS recorded "
            "FROM people p "
            "JOIN event_participants ep ON ep.person_id = p.id "
            "JOIN events e ON e.id = ep.event_id JOIN expos x ON x.id = e.expo_id "
            f"WHERE {where} GROUP BY e.id "
            "ORDER BY e.date IS NULL, coalesce(e.date, ''), e.sort_key, e.id LIMIT ?",
            (*params, limit + 1),
        )
        page = self._page_of_events(rows, limit)
        items = tuple(
            PersonEvent(
                event,
                r["slug"],
                r["short_name"] or r["expo_name"],
                r["role"],
                r["held"],
                bool(r["recorded"]),
            )
            for event, r in zip(page.items, rows, strict=False)
        )
        next_cursor = None
        if len(rows) > limit:
            last = rows[limit - 1]
            next_cursor = encode_cursor(
                int(last["date"] is None), last["date"] or "", last["sort_key"], last["id"]
            )
        return Page(items, next_cursor)

    # -- people in two places at once ------------------------------------------------------
    def overlaps(self, expo: Expo | None = None) -> tuple[list[Overlap], int]:
        """People in two timed events at once, or in two cities on one day: the first
        MAX_OVERLAPS findings and how many there are in all."""
        where = "s.event_id < o.event_id"
        params: list[object] = []
        if expo is not None:
            where += " AND s.expo_id = ?"
            params.append(expo.id)
        pairs = (
            "FROM person_events s JOIN person_events o ON o.person_id = s.person_id "
            f"AND o.date = s.date AND {where} AND ({OVERLAP_SQL} OR {ELSEWHERE_SQL})"
        )
        total_row = self.connection.read_one(f"SELECT count(*) {pairs}", params)
        total = int(total_row[0]) if total_row else 0
        found = self.connection.read(
            f"SELECT s.person_id, s.event_id, o.event_id, s.city, o.city, {OVERLAP_SQL} AS at_once "
            f"{pairs} ORDER BY s.date, s.person_id, s.event_id LIMIT ?",
            (*params, MAX_OVERLAPS),
        )
        ids = sorted({r[1] for r in found} | {r[2] for r in found})
        events = {
            r["id"]: self._event_summary(r, ())
            for r in self.connection.read(
                f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.id IN ({', '.join('?' * len(ids))})",
                tuple(ids),
            )
        }
        people = {
            r[0]: (r[1], r[2])
            for r in self.connection.read(
                f"SELECT id, name, key FROM people WHERE id IN ({', '.join('?' * len(found))})",
                tuple(r[0] for r in found),
            )
        }
        overlaps = []
        for person_id, first, second, city_a, city_b, at_once in found:
            name, key = people.get(person_id, ("?", "?"))
            event = events[first]
            reason = "at the same time" if at_once else f"in {city_a.title()} and {city_b.title()}"
            assert event.date is not None
            overlaps.append(Overlap(name, key, event.date, event, events[second], reason))
        return overlaps, total
