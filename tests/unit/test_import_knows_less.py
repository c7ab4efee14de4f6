""" "The file knows a name, the store may know rank": a file that knows less never erases what
the store knows, whether it comes in the same command, from another process at the same time,
or later, and whichever reader read it (issue 12)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from expo_tui.records import (
    EventRecord,
    ExpoBundle,
    ExpoRecord,
    ParticipantRecord,
    PersonRecord,
    SourceRecord,
)
from expo_tui.store import open_store
from expo_tui.workflows.importing import ImportRequest, import_files

URL = "https://example.org/report"
RICH = {
    "format": "expo-tui",
    "version": 1,
    "expo": {
        "slug": "rich",
        "name": "Rich Expo",
        "start_date": "2025-06-11",
        "end_date": "2025-06-14",
        "timezone": "Asia/Jakarta",
        "country": "Indonesia",
        "venue": "JIExpo",
        "sources": [URL],
    },
    "sources": [{"url": URL, "publisher": "ANTARA", "title": "The report", "language": "id"}],
    "people": [
        {
            "key": "agus-subiyanto",
            "name": "Agus Subiyanto",
            "rank": "General",
            "position": "Commander of the armed forces",
            "country": "IDN",
            "variants": ["Agus S."],
        }
    ],
    "events": [
        {
            "key": "e1",
            "title": "Opening",
            "kind": "opening",
            "status": "happened",
            "date": "2025-06-11",
            "start_time": "10:00",
            "location": "Hall A",
            "summary": "Opened by the commander.",
            "participants": [{"person": "agus-subiyanto", "role": "host", "note": "spoke"}],
            "sources": [URL],
        }
    ],
}
# What a colleague's sheet knows of the same things: names, a URL, a zoned time.
BARE_CSV = (
    "key,title,date,time,participants,sources\n"
    f"e2,Courtesy call,12/6/2025,10.00 WITA,Agus Subiyanto,{URL}\n"
)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    rich, bare = tmp_path / "rich.json", tmp_path / "bare.csv"
    rich.write_text(json.dumps(RICH), encoding="utf-8")
    bare.write_text(BARE_CSV, encoding="utf-8")
    return rich, bare


def assert_rich_record_stands(db: Path) -> None:
    store = open_store(db, readonly=True)
    try:
        expo = store.expo("rich")
        assert expo is not None
        assert (expo.name, expo.timezone, expo.venue, expo.country_code) == (
            "Rich Expo",
            "Asia/Jakarta",
            "JIExpo",
            "IDN",
        )
        assert (expo.start_date, expo.end_date) == (dt.date(2025, 6, 11), dt.date(2025, 6, 14))
        person = store.person("agus-subiyanto")
        assert person is not None
        assert (person.rank, person.position, person.country_code, person.variants) == (
            "General",
            "Commander of the armed forces",
            "IDN",
            ("Agus S.",),
        )
        (source,) = store.expo_sources(expo)
        assert (source.publisher, source.title, source.language) == ("ANTARA", "The report", "id")
    finally:
        store.close()


def test_a_bare_sheet_after_a_rich_document_in_one_command_erases_nothing(
    tmp_path: Path, files: tuple[Path, Path]
) -> None:
    db = tmp_path / "s.db"
    rich, bare = files
    report = import_files(ImportRequest(files=(rich, bare), db=str(db), expo_slug="rich"))
    assert [part.new_expo for part in report.files] == [True, False]
    assert_rich_record_stands(db)
    store = open_store(db, readonly=True)
    try:
        expo = store.expo("rich")
        assert expo is not None
        call = store.event_by_key(expo, "e2")
        assert call is not None
        # 10.00 WITA (UTC+8) is 09:00 in Jakarta: the sheet is read in the document's zone,
        # not in the UTC a new expo of its own would have had
        assert (call.event.date, call.event.start_time) == (dt.date(2025, 6, 12), dt.time(9, 0))
    finally:
        store.close()


# Tables a store's writer fills, parents first; the summary tables follow by trigger.
_WRITTEN_TABLES = (
    "sources", "organizations", "people", "person_variants", "expos", "expo_sources", "events",
    "event_participants", "event_sources", "event_countries",
)  # fmt: skip


def test_a_bare_sheet_imported_while_a_rich_import_writes_erases_nothing(
    tmp_path: Path, files: tuple[Path, Path]
) -> None:
    """The sheet's import starts while the document's import is still writing (its rows are
    in, uncommitted, under SQLite's write lock). The sheet must be read against what lands,
    not against the store as it was before."""
    rich, bare = files
    written = tmp_path / "written.db"  # what the document's import writes
    import_files(ImportRequest(files=(rich,), db=str(written)))
    db = tmp_path / "s.db"
    open_store(db, create=True).close()
    other = sqlite3.connect(db, isolation_level=None)  # the other process, mid-import
    other.execute("ATTACH ? AS written", (str(written),))
    other.execute("BEGIN IMMEDIATE")
    for table in _WRITTEN_TABLES:
        other.execute(f"INSERT INTO main.{table} SELECT * FROM written.{table}")
    other.execute("INSERT INTO main.search SELECT * FROM written.search WHERE kind != 'country'")
    other.execute("INSERT INTO main.event_search (rowid, text, expo_id) "
                  "SELECT rowid, text, expo_id FROM written.event_search")  # fmt: skip
    sheet = subprocess.Popen(
        [sys.executable, "-m", "expo_tui", "import", str(bare), "--db", str(db), "--expo", "rich"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.0)  # the sheet's import has started, and waits for the write lock
    other.commit()
    other.close()
    out, err = sheet.communicate(timeout=60)
    assert sheet.returncode == 0, err
    assert "(new expo)" not in out  # it saw the expo the document made
    assert_rich_record_stands(db)


def _rich_bundle() -> ExpoBundle:
    return ExpoBundle(
        expo=ExpoRecord(
            slug="demo",
            name="Demo Expo",
            start_date=dt.date(2025, 1, 10),
            end_date=dt.date(2025, 1, 12),
            timezone="Asia/Jakarta",
            venue="Hall",
        ),
        sources=(SourceRecord(URL, publisher="ANTARA", title="The report"),),
        people=(PersonRecord("ana", "Ana Example", rank="Colonel", country="CAN"),),
        events=(
            EventRecord(
                key="e1",
                title="Talks",
                kind="bilateral_meeting",
                status="happened",
                date=dt.date(2025, 1, 11),
                start_time=dt.time(9, 0),
                end_time=dt.time(10, 0),
                location="Room 1",
                summary="Talked.",
                participants=(ParticipantRecord("ana", "guest", position="Attaché"),),
                sources=(URL,),
            ),
        ),
    )


def test_the_store_writer_never_lets_a_record_that_knows_less_erase_one_that_knows_more(
    tmp_path: Path,
) -> None:
    """What a file planned before the richer records landed would write: bare records over
    rich ones. The writer merges them: given values replace, absent and assumed ones stay."""
    store = open_store(tmp_path / "s.db", create=True)
    try:
        store.write_bundle(_rich_bundle())
        bare = ExpoBundle(
            expo=ExpoRecord(
                slug="demo",
                name="demo",
                start_date=dt.date(2025, 1, 11),
                end_date=dt.date(2025, 1, 11),
                timezone="UTC",
                assumed=frozenset({"name", "start_date", "end_date", "timezone"}),
            ),
            sources=(SourceRecord(URL),),
            people=(PersonRecord("ana", "Ana Example", assumed=frozenset({"kind"})),),
            events=(
                EventRecord(
                    key="e1",
                    title="Talks",
                    date=dt.date(2025, 1, 11),
                    participants=(
                        ParticipantRecord("ana", "attendee", assumed=frozenset({"role"})),
                    ),
                    assumed=frozenset({"kind", "status"}),
                ),
            ),
        )
        report = store.write_bundle(bare)
        assert report.total("changed") == 0
        expo = store.expo("demo")
        assert expo is not None
        assert (expo.name, expo.timezone, expo.venue, expo.end_date) == (
            "Demo Expo",
            "Asia/Jakarta",
            "Hall",
            dt.date(2025, 1, 12),
        )
        person = store.person("ana")
        assert person is not None and (person.rank, person.country_code) == ("Colonel", "CAN")
        detail = store.event_by_key(expo, "e1")
        assert detail is not None
        event = detail.event
        assert (event.kind, event.status, event.location, event.start_time, event.end_time) == (
            "bilateral_meeting",
            "happened",
            "Room 1",
            dt.time(9, 0),
            dt.time(10, 0),
        )
        assert detail.summary == "Talked."
        (participant,) = detail.participants
        assert (participant.role, participant.position) == ("guest", "Attaché")
        (source,) = detail.sources
        assert (source.publisher, source.title) == ("ANTARA", "The report")
    finally:
        store.close()


def test_what_a_file_does_say_still_updates_the_store(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db", create=True)
    try:
        store.write_bundle(_rich_bundle())
        rich = _rich_bundle()
        (event,) = rich.events
        moved = replace(
            event,
            date=None,
            date_from=dt.date(2025, 1, 10),
            date_to=dt.date(2025, 1, 12),  # the day was never reported after all
            start_time=None,
            end_time=None,
            kind="courtesy_call",
            sources=("https://example.org/second",),
        )
        report = store.write_bundle(
            replace(
                rich,
                sources=(*rich.sources, SourceRecord("https://example.org/second")),
                events=(moved,),
            )
        )
        assert report.changed["events"] == 1
        expo = store.expo("demo")
        assert expo is not None
        detail = store.event_by_key(expo, "e1")
        assert detail is not None
        # a range replaces the day and its times with it; a new source is added to the old
        assert (detail.event.date, detail.event.date_from, detail.event.start_time) == (
            None,
            dt.date(2025, 1, 10),
            None,
        )
        assert detail.event.kind == "courtesy_call"
        assert [s.url for s in detail.sources] == [URL, "https://example.org/second"]
    finally:
        store.close()


def test_a_schedule_imported_again_keeps_what_the_analyst_confirmed(tmp_path: Path) -> None:
    """A frab schedule says every talk is a planned forum session; an analyst who marked one
    as happened, or as a launch, keeps that through the next import of the schedule."""
    schedule = tmp_path / "schedule.xml"
    schedule.write_text(
        '<?xml version="1.0"?><schedule><conference><acronym>c25</acronym><title>C</title>'
        '</conference><day index="1" date="2025-06-11"><room name="A"><event guid="g1" id="1">'
        "<start>10:00</start><duration>00:30</duration><title>Talk</title></event></room></day>"
        "</schedule>",
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    import_files(ImportRequest(files=(schedule,), db=str(db)))
    with sqlite3.connect(db) as conn:  # the analyst's correction
        conn.execute("UPDATE events SET status = 'happened', kind = 'launch'")
    again = import_files(ImportRequest(files=(schedule,), db=str(db)))
    assert again.files[0].counts("events") == (0, 0, 1)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT status, kind FROM events").fetchall() == [
            ("happened", "launch")
        ]
