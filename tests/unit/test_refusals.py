"""Files an adversary made that used to end in "unexpected <Error>", or were stored as garbage,
or were silently accepted with an impossible value: each is refused with one line that names
the file, the place (line or element) and the field, and the store stays byte-identical.

Every case here was reproduced against the release before this one (issue 12).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from expo_tui import cli

from ..conftest import SHIPPED_DB


def ics(*properties: str) -> bytes:
    """A one-VEVENT calendar with `properties` after a UID."""
    body = "\r\n".join(("UID:u1", *properties))
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\n"
        f"{body}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def csv(header: str, row: str) -> bytes:
    return f"{header}\n{row}\n".encode()


def document(event: dict[str, object] | None = None, **expo: object) -> bytes:
    """A project-format document with one event (changed by `event`) and its expo (by `expo`)."""
    record: dict[str, object] = {
        "key": "e1",
        "title": "Talks",
        "date": "2025-06-11",
        "sources": ["https://e.org/1"],
    }
    record.update(event or {})
    return json.dumps(
        {
            "format": "expo-tui",
            "version": 1,
            "expo": {
                "slug": "h",
                "name": "H",
                "start_date": "2025-06-11",
                "end_date": "2025-06-12",
                "timezone": "Asia/Jakarta",
                **expo,
            },
            "sources": [{"url": "https://e.org/1"}],
            "events": [record],
        }
    ).encode()


def frab(*, duration: str = "00:30", date: str = "2025-06-11", end: str = "2025-06-12") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><schedule><conference><acronym>c25</acronym>'
        f"<title>C</title><start>2025-06-11</start><end>{end}</end></conference>"
        f'<day index="1" date="{date}"><room name="A"><event guid="g1" id="1">'
        f"<start>10:00</start><duration>{duration}</duration><title>Talk</title></event>"
        "</room></day></schedule>"
    ).encode()


# (case, file name, content, fragments the one line of stderr must hold: the place and field)
CASES: list[tuple[str, str, bytes, tuple[str, ...]]] = [
    # iCalendar: a property RFC 5545 allows once, given twice, was stored as a Python list
    # ("[vText(b'First'), vText(b'Second')]") or failed with AttributeError / TypeError.
    ("ics-summary-twice", "x.ics", ics("SUMMARY:First", "SUMMARY:Second", "DTSTART:20250612T100000"), ("line 4", "'SUMMARY'", "more than once")),
    ("ics-dtstart-twice", "x.ics", ics("SUMMARY:T", "DTSTART:20250612T100000", "DTSTART:20250613T100000"), ("line 4", "'DTSTART'")),
    ("ics-duration-twice", "x.ics", ics("SUMMARY:T", "DTSTART:20250612T100000", "DURATION:PT1H", "DURATION:PT2H"), ("'DURATION'",)),
    ("ics-duration-is-a-date", "x.ics", ics("SUMMARY:T", "DTSTART:20250612T100000", "DURATION:19000101"), ("'DURATION'",)),
    ("ics-huge-order", "x.ics", ics("SUMMARY:T", "DTSTART:20250612T100000", "X-EXPO-TUI-ORDER:99999999999999999999999"), ("'X-EXPO-TUI-ORDER'",)),
    ("ics-superscript-order", "x.ics", ics("SUMMARY:T", "DTSTART:20250612T100000", "X-EXPO-TUI-ORDER:²"), ("'X-EXPO-TUI-ORDER'", "whole number")),
    ("ics-year-9999", "x.ics", ics("SUMMARY:T", "DTSTART;VALUE=DATE:99991231"), ("line 4", "'DTSTART'", "after 2200")),
    # CSV: int("²") raised ValueError; 10**22 overflowed SQLite's integer; 31/12/9999 made an
    # expo of 2.9 million days that hung the explorer.
    ("csv-superscript-order", "x.csv", csv("title,date,order", "T,2025-06-12,²"), ("line 2", "'order'", "whole number")),
    ("csv-huge-order", "x.csv", csv("title,date,order", "T,2025-06-12,99999999999999999999999"), ("line 2", "'order'")),
    ("csv-placeholder-date", "x.csv", csv("title,date", "T,31/12/9999"), ("line 2", "'date'", "after 2200")),
    ("csv-year-1850", "x.csv", csv("title,date", "T,1/1/1850"), ("line 2", "'date'", "before 1900")),
    ("csv-range-in-year-9999", "x.csv", csv("title,date_from,date_to", "T,2025-06-12,9999-12-31"), ("line 2", "'date_to'")),
    ("csv-span-of-years", "x.csv", b"title,date\nA,2025-06-12\nB,2027-06-12\n", ("line 3", "'date'", "at most 366")),
    # The project's JSON: the rules other readers keep, and three the store kept without
    # saying which file broke them.
    ("json-lone-surrogate", "x.json", document({"title": "T\ud800"}), ("events[0]", "'title'", "surrogate")),
    ("json-nul", "x.json", document({"title": "T\u0000x"}), ("events[0]", "'title'", "NUL")),
    ("json-huge-order", "x.json", document({"order": 10**22}), ("events[0]", "'order'")),
    ("json-5000-digit-order", "x.json", document({"order": 0}).replace(b'"order": 0', b'"order": ' + b"9" * 5000), ("not valid JSON",)),
    ("json-date-and-range", "x.json", document({"date_range": ["2025-06-11", "2025-06-12"]}), ("events[0]", "'date_range'", "not both")),
    ("json-end-without-start", "x.json", document({"end_time": "10:00"}), ("events[0]", "'end_time'")),
    ("json-reversed-range", "x.json", document({"date": None, "date_range": ["2025-06-12", "2025-06-11"]}), ("events[0]", "'date_range'")),
    ("json-year-9999", "x.json", document(end_date="9999-12-31"), ("expo", "'end_date'", "after 2200")),
    ("json-span-of-years", "x.json", document(end_date="2027-06-12"), ("expo", "'end_date'", "at most 366")),
    ("json-slug-with-escapes", "x.json", document(slug="h\x1b]52;c;eA==\x07"), ("expo", "'slug'", "not a slug")),
    # frab: "99999999999:00:00" overflowed timedelta; a day in year 9999 made a vast expo.
    ("frab-absurd-duration", "x.xml", frab(duration="99999999999:00:00"), ("event g1", "'duration'")),
    ("frab-day-in-9999", "x.xml", frab(date="9999-12-31"), ("day[1]", "'date'", "after 2200")),
    ("frab-span-of-years", "x.xml", frab(end="2031-01-01"), ("conference", "'end'", "at most 366")),
    # found by the fuzz test: a codec Python does not know ended in LookupError, a zone that
    # names a folder of the zone database ("Asia") or too long a file name in OSError
    ("frab-unknown-encoding", "x.xml", frab().replace(b"UTF-8", b"TF-8"), ("encoding",)),
    ("frab-zone-is-a-folder", "x.xml", frab().replace(b"</end>", b"</end><time_zone_name>Asia</time_zone_name>"), ("'time_zone_name'", "IANA")),
    ("json-zone-too-long", "x.json", document(timezone="x" * 300), ("expo", "'timezone'", "IANA")),
]  # fmt: skip


def _javascript_source(url: str) -> bytes:
    data = json.loads(document({"sources": [url]}))
    data["sources"] = [{"url": url}]
    return json.dumps(data).encode()


CASES += [
    # the JSON reader took any "URL"; the iCalendar export then wrote URL:javascript:...
    ("json-javascript-url", "x.json", _javascript_source("javascript:alert(1)"), ("sources[0]", "'url'")),
    ("json-file-url", "x.json", _javascript_source("file:///etc/passwd"), ("sources[0]", "'url'")),
    ("json-url-with-bidi", "x.json", _javascript_source("https://e.org/\u202egpj.exe"), ("sources[0]", "'url'")),
]  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Path:
    target = tmp_path / "expo.db"
    shutil.copyfile(SHIPPED_DB, target)
    return target


def import_refused(db: Path, path: Path, *extra: str) -> str:
    """Run `expo-tui import`, require a clean refusal, and return its one line of stderr."""
    before = hashlib.sha256(db.read_bytes()).digest()
    result = CliRunner().invoke(cli.main, ["import", str(path), "--db", str(db), *extra])
    assert result.exit_code == 1, (result.output, result.exception)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "unexpected" not in lines[0] and "Traceback" not in result.output, lines[0]
    assert hashlib.sha256(db.read_bytes()).digest() == before
    return lines[0]


@pytest.mark.parametrize(("case", "name", "content", "fragments"), CASES, ids=[c[0] for c in CASES])
def test_adversarial_file_is_refused_naming_file_place_and_field(
    tmp_path: Path, db: Path, case: str, name: str, content: bytes, fragments: tuple[str, ...]
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    line = import_refused(db, path, "--expo", "newexpo")
    assert str(path) in line, line
    for fragment in fragments:
        assert fragment in line, (case, fragment, line)


def test_a_slug_typed_with_escapes_is_a_usage_error(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(csv("title,date", "T,2025-06-12"))
    before = db.read_bytes()
    result = CliRunner().invoke(
        cli.main, ["import", str(path), "--db", str(db), "--expo", "x\x1b]0;pwned\x07"]
    )
    assert result.exit_code == 2 and "not a slug" in result.stderr
    assert "\x1b" not in result.stderr and db.read_bytes() == before


def test_a_huge_calendar_value_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    """icalendar took most of a minute over one 100 MB SUMMARY before the reader refused it
    as too long; the length is now known from the lines, before any parsing."""
    import time

    from expo_tui.ingest.common import ExpoTarget
    from expo_tui.ingest.errors import IngestError
    from expo_tui.ingest.ics_format import read_ics

    path = tmp_path / "x.ics"
    path.write_bytes(ics("SUMMARY:" + "x" * 30_000_000, "DTSTART:20250612T100000"))
    started = time.monotonic()
    with pytest.raises(IngestError, match=r"line 6, field 'SUMMARY': a value of over 100,000"):
        read_ics(path, ExpoTarget(slug="x"))
    assert time.monotonic() - started < 4.0
