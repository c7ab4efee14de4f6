"""A record read back from the store is the record that was written: the writer merges over
it, and undoing an accepted candidate writes it back whole, so a field it left out would be
erased by an undo."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from expo_tui.records import EventRecord, ParticipantRecord, PersonRecord, SourceRecord
from expo_tui.store import open_store
from expo_tui.store.stored_records import (
    event_record,
    expo_record,
    person_record,
    source_record,
)

from ..conftest import tiny_bundle


def test_every_field_of_an_event_a_person_a_source_and_the_expo_comes_back(
    tmp_path: Path,
) -> None:
    talk = EventRecord(
        key="t1",
        title="Panel on open schedules",
        kind="forum_session",
        status="planned",
        date=dt.date(2025, 1, 11),
        start_time=dt.time(9, 30),
        end_time=dt.time(10, 15),
        order=2,
        order_scope="Hall B programme",
        location="Hall B",
        track="Open Data",
        summary="A summary.",
        notes="A note.",
        participants=(ParticipantRecord("ana", "speaker", "Chair", "Moderated"),),
        sources=("https://example.org/report",),
    )
    bundle = tiny_bundle(extra_events=(talk,))
    person = PersonRecord(
        key="ana",
        name="Ana Example",
        variants=("A. Example",),
        rank="Col.",
        position="Director",
        organization="Example Institute",
        country="CAN",
    )
    source = SourceRecord(
        url="https://example.org/report",
        publisher="Example",
        title="Report",
        language="en",
        published=dt.date(2025, 1, 12),
    )
    bundle = dataclasses.replace(bundle, people=(person,), sources=(source,))
    store = open_store(tmp_path / "s.db", create=True)
    try:
        store.write_bundle(bundle)
        conn = store.connection.conn
        expo_id = conn.execute("SELECT id FROM expos WHERE slug = 'demo'").fetchone()[0]
        assert event_record(conn, expo_id, "t1") == talk
        assert person_record(conn, "ana") == person
        assert source_record(conn, source.url) == source
        assert expo_record(conn, "demo") == bundle.expo
    finally:
        store.close()
