"""The hostile-file catalogue of docs/reliability.md: every broken file for every format is
refused with one line naming the file, exit status 1, and a byte-identical database.

Each case is a file a user could plausibly be handed: empty, cut off mid-record, binary, in the
wrong encoding, with a BOM, with a huge field, nested absurdly deep, or well-formed but
breaking the format's rules.
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

HUGE = "x" * 2_000_000

VALID_CSV = (
    "key,date,title,kind,countries,source_url\nk1,2025-06-12,Talks,other,Canada,https://e.org/1\n"
)
VALID_ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:u1\r\n"
    "DTSTAMP:20250601T000000Z\r\nDTSTART;VALUE=DATE:20250612\r\nSUMMARY:Talks\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)
VALID_FRAB = (
    '<?xml version="1.0" encoding="UTF-8"?><schedule><conference><acronym>c25</acronym>'
    "<title>C</title><start>2025-06-11</start><end>2025-06-12</end><days>2</days>"
    "<time_zone_name>Asia/Jakarta</time_zone_name></conference>"
    '<day index="1" date="2025-06-11" start="2025-06-11T08:00:00+07:00" '
    'end="2025-06-12T04:00:00+07:00"><room name="A"><event guid="g1" id="1">'
    "<date>2025-06-11T10:00:00+07:00</date><start>10:00</start><duration>00:30</duration>"
    "<room>A</room><title>Talk</title><type>talk</type><persons/><links/></event></room></day>"
    "</schedule>"
)


def _json_document(**changes: object) -> str:
    document = {
        "format": "expo-tui",
        "version": 1,
        "expo": {
            "slug": "h",
            "name": "H",
            "start_date": "2025-06-11",
            "end_date": "2025-06-12",
            "timezone": "Asia/Jakarta",
        },
        "sources": [{"url": "https://e.org/1"}],
        "events": [
            {"key": "e1", "title": "T", "date": "2025-06-11", "sources": ["https://e.org/1"]}
        ],
    }
    document.update(changes)
    return json.dumps(document)


def _truncated(valid: str) -> bytes:
    """The file cut off inside its first record, as an interrupted download leaves it."""
    cut = valid.index("Talk") if "Talk" in valid else len(valid) * 2 // 3
    return valid.encode()[:cut]


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    "<schedule><conference><title>&lol3;</title></conference></schedule>"
)
XXE = (
    '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    "<schedule><conference><title>&x;</title></conference></schedule>"
)

# (case id, format, file name, content as bytes)
CATALOGUE: list[tuple[str, str, str, bytes]] = []
for fmt, name, valid in (
    ("json", "x.json", _json_document()),
    ("csv", "x.csv", VALID_CSV),
    ("ics", "x.ics", VALID_ICS),
    ("frab", "x.xml", VALID_FRAB),
):
    CATALOGUE += [
        (f"{fmt}-empty", fmt, name, b""),
        (f"{fmt}-truncated", fmt, name, _truncated(valid)),
        (f"{fmt}-binary", fmt, name, bytes(range(256)) * 40),
        (f"{fmt}-latin1", fmt, name, valid.replace("T", "Tö", 1).encode("latin-1")),
        (f"{fmt}-utf16-no-bom", fmt, name, valid.encode("utf-16-le")),
        (f"{fmt}-nul-bytes", fmt, name, valid.encode().replace(b"T", b"T\x00", 1)),
    ]
CATALOGUE += [
    (
        "json-huge-field",
        "json",
        "x.json",
        _json_document(
            events=[{"key": "e1", "title": HUGE, "sources": ["https://e.org/1"]}]
        ).encode(),
    ),
    ("json-deeply-nested", "json", "x.json", _nested(100_000).encode()),
    ("json-wrong-format-name", "json", "x.json", _json_document(format="other").encode()),
    (
        "json-unknown-country",
        "json",
        "x.json",
        _json_document(
            delegations=[{"country": "Atlantis", "sources": ["https://e.org/1"]}]
        ).encode(),
    ),
    (
        "json-invalid-date",
        "json",
        "x.json",
        _json_document(events=[{"key": "e", "title": "T", "date": "2025-06-31"}]).encode(),
    ),
    (
        "json-uncited-source",
        "json",
        "x.json",
        _json_document(
            events=[{"key": "e", "title": "T", "sources": ["https://nowhere"]}]
        ).encode(),
    ),
    ("json-wrong-type", "json", "x.json", _json_document(events={"key": "e"}).encode()),
    ("csv-huge-field", "csv", "x.csv", f"key,date,title\nk,2025-06-12,{HUGE}\n".encode()),
    ("csv-31-juni", "csv", "x.csv", b"key,date,title\nk,31 Juni 2025,T\n"),
    (
        "csv-unknown-country",
        "csv",
        "x.csv",
        b"key,date,title,countries\nk,2025-06-12,T,Atlantis\n",
    ),
    ("csv-unknown-kind", "csv", "x.csv", b"key,date,title,kind\nk,2025-06-12,T,party\n"),
    ("csv-no-title-column", "csv", "x.csv", b"key,date\nk,2025-06-12\n"),
    ("csv-bom-then-bad-date", "csv", "x.csv", "\ufeffkey;date;title\nk;2025-13-01;T\n".encode()),
    ("ics-no-vcalendar", "ics", "x.ics", b"BEGIN:VEVENT\r\nEND:VEVENT\r\n"),
    ("ics-bad-dtstart", "ics", "x.ics", VALID_ICS.replace("20250612", "20250631").encode()),
    ("ics-huge-summary", "ics", "x.ics", VALID_ICS.replace("Talks", HUGE).encode()),
    ("frab-billion-laughs", "frab", "x.xml", LAUGHS.encode()),
    ("frab-external-entity", "frab", "x.xml", XXE.encode()),
    (
        "frab-bad-date",
        "frab",
        "x.xml",
        VALID_FRAB.replace('date="2025-06-11"', 'date="2025-06-31"').encode(),
    ),
    ("frab-no-conference", "frab", "x.xml", b"<schedule></schedule>"),
    ("frab-deeply-nested", "frab", "x.xml", ("<a>" * 50_000 + "</a>" * 50_000).encode()),
]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    target = tmp_path / "expo.db"
    shutil.copyfile(SHIPPED_DB, target)
    return target


@pytest.mark.parametrize(
    ("case", "fmt", "name", "content"), CATALOGUE, ids=[c[0] for c in CATALOGUE]
)
def test_hostile_file_is_refused_cleanly(
    tmp_path: Path, db: Path, case: str, fmt: str, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = hashlib.sha256(db.read_bytes()).digest()
    result = CliRunner().invoke(
        cli.main,
        ["import", str(path), "--db", str(db), "--format", fmt, "--expo", "indodefence2025"],
    )
    assert result.exit_code == 1, (case, result.output, result.exception)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, (case, result.stderr)
    assert name in lines[0], (case, lines[0])
    assert "Traceback" not in result.output
    assert hashlib.sha256(db.read_bytes()).digest() == before, case
