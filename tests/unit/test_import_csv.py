"""CSV import: columns, dates through dates.py, countries, keys, and every kind of broken file."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest

from expo_tui.ingest.common import ExpoTarget
from expo_tui.ingest.csv_format import read_csv
from expo_tui.ingest.errors import IngestError
from expo_tui.records import ExpoRecord
from expo_tui.store import open_store

from ..conftest import SHIPPED_DB

HEADER = "key,date,time,end_time,kind,status,title,location,participants,countries,sources\n"
EXPO = ExpoRecord(
    slug="demo",
    name="Demo",
    start_date=dt.date(2025, 6, 11),
    end_date=dt.date(2025, 6, 14),
    timezone="Asia/Jakarta",
)
TARGET = ExpoTarget(slug="demo", lookup=lambda slug: EXPO if slug == "demo" else None)


def write(tmp_path: Path, text: str | bytes, name: str = "events.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def read(tmp_path: Path, text: str | bytes, target: ExpoTarget = TARGET):
    return read_csv(write(tmp_path, text), target)


def test_columns_map_onto_an_event(tmp_path: Path) -> None:
    bundle = read(
        tmp_path,
        HEADER + "m1,12 Juni 2025,14.30,15.00,bilateral meeting,planned,"
        'KSAD meets Iran,JIExpo,"Maruli Simanjuntak (host, Indonesia); Kioumars '
        'Heydari (guest, Iran)",,https://example.org/a https://example.org/b\n',
    )
    (event,) = bundle.events
    assert (event.key, event.date, event.start_time, event.end_time) == (
        "m1",
        dt.date(2025, 6, 12),
        dt.time(14, 30),
        dt.time(15, 0),
    )
    assert (event.kind, event.status, event.location) == ("bilateral_meeting", "planned", "JIExpo")
    assert [(p.person, p.role) for p in event.participants] == [
        ("maruli-simanjuntak", "host"),
        ("kioumars-heydari", "guest"),
    ]
    assert {p.key: p.country for p in bundle.people} == {
        "maruli-simanjuntak": "IDN",
        "kioumars-heydari": "IRN",
    }
    assert event.sources == ("https://example.org/a", "https://example.org/b")
    assert bundle.expo == EXPO


def test_semicolon_separated_with_bom_and_crlf(tmp_path: Path) -> None:
    text = "\ufefftitle;date;countries\r\nOpening;11/06/2025;Rusia; \r\n"
    (event,) = read(tmp_path, text).events
    assert event.title == "Opening" and event.date == dt.date(2025, 6, 11)


def test_country_column_adds_a_delegation_group(tmp_path: Path) -> None:
    bundle = read(tmp_path, 'title,date,countries\nTalks,2025-06-12,"RU; Iran"\n')
    assert [(p.name, p.kind, p.country) for p in bundle.people] == [
        ("Russia delegation", "group", "RUS"),
        ("Iran delegation", "group", "IRN"),
    ]


def test_date_only_cell_never_gains_a_time(tmp_path: Path) -> None:
    (event,) = read(tmp_path, "title,date\nTalks,Kamis 12 Juni 2025\n").events
    assert event.date == dt.date(2025, 6, 12) and event.start_time is None


def test_time_with_another_zone_moves_to_the_expo_zone(tmp_path: Path) -> None:
    (event,) = read(tmp_path, "title,date,time\nTalks,12 Juni 2025,10.00 WITA\n").events
    assert (event.date, event.start_time) == (dt.date(2025, 6, 12), dt.time(9, 0))


def test_date_range_for_an_undated_event(tmp_path: Path) -> None:
    (event,) = read(tmp_path, "title,date_from,date_to\nTalks,11 Juni 2025,14 Juni 2025\n").events
    assert (event.date, event.date_from, event.date_to) == (
        None,
        dt.date(2025, 6, 11),
        dt.date(2025, 6, 14),
    )


def test_without_key_column_the_key_is_a_stable_hash(tmp_path: Path) -> None:
    first = read(tmp_path, "title,date\nTalks,2025-06-12\n").events[0].key
    again = read(tmp_path, "date,title,location\n12 Juni 2025,Talks,Hall A\n").events[0].key
    assert first == again and first.startswith("csv-")


def test_exported_formula_guard_is_taken_off(tmp_path: Path) -> None:
    (event,) = read(tmp_path, "title,date\n'=HYPERLINK(1),2025-06-12\n").events
    assert event.title == "=HYPERLINK(1)"


def test_new_expo_spans_the_dates_of_its_rows(tmp_path: Path) -> None:
    bundle = read(
        tmp_path,
        "title,date\nA,2025-03-02\nB,2025-03-05\n",
        ExpoTarget(slug="spring", timezone="Europe/Paris"),
    )
    assert (
        bundle.expo.slug,
        bundle.expo.start_date,
        bundle.expo.end_date,
        bundle.expo.timezone,
    ) == ("spring", dt.date(2025, 3, 2), dt.date(2025, 3, 5), "Europe/Paris")


@pytest.mark.parametrize(
    "text, line, field, words",
    [
        (HEADER + ",31 Juni 2025,,,,,Talks,,,,\n", 2, "date", "not a valid date"),
        ("title,date\nA,2025-06-12\nB,2025-06-12\nC,2025-06-31\n", 4, "date", "not a valid"),
        ("title,countries\nA,Narnia\n", 2, "countries", "unknown country 'Narnia'"),
        ("title,participants\nA,Ann (host; Narnia)\n", 2, "participants", "unknown country"),
        ('title,participants\nA,"Ann (host, Atlantis)"\n', 2, "participants", "Atlantis"),
        ("title,time\nA,10.00\n", 2, "time", "needs a date"),
        ("title,date,time\nA,2025-06-12,25.00\n", 2, "time", "not"),
        ("title,date,kind\nA,2025-06-12,party\n", 2, "kind", "not one of"),
        ("title,date,status\nA,2025-06-12,rumoured\n", 2, "status", "not one of"),
        ("title,date,order\nA,2025-06-12,first\n", 2, "order", "whole number"),
        ("title,sources\nA,javascript:alert(1)\n", 2, "sources", "not an http(s) URL"),
        ("title,date\n,2025-06-12\n", 2, "title", "required"),
        ("key,title\nk,A\nk,B\n", 3, "key", "already on line 2"),
        ("title,date\nA,2025-06-12,extra\n", 2, None, "header has 2"),
        ('title,date\n"A,2025-06-12\n', 2, None, "not valid CSV"),
    ],
)
def test_bad_rows_are_refused_naming_line_and_field(
    tmp_path: Path, text: str, line: int, field: str | None, words: str
) -> None:
    with pytest.raises(IngestError) as caught:
        read(tmp_path, text)
    error = caught.value
    assert (error.line, error.field) == (line, field), str(error)
    assert words in str(error)
    assert str(error).startswith(f"{tmp_path / 'events.csv'}, line {line}")


@pytest.mark.parametrize(
    "data, words",
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"date,location\n2025-06-12,x\n", "'title' column"),
        (b"title,date\n", "no rows"),
        ("title,date\nRapat,12 Juni 2025\nCaf\xe9,2025-06-12\n".encode("latin-1"), "not UTF-8"),
        ("title,date\nA,2025-06-12\n".encode("utf-16"), "UTF-16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"title,summary\nA," + b"x" * 200_000 + b"\n", "field"),
        (b"title,title\nA,B\n", "twice"),
    ],
)
def test_broken_files_are_refused(tmp_path: Path, data: bytes, words: str) -> None:
    with pytest.raises(IngestError) as caught:
        read(tmp_path, data)
    assert words in str(caught.value)


def test_no_expo_at_all_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="--expo"):
        read(tmp_path, "title,date\nA,2025-06-12\n", ExpoTarget())


def test_new_expo_needs_a_dated_row(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no dated events"):
        read(tmp_path, "title\nA\n", ExpoTarget(slug="new"))


def big_csv(rows: int, *, broken_last: bool = False) -> str:
    lines = [HEADER.strip()]
    for i in range(rows):
        day = 11 + i % 4
        lines.append(
            f"k{i},{day} Juni 2025,{8 + i % 10:02d}.{i % 60:02d},,courtesy call,"
            f'happened,Meeting {i},Hall {i % 7},"Person {i % 300} (guest, '
            f'{("Iran", "Rusia", "Kanada", "IDN")[i % 4]})",,'
            f"https://example.org/{i % 50}"
        )
    if broken_last:
        lines[-1] = lines[-1].replace(f"{11 + (rows - 1) % 4} Juni", "31 Juni")
    return "\n".join(lines) + "\n"


def test_failed_import_leaves_the_database_byte_identical(tmp_path: Path) -> None:
    db = tmp_path / "expo.db"
    shutil.copyfile(SHIPPED_DB, db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    path = write(tmp_path, big_csv(3000, broken_last=True))
    store = open_store(db)
    try:
        target = ExpoTarget(slug="indodefence2025", lookup=lambda slug: None)
        with pytest.raises(IngestError) as caught:
            store.write_bundle(read_csv(path, target))
        assert caught.value.line == 3001 and caught.value.field == "date"
    finally:
        store.close()
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_brackets_inside_a_name_stay_in_the_name(tmp_path: Path) -> None:
    bundle = read(
        tmp_path,
        'title,participants\nA,"Bofors representative(s); Ellips Project(s) '
        'UK representative(s) (signatory, GBR)"\n',
    )
    assert [(p.name, p.country) for p in bundle.people] == [
        ("Bofors representative(s)", None),
        ("Ellips Project(s) UK representative(s)", "GBR"),
    ]
    assert [p.role for p in bundle.events[0].participants] == ["attendee", "signatory"]


def test_exported_csv_of_the_shipped_expo_reimports_without_adding(tmp_path: Path) -> None:
    import io

    from expo_tui.export import csv as csv_export
    from expo_tui.export.collect import Selection

    db = tmp_path / "expo.db"
    shutil.copyfile(SHIPPED_DB, db)
    store = open_store(db)
    try:
        expo = store.expos()[0]
        out = io.StringIO()
        csv_export.write(store, Selection(expo), out)
        path = write(tmp_path, out.getvalue())
        existing = ExpoRecord(
            slug=expo.slug,
            name=expo.name,
            start_date=expo.start_date,
            end_date=expo.end_date,
            timezone=expo.timezone,
        )
        bundle = read_csv(path, ExpoTarget(slug=expo.slug, lookup=lambda slug: existing))
        assert len(bundle.events) == 39
        by_key = {e.key: e for e in bundle.events}
        assert by_key["ID25-E16"].order == 2 and by_key["ID25-E16"].date == dt.date(2025, 6, 12)
        assert by_key["ID25-E26"].date is None and by_key["ID25-E26"].date_from is not None
    finally:
        store.close()
