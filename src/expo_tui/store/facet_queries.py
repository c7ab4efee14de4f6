"""Timelines narrowed by facets (kinds, statuses, a country group), page by page, and the marks
of double-booked people.

A faceted page is never a scan of the day: the summaries say how many events each kind and
status has there, and then either the day's range is read with the facets as a filter (when
they keep most of it, that reads at most about twice the page), or each selected kind and
status is its own index range (`idx_events_facets`, `idx_event_countries_facets`,
`idx_event_groups_facets`), read a page deep and merged in display order. Both are keyset
pages over (date, sort_key, id), as the plain timeline is.
"""

from __future__ import annotations

import heapq
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from ..records import EVENT_KINDS, EVENT_STATUSES
from .connection import StoreConnection
from .models import UNDATED, Expo, Facets
from .rows import EVENT_COLUMNS

FILTER_SHARE = 0.5  # facets keeping this share of the range or more: read it with a filter


@dataclass(frozen=True)
class _Scope:
    """Where a faceted timeline's rows come from: every event, one country's or one group's."""

    table: str
    id_column: str
    where: str
    params: tuple[object, ...]


def _scope(expo: Expo, country: str | None, facets: Facets) -> _Scope:
    params: tuple[object, ...]
    if country is not None:
        where, params = "expo_id = ? AND country_code = ?", (expo.id, country)
        if facets.group:  # a country of the group, or with a member in its events
            where += (
                " AND event_id IN (SELECT event_id FROM event_groups g WHERE g.event_id = "
                "event_countries.event_id AND g.group_key = ?)"
            )
            params += (facets.group,)
        return _Scope("event_countries", "event_id", where, params)
    if facets.group:
        return _Scope(
            "event_groups", "event_id", "expo_id = ? AND group_key = ?", (expo.id, facets.group)
        )
    return _Scope("events", "id", "expo_id = ?", (expo.id,))


def selected(facets: Facets) -> tuple[tuple[str, ...], tuple[str, ...]]:
    kinds = tuple(k for k in EVENT_KINDS if not facets.kinds or k in facets.kinds)
    statuses = tuple(s for s in EVENT_STATUSES if not facets.statuses or s in facets.statuses)
    return kinds, statuses


def _pair_counts(
    connection: StoreConnection, expo: Expo, country: str | None, facets: Facets, day: str | None
) -> dict[tuple[str, str], int]:
    """Events per (kind, status) in the scope: a day's ("*" every dated day, None undated)
    from the summaries."""
    if country is not None:
        rows = connection.read(
            "SELECT kind, status, events FROM expo_country_facets "
            "WHERE expo_id = ? AND country_code = ?",
            (expo.id, country),
        )
    else:
        where, params = "expo_id = ? AND scope = ?", [expo.id, facets.group or ""]
        if day == "*":
            where += " AND day != ''"
        else:
            where += " AND day = ?"
            params.append(day or "")
        rows = connection.read(
            f"SELECT kind, status, sum(events) FROM expo_facet_counts WHERE {where} "
            "GROUP BY kind, status",
            params,
        )
    return {(r[0], r[1]): int(r[2]) for r in rows if r[2]}


def faceted_rows(
    connection: StoreConnection,
    expo: Expo,
    date: str | None,
    country: str | None,
    facets: Facets,
    after: list[str] | None,
    limit: int,
) -> list[sqlite3.Row]:
    """One page of events in display order. `date` "*" means every dated day, None undated;
    `after` is the keyset cursor (date or UNDATED, sort key, id)."""
    scope = _scope(expo, country, facets)
    kinds, statuses = selected(facets)
    where = [scope.where]
    params: list[object] = list(scope.params)
    if date == "*":
        where.append("date IS NOT NULL")
        order = f"date, sort_key, {scope.id_column}"
        if after is not None and after[0] != UNDATED:
            where.append(f"(date, sort_key, {scope.id_column}) > (?, ?, ?)")
            params += [after[0], after[1], int(after[2])]
    else:
        where.append("date IS NULL" if date is None else "date = ?")
        params += [] if date is None else [date]
        order = f"sort_key, {scope.id_column}"
        if after is not None:
            where.append(f"(sort_key, {scope.id_column}) > (?, ?)")
            params += [after[1], int(after[2])]
    if not facets.narrows_events:
        ids = [
            r[0]
            for r in connection.read(
                f"SELECT {scope.id_column} FROM {scope.table} WHERE {' AND '.join(where)} "
                f"ORDER BY {order} LIMIT ?",
                (*params, limit),
            )
        ]
        return _events_by_id(connection, ids)
    counts = _pair_counts(connection, expo, country, facets, date)
    wanted = [(k, s) for k in kinds for s in statuses if counts.get((k, s))]
    everything = sum(counts.values())
    share = sum(counts[p] for p in wanted) / everything if everything else 0.0
    if not wanted:
        return []
    if share >= FILTER_SHARE:
        marks_k, marks_s = ", ".join("?" * len(kinds)), ", ".join("?" * len(statuses))
        ids = [
            r[0]
            for r in connection.read(
                f"SELECT {scope.id_column} FROM {scope.table} WHERE {' AND '.join(where)} "
                f"AND kind IN ({marks_k}) AND status IN ({marks_s}) ORDER BY {order} LIMIT ?",
                (*params, *kinds, *statuses, limit),
            )
        ]
        return _events_by_id(connection, ids)
    # each selected kind and status is a range of its own, in display order: merge them
    ranges = []
    for kind, status in wanted:
        ranges.append(
            connection.read(
                f"SELECT coalesce(date, ''), sort_key, {scope.id_column} FROM {scope.table} "
                f"WHERE {' AND '.join(where)} AND kind = ? AND status = ? "
                f"ORDER BY {order} LIMIT ?",
                (*params, kind, status, limit),
            )
        )
    merged = heapq.merge(*(map(tuple, r) for r in ranges))
    ids = [row[2] for _, row in zip(range(limit), merged, strict=False)]
    return _events_by_id(connection, ids)


def _events_by_id(connection: StoreConnection, ids: Sequence[int]) -> list[sqlite3.Row]:
    if not ids:
        return []
    rows = {
        r["id"]: r
        for r in connection.read(
            f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.id IN ({', '.join('?' * len(ids))})",
            tuple(ids),
        )
    }
    return [rows[i] for i in ids if i in rows]


# -- double-booked people -------------------------------------------------------------------
# Two spans of one person's day overlap when they start together, or one starts inside the
# other; two cities differ unless one name begins the other ("jakarta pusat" is in "jakarta").
OVERLAP_SQL = (
    "(o.start_key = s.start_key OR (s.start_key < o.start_key AND o.start_key < s.end_key) "
    "OR (o.start_key < s.start_key AND s.start_key < o.end_key))"
)
ELSEWHERE_SQL = (
    "(s.city IS NOT NULL AND o.city IS NOT NULL AND substr(o.city, 1, length(s.city)) != s.city "
    "AND substr(s.city, 1, length(o.city)) != o.city)"
)


def clashing(connection: StoreConnection, event_ids: Sequence[int]) -> set[int]:
    """Which of `event_ids` have a participant in another event at the same time, or in
    another city the same day (one query; each person's day is an index range)."""
    if not event_ids:
        return set()
    rows = connection.read(
        "SELECT DISTINCT s.event_id FROM person_events s "
        f"WHERE s.event_id IN ({', '.join('?' * len(event_ids))}) AND s.date IS NOT NULL "
        "AND EXISTS (SELECT 1 FROM person_events o WHERE o.person_id = s.person_id "
        f"AND o.date = s.date AND o.event_id != s.event_id AND ({OVERLAP_SQL} OR {ELSEWHERE_SQL}))",
        tuple(event_ids),
    )
    return {r[0] for r in rows}
