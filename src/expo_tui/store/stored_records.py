"""The store's records read back as the records files are read into (records.py), by natural key.

The writer merges a file's record over the stored one (merge.py) before it writes, so a file
that knows less never erases what the store knows; the import workflow reads the stored expo
the same way to read a CSV against it. Each function runs on the connection it is given,
inside the caller's transaction.
"""

from __future__ import annotations

import sqlite3

from ..records import (
    DelegationRecord,
    EventRecord,
    ExhibitorRecord,
    ExpoRecord,
    FigureRecord,
    MemberRecord,
    ParticipantRecord,
    PersonRecord,
    SourceRecord,
)
from .rows import date_of, observed_of, time_of


def _urls(conn: sqlite3.Connection, table: str, column: str, owner: int) -> tuple[str, ...]:
    rows = conn.execute(
        f"SELECT s.url FROM {table} l JOIN sources s ON s.id = l.source_id "
        f"WHERE l.{column} = ? ORDER BY s.id",
        (owner,),
    )
    return tuple(r[0] for r in rows)


def _person_key(conn: sqlite3.Connection, person_id: int | None) -> str | None:
    if person_id is None:
        return None
    row = conn.execute("SELECT key FROM people WHERE id = ?", (person_id,)).fetchone()
    return str(row[0]) if row else None


def _event_key(conn: sqlite3.Connection, event_id: int | None) -> str | None:
    if event_id is None:
        return None
    row = conn.execute("SELECT key FROM events WHERE id = ?", (event_id,)).fetchone()
    return str(row[0]) if row else None


def expo_record(conn: sqlite3.Connection, slug: str) -> ExpoRecord | None:
    row = conn.execute("SELECT * FROM expos WHERE slug = ?", (slug,)).fetchone()
    if row is None:
        return None
    start, end = date_of(row["start_date"]), date_of(row["end_date"])
    assert start is not None and end is not None  # NOT NULL columns
    return ExpoRecord(
        slug=row["slug"],
        name=row["name"],
        start_date=start,
        end_date=end,
        timezone=row["timezone"],
        short_name=row["short_name"],
        edition=row["edition"],
        venue=row["venue"],
        city=row["city"],
        country=row["country_code"],
        organizer=row["organizer"],
        theme=row["theme"],
        notes=row["notes"],
        sources=_urls(conn, "expo_sources", "expo_id", row["id"]),
        day_change=time_of(row["day_change"]),
    )


def source_record(conn: sqlite3.Connection, url: str) -> SourceRecord | None:
    row = conn.execute("SELECT * FROM sources WHERE url = ?", (url,)).fetchone()
    if row is None:
        return None
    observed, observed_time = observed_of(row["observed"])
    return SourceRecord(
        url=row["url"],
        publisher=row["publisher"],
        title=row["title"],
        language=row["language"],
        published=date_of(row["published"]),
        kind=row["kind"],
        observer=row["observer"],
        observed=observed,
        observed_time=observed_time,
    )


def person_record(conn: sqlite3.Connection, key: str) -> PersonRecord | None:
    row = conn.execute(
        "SELECT p.*, o.name AS organization FROM people p "
        "LEFT JOIN organizations o ON o.id = p.organization_id WHERE p.key = ?",
        (key,),
    ).fetchone()
    if row is None:
        return None
    variants = conn.execute(
        "SELECT variant FROM person_variants WHERE person_id = ? ORDER BY variant", (row["id"],)
    )
    return PersonRecord(
        key=row["key"],
        name=row["name"],
        kind=row["kind"],
        variants=tuple(v[0] for v in variants),
        rank=row["rank"],
        position=row["position"],
        organization=row["organization"],
        country=row["country_code"],
    )


def event_record(conn: sqlite3.Connection, expo_id: int, key: str) -> EventRecord | None:
    row = conn.execute(
        "SELECT * FROM events WHERE expo_id = ? AND key = ?", (expo_id, key)
    ).fetchone()
    if row is None:
        return None
    participants = conn.execute(
        "SELECT p.key, ep.role, ep.position, ep.note FROM event_participants ep "
        "JOIN people p ON p.id = ep.person_id WHERE ep.event_id = ? ORDER BY ep.ordinal",
        (row["id"],),
    )
    return EventRecord(
        key=row["key"],
        title=row["title"],
        kind=row["kind"],
        status=row["status"],
        date=date_of(row["date"]),
        date_from=date_of(row["date_from"]),
        date_to=date_of(row["date_to"]),
        start_time=time_of(row["start_time"]),
        end_time=time_of(row["end_time"]),
        order=row["day_order"],
        order_scope=row["order_scope"],
        location=row["location"],
        track=row["track"],
        summary=row["summary"],
        notes=row["notes"],
        participants=tuple(ParticipantRecord(*p) for p in participants),
        sources=_urls(conn, "event_sources", "event_id", row["id"]),
    )


def delegation_record(
    conn: sqlite3.Connection, expo_id: int, country: str | None
) -> DelegationRecord | None:
    row = conn.execute(
        "SELECT * FROM delegations WHERE expo_id = ? AND country_code = ?", (expo_id, country)
    ).fetchone()
    if row is None:
        return None
    members = conn.execute(
        "SELECT name, role, person_id FROM delegation_members WHERE delegation_id = ? "
        "ORDER BY ordinal",
        (row["id"],),
    ).fetchall()
    return DelegationRecord(
        country=row["country_code"],
        kind=row["kind"],
        head=_person_key(conn, row["head_person_id"]),
        members=tuple(MemberRecord(m[0], m[1], _person_key(conn, m[2])) for m in members),
        notes=row["notes"],
        sources=_urls(conn, "delegation_sources", "delegation_id", row["id"]),
    )


def exhibitor_record(conn: sqlite3.Connection, expo_id: int, name: str) -> ExhibitorRecord | None:
    row = conn.execute(
        "SELECT * FROM exhibitors WHERE expo_id = ? AND name = ?", (expo_id, name)
    ).fetchone()
    if row is None:
        return None
    return ExhibitorRecord(
        name=row["name"],
        country=row["country_code"],
        kind=row["kind"],
        notes=row["notes"],
        sources=_urls(conn, "exhibitor_sources", "exhibitor_id", row["id"]),
    )


def figure_record(conn: sqlite3.Connection, expo_id: int, key: str) -> FigureRecord | None:
    row = conn.execute(
        "SELECT * FROM figures WHERE expo_id = ? AND key = ?", (expo_id, key)
    ).fetchone()
    if row is None:
        return None
    return FigureRecord(
        key=row["key"],
        metric=row["metric"],
        value=row["value"],
        number=row["number"],
        unit=row["unit"],
        note=row["note"],
        sources=_urls(conn, "figure_sources", "figure_id", row["id"]),
        event=_event_key(conn, row["event_id"]),
    )
