"""Records read back from the store (stored_records.py), kept as JSON and written again: what
undoing an accepted candidate needs. Deleting a record removes its search rows and links with it; people, sources
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
    ParticipantRecord,
    PersonRecord,
    SourceRecord,
)
from .rows import date_of, time_of
from .stored_records import expo_record


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
        values[name] = date_of(values.get(name))
    for name in ("start_time", "end_time"):
        values[name] = time_of(values.get(name))
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
    return SourceRecord(
        **{
            **data,
            "published": date_of(data.get("published")),
            "observed": date_of(data.get("observed")),
            "observed_time": time_of(data.get("observed_time")),
        }
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
