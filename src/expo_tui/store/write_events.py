"""Writing an expo's events: the part of a bundle that runs to a million records.

Events whose key is new to the expo are queued and written with one executemany per table
(`write_rows.Batch`); only events that already exist take the per-record compare-and-update
path. The two paths write exactly the same rows.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable

from ..merge import Merge, merged
from ..records import PARTICIPANT_ROLES, EventRecord, iso_text
from .index_text import event_text
from .record_checks import check_event, choice
from .stored_records import event_record
from .write_rows import (
    FLUSH_ROWS,
    LOOKUP_WINDOW,
    Batch,
    Row,
    index,
    known_keys,
    replace_children,
    upsert,
)

NO_TIME = "\uffff"  # sorts after every clock time: untimed events follow timed ones


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


class EventWriter:
    """Writes one expo's events, given what it needs from the bundle's writer: where to count
    outcomes, how cited sources and people become ids, and whom to tell of progress."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        count: Callable[[str, str], None],
        source_rows: Callable[[Iterable[str], str], list[Row]],
        person_ref: Callable[[str, str], tuple[int, str | None]],
        day_change: dt.time | None,
        progress: Callable[[int], None] | None,
        merge: Merge = merged,
    ) -> None:
        self.conn = conn
        self.merged = merge
        self.count = count
        self.source_rows = source_rows
        self.person_ref = person_ref
        self.day_change = day_change
        self.progress = progress

    def write(self, expo_id: int, events: tuple[EventRecord, ...]) -> int:
        """New events go in batches of executemany; known ones take the per-record path.

        The batch writes exactly the rows the per-record path would, in the same order (ids are
        the ones SQLite would assign), so the two paths leave byte-identical tables.
        """
        batch = Batch()
        added: set[str] = set()
        done = 0
        for start in range(0, len(events), LOOKUP_WINDOW):
            window = events[start : start + LOOKUP_WINDOW]
            known = known_keys(
                self.conn,
                "SELECT key FROM events WHERE expo_id = ? AND key IN ({})",
                (expo_id,),
                [e.key for e in window],
            )
            for event in window:
                if event.key in known or event.key in added:
                    batch.flush(self.conn)
                    self._event(expo_id, event)
                else:
                    self._add_event(expo_id, event, batch)
                    added.add(event.key)
                    if batch.size >= FLUSH_ROWS:
                        batch.flush(self.conn)
                done += 1
                if self.progress and done % 500 == 0:
                    self.progress(done)
        batch.flush(self.conn)
        return done

    def _sort_key(self, event: EventRecord) -> str:
        """Check one event's own fields; returns its sort key."""
        check_event(event)
        return sort_key(event.start_time, event.order_scope, event.order, self.day_change)

    def _event_participants(self, event: EventRecord) -> tuple[list[tuple[object, ...]], list[str]]:
        """Validated participant rows (without the event id) and the countries they bring."""
        where = f"event {event.key!r}"
        participants: list[tuple[object, ...]] = []
        countries: list[str] = []
        for ordinal, participant in enumerate(event.participants):
            pwhere = f"{where}, participant {ordinal + 1}"
            choice(participant.role, PARTICIPANT_ROLES, f"{pwhere}, field role")
            person_id, country = self.person_ref(participant.person, f"{pwhere}, field person")
            participants.append(
                (ordinal, person_id, participant.role, participant.position, participant.note)
            )
            if country and country not in countries:
                countries.append(country)
        return participants, countries

    def _add_event(self, expo_id: int, event: EventRecord, batch: Batch) -> None:
        """Queue the rows of an event whose key is new to this expo."""
        key = self._sort_key(event)
        participants, countries = self._event_participants(event)
        sources = self.source_rows(event.sources, f"event {event.key!r}")
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
                event.track,
            ),
        )
        for row in participants:
            batch.add("event_participants", (event_id, *row))
        for (source_id,) in sources:
            batch.add("event_sources", (event_id, source_id))
        for country in countries:
            batch.add(
                "event_countries", (event_id, country, expo_id, date, key, event.kind, event.status)
            )
        batch.add(
            "event_search",
            (event_id, event_text(event.title, event.location, event.summary), expo_id),
        )
        self.count("events", "added")

    def _event(self, expo_id: int, event: EventRecord) -> None:
        where = f"event {event.key!r}"
        event = self.merged(event_record(self.conn, expo_id, event.key), event)
        key = self._sort_key(event)
        event_id, outcome = upsert(
            self.conn,
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
                "track": event.track,
            },
        )
        participants, countries = self._event_participants(event)
        changed = replace_children(
            self.conn,
            "event_participants",
            "event_id",
            event_id,
            ("ordinal", "person_id", "role", "position", "note"),
            participants,
        )
        changed |= replace_children(
            self.conn,
            "event_sources",
            "event_id",
            event_id,
            ("source_id",),
            self.source_rows(event.sources, where),
        )
        changed |= replace_children(
            self.conn,
            "event_countries",
            "event_id",
            event_id,
            ("country_code", "expo_id", "date", "sort_key", "kind", "status"),
            [(c, expo_id, iso_text(event.date), key, event.kind, event.status) for c in countries],
        )
        if outcome == "unchanged" and changed:
            outcome = "changed"
        if outcome != "unchanged":
            text = event_text(event.title, event.location, event.summary)
            index(self.conn, "event", str(event_id), text, expo_id, None, added=outcome == "added")
        self.count("events", outcome)
