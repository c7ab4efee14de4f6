"""Records read back from the store, kept as JSON and written again: what undoing an accepted
candidate needs. Deleting a record removes its search rows and links with it; people, sources
and organisations are deleted only while nothing else refers to them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from typing import Any

from ..records import (
    EventRecord,
    ExpoBundle,
    ExpoRecord,
    ParticipantRecord,
    PersonRecord,
    SourceRecord,
)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _time(value: str | None) -> dt.time | None:
    return dt.time.fromisoformat(value) if value else None


def read_event(conn: sqlite3.Connection, expo_id: int, key: str) -> EventRecord | None:
    row = conn.execute(
        "SELECT * FROM events WHERE expo_id = ? AND key = ?", (expo_id, key)
    ).fetchone()
    if row is None:
        return None
    participants = tuple(
        ParticipantRecord(r[0], r[1], r[2], r[3])
        for r in conn.execute(
            "SELECT p.key, ep.role, ep.position, ep.note FROM event_participants ep "
            "JOIN people p ON p.id = ep.person_id WHERE ep.event_id = ? ORDER BY ep.ordinal",
            (row["id"],),
        )
    )
    sources = tuple(
        r[0]
        for r in conn.execute(
            "SELECT s.url FROM event_sources es JOIN sources s ON s.id = es.source_id "
            "WHERE es.event_id = ? ORDER BY s.id",
            (row["id"],),
        )
    )
    return EventRecord(
        key=row["key"],
        title=row["title"],
        kind=row["kind"],
        status=row["status"],
        date=_date(row["date"]),
        date_from=_date(row["date_from"]),
        date_to=_date(row["date_to"]),
        start_time=_time(row["start_time"]),
        end_time=_time(row["end_time"]),
        order=row["day_order"],
        order_scope=row["order_scope"],
        location=row["location"],
        summary=row["summary"],
        notes=row["notes"],
        participants=participants,
        sources=sources,
    )


def read_person(conn: sqlite3.Connection, key: str) -> PersonRecord | None:
    row = conn.execute(
        "SELECT p.*, o.name AS organization FROM people p "
        "LEFT JOIN organizations o ON o.id = p.organization_id WHERE p.key = ?",
        (key,),
    ).fetchone()
    if row is None:
        return None
    variants = tuple(
        r[0]
        for r in conn.execute(
            "SELECT variant FROM person_variants WHERE person_id = ? ORDER BY variant", (row["id"],)
        )
    )
    return PersonRecord(
        key=row["key"],
        name=row["name"],
        kind=row["kind"],
        variants=variants,
        rank=row["rank"],
        position=row["position"],
        organization=row["organization"],
        country=row["country_code"],
    )


def read_source(conn: sqlite3.Connection, url: str) -> SourceRecord | None:
    row = conn.execute("SELECT * FROM sources WHERE url = ?", (url,)).fetchone()
    if row is None:
        return None
    return SourceRecord(
        row["url"], row["publisher"], row["title"], row["language"], _date(row["published"])
    )


def _json(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_json(v) for v in value]
    if isinstance(value, frozenset):  # a record's `assumed` names
        return sorted(value)
    if dataclasses.is_dataclass(value):
        return {f.name: _json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def _assumed(values: dict[str, Any]) -> dict[str, Any]:
    """`values` with its `assumed` names as the record holds them (older images have none)."""
    return {**values, "assumed": frozenset(values.get("assumed", ()))}


def event_to_json(event: EventRecord) -> dict[str, Any]:
    data: dict[str, Any] = _json(event)
    return data


def event_from_json(data: dict[str, Any]) -> EventRecord:
    values = dict(data)
    for name in ("date", "date_from", "date_to"):
        values[name] = _date(values.get(name))
    for name in ("start_time", "end_time"):
        values[name] = _time(values.get(name))
    values["participants"] = tuple(
        ParticipantRecord(**_assumed(p)) for p in values.get("participants", [])
    )
    values["sources"] = tuple(values.get("sources", []))
    return EventRecord(**_assumed(values))


def person_to_json(person: PersonRecord) -> dict[str, Any]:
    data: dict[str, Any] = _json(person)
    return data


def person_from_json(data: dict[str, Any]) -> PersonRecord:
    return PersonRecord(**_assumed({**data, "variants": tuple(data.get("variants", []))}))


def source_to_json(source: SourceRecord) -> dict[str, Any]:
    data: dict[str, Any] = _json(source)
    return data


def source_from_json(data: dict[str, Any]) -> SourceRecord:
    return SourceRecord(**{**data, "published": _date(data.get("published"))})


def expo_record(conn: sqlite3.Connection, slug: str) -> ExpoRecord | None:
    """The store's expo as a record with its sources, so writing it back changes nothing."""
    row = conn.execute("SELECT * FROM expos WHERE slug = ?", (slug,)).fetchone()
    if row is None:
        return None
    sources = tuple(
        r[0]
        for r in conn.execute(
            "SELECT s.url FROM expo_sources es JOIN sources s ON s.id = es.source_id "
            "WHERE es.expo_id = ? ORDER BY s.id",
            (row["id"],),
        )
    )
    return ExpoRecord(
        slug=row["slug"],
        name=row["name"],
        start_date=dt.date.fromisoformat(row["start_date"]),
        end_date=dt.date.fromisoformat(row["end_date"]),
        timezone=row["timezone"],
        short_name=row["short_name"],
        edition=row["edition"],
        venue=row["venue"],
        city=row["city"],
        country=row["country_code"],
        organizer=row["organizer"],
        theme=row["theme"],
        notes=row["notes"],
        sources=sources,
        day_change=_time(row["day_change"]),
    )


def bundle_for(
    conn: sqlite3.Connection,
    slug: str,
    *,
    events: list[EventRecord],
    people: list[PersonRecord],
    sources: list[SourceRecord],
) -> ExpoBundle:
    expo = expo_record(conn, slug)
    if expo is None:
        raise ValueError(f"no expo {slug!r}")
    return ExpoBundle(expo=expo, sources=tuple(sources), people=tuple(people), events=tuple(events))


def delete_event(conn: sqlite3.Connection, expo_id: int, key: str) -> None:
    row = conn.execute(
        "SELECT id FROM events WHERE expo_id = ? AND key = ?", (expo_id, key)
    ).fetchone()
    if row is None:
        return
    event_id = row[0]
    conn.execute("DELETE FROM event_search WHERE rowid = ?", (event_id,))
    for table in ("event_countries", "event_participants", "event_sources"):
        conn.execute(f"DELETE FROM {table} WHERE event_id = ?", (event_id,))
    conn.execute("DELETE FROM events WHERE id = ?", (event_id,))


def delete_person(conn: sqlite3.Connection, key: str) -> None:
    row = conn.execute("SELECT id FROM people WHERE key = ?", (key,)).fetchone()
    if row is None:
        return
    person_id = row[0]
    used = conn.execute(
        "SELECT 1 FROM event_participants WHERE person_id = ? UNION ALL "
        "SELECT 1 FROM delegations WHERE head_person_id = ? UNION ALL "
        "SELECT 1 FROM delegation_members WHERE person_id = ? LIMIT 1",
        (person_id, person_id, person_id),
    ).fetchone()
    if used is not None:
        return
    conn.execute("DELETE FROM search WHERE kind = 'person' AND ref = ?", (key,))
    conn.execute("DELETE FROM person_variants WHERE person_id = ?", (person_id,))
    conn.execute("DELETE FROM people WHERE id = ?", (person_id,))


def delete_source(conn: sqlite3.Connection, url: str) -> None:
    row = conn.execute("SELECT id FROM sources WHERE url = ?", (url,)).fetchone()
    if row is None:
        return
    source_id = row[0]
    for table in (
        "event_sources",
        "expo_sources",
        "delegation_sources",
        "exhibitor_sources",
        "figure_sources",
    ):
        if conn.execute(
            f"SELECT 1 FROM {table} WHERE source_id = ? LIMIT 1", (source_id,)
        ).fetchone():
            return
    conn.execute("DELETE FROM sources WHERE id = ?", (source_id,))


def delete_organization(conn: sqlite3.Connection, name: str) -> None:
    row = conn.execute("SELECT id FROM organizations WHERE name = ?", (name,)).fetchone()
    if row is None:
        return
    if conn.execute("SELECT 1 FROM people WHERE organization_id = ? LIMIT 1", (row[0],)).fetchone():
        return
    conn.execute("DELETE FROM search WHERE kind = 'organization' AND ref = ?", (str(row[0]),))
    conn.execute("DELETE FROM organizations WHERE id = ?", (row[0],))
