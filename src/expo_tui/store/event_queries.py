"""Reading events: a day's timeline (or every day's) page by page, and events in detail.

Pages are keyset-paged on (date, sort_key, id), the order of the indexes made for them (see
schema.py), so a page costs the same at the start of a million events as at the end.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace

from .connection import StoreConnection
from .facet_queries import clashing, faceted_rows
from .models import (
    NO_FACETS,
    UNDATED,
    EventDetail,
    EventSummary,
    Expo,
    Facets,
    Page,
    Participant,
)
from .rows import (
    EVENT_COLUMNS,
    PERSON_COLUMNS,
    date_of,
    decode_cursor,
    encode_cursor,
    person_of,
    sources_for,
    time_of,
    variants,
    variants_of,
)

DETAILS_BATCH = 500  # events whose details one set of queries reads (event_details)


class EventQueries:
    """The Store's event reads (a part of `Store`, kept in a module of its own)."""

    connection: StoreConnection

    def events(
        self,
        expo: Expo,
        day: str | None,
        *,
        country: str | None = None,
        limit: int = 100,
        cursor: str | None = None,
        facets: Facets = NO_FACETS,
        clashes: bool = False,
    ) -> Page[EventSummary]:
        """Events of one day (an ISO date or UNDATED), or of all days when `day` is None.

        Ordered by clock time, then each host's chain in its reported order; with `country`,
        only events involving that country; with `facets`, only those kinds, statuses and
        events involving a member of that group. All days run dated days first, undated last.
        `clashes` marks the events where a participant is double-booked (EventSummary.clash).
        """
        if day is None:
            page = self._events_all_days(expo, country, limit, cursor, facets)
        else:
            date = None if day == UNDATED else day
            after = decode_cursor(cursor, 3) if cursor else None
            rows = self._event_rows(expo, date, country, after, limit + 1, facets)
            page = self._page_of_events(rows, limit)
        if clashes and page.items:
            marked = clashing(self.connection, [e.id for e in page.items if e.date])
            if marked:
                items = tuple(replace(e, clash=True) if e.id in marked else e for e in page.items)
                page = Page(items, page.next_cursor)
        return page

    def _events_all_days(
        self, expo: Expo, country: str | None, limit: int, cursor: str | None, facets: Facets
    ) -> Page[EventSummary]:
        after = decode_cursor(cursor, 3) if cursor else None
        rows: list[sqlite3.Row] = []
        if after is None or after[0] != UNDATED:
            rows = self._event_rows(expo, "*", country, after, limit + 1, facets)
            if len(rows) > limit:
                return self._page_of_events(rows, limit)
            after = None
        rows += self._event_rows(expo, None, country, after, limit + 1 - len(rows), facets)
        return self._page_of_events(rows, limit)

    def _event_rows(
        self,
        expo: Expo,
        date: str | None,
        country: str | None,
        after: list[str] | None,
        limit: int,
        facets: Facets = NO_FACETS,
    ) -> list[sqlite3.Row]:
        """One index range of events. `date` "*" means every dated day, None undated."""
        if facets.active:
            return faceted_rows(self.connection, expo, date, country, facets, after, limit)
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
            f"SELECT {EVENT_COLUMNS} FROM {table} WHERE {' AND '.join(where)} "
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
            next_cursor = encode_cursor(last["date"] or UNDATED, last["sort_key"], last["id"])
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
            date=date_of(row["date"]),
            date_from=date_of(row["date_from"]),
            date_to=date_of(row["date_to"]),
            start_time=time_of(row["start_time"]),
            end_time=time_of(row["end_time"]),
            order=row["day_order"],
            order_scope=row["order_scope"],
            kind=row["kind"],
            status=row["status"],
            title=row["title"],
            location=row["location"],
            countries=countries,
            track=row["track"],
        )

    def event(self, event_id: int) -> EventDetail | None:
        row = self.connection.read_one(
            f"SELECT {EVENT_COLUMNS}, e.summary, e.notes FROM events e WHERE e.id = ?",
            (event_id,),
        )
        if row is None:
            return None
        participants = tuple(
            Participant(
                person_of(r, variants(self.connection, r["person_id"])),
                r["role"],
                r["position"],
                r["note"],
            )
            for r in self.connection.read(
                f"SELECT ep.role, ep.position, ep.note, {PERSON_COLUMNS} "
                "FROM event_participants ep JOIN people p ON p.id = ep.person_id "
                "LEFT JOIN organizations o ON o.id = p.organization_id "
                "WHERE ep.event_id = ? ORDER BY ep.ordinal",
                (event_id,),
            )
        )
        countries = self._event_countries([event_id]).get(event_id, ())
        sources = sources_for(self.connection, "event_sources", "event_id", [event_id])
        summary = self._event_summary(row, countries)
        if summary.date is not None and clashing(self.connection, [event_id]):
            summary = replace(summary, clash=True)
        return EventDetail(
            event=summary,
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
                f"SELECT {EVENT_COLUMNS}, e.summary, e.notes FROM events e WHERE e.id IN ({marks})",
                tuple(ids),
            )
        }
        people_rows = self.connection.read(
            f"SELECT ep.event_id, ep.role, ep.position, ep.note, {PERSON_COLUMNS} "
            "FROM event_participants ep JOIN people p ON p.id = ep.person_id "
            "LEFT JOIN organizations o ON o.id = p.organization_id "
            f"WHERE ep.event_id IN ({marks}) ORDER BY ep.event_id, ep.ordinal",
            tuple(ids),
        )
        variants = variants_of(self.connection, sorted({r["person_id"] for r in people_rows}))
        participants: dict[int, list[Participant]] = {}
        for r in people_rows:
            participants.setdefault(r["event_id"], []).append(
                Participant(
                    person_of(r, variants.get(r["person_id"], ())),
                    r["role"],
                    r["position"],
                    r["note"],
                )
            )
        countries = self._event_countries(ids)
        sources = sources_for(self.connection, "event_sources", "event_id", ids)
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
