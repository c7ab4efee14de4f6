"""Fuzzing every reader through the real import (hypothesis, bounded).

Each example is a file an adversary could hand over: a well-formed CSV, iCalendar, frab
schedule or project JSON whose fields hold hostile values (placeholder and impossible dates,
huge or superscript numbers, escapes and bidi controls, surrogates, NUL, non-web URLs, repeated
properties, absurd durations), sometimes with its bytes then cut or spliced. Whatever it is, the
import either lands or is refused, and:

- a refusal is an IngestError or a StoreError whose one-line message starts with the file's
  path, never another exception (the CLI's "unexpected <Error>"), and the store's file and
  folder are byte-identical afterwards;
- a landing leaves a store `damage()` finds sound, with no fewer rows in any table than before,
  and with the richer records it already held (a person's rank, a source's publisher) intact;
- no example takes more than a few seconds (a hang fails the test).

FUZZ_EXAMPLES (per reader) sets the size; the suite runs a small, fixed (derandomised) set.
FUZZ_REPORT=path writes the figures docs/reliability.md quotes.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import signal
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expo_tui.ingest.errors import IngestError
from expo_tui.records import ExpoBundle, ExpoRecord, PersonRecord, SourceRecord
from expo_tui.store import StoreError, open_store
from expo_tui.workflows.importing import ImportRequest, import_files

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
SECONDS_PER_EXAMPLE = 10  # far above any real example's time: only a hang reaches it
BASE_URL = "https://base.example/report"
FIGURES: Counter[str] = Counter()  # what the runs did, for FUZZ_REPORT

# Values an adversary tries, mixed with arbitrary short text and numbers.
NASTY = [
    "", " ", "0", "-1", "1", "3", "²", "١٢", "99999999999999999999999", "1e309", "NaN",
    "9999-12-31", "0001-01-01", "31/12/9999", "1/1/1850", "2025-02-30", "2025-06-12",
    "12 Juni 2025", "2025-06-12T10:00:00+07:00", "20250612", "20250612T100000Z", "99991231",
    "25:00", "23:59", "10.00 WITA", "-5", "PT1H", "-P1D", "P99999999D", "PT-5H", "99:99",
    "99999999999:00:00", "00:30", "javascript:alert(1)", "file:///etc/passwd", BASE_URL,
    "https://e.example/\u202egpj.exe", "https://e.example/a b", "https://e.example/ok",
    "\x1b]52;c;ZXZpbA==\x07", "\x1b[2J", "\u202e", "\x85", "\ud800", "\x00", "[b]x[/b]",
    "Agus Subiyanto", "Agus Subiyanto (host, IDN)", "Atlantis", "RUS", "Rusia", "host",
    "bilateral meeting", "planned", "x" * 300, "Asia/Nowhere", "Asia/Jakarta", "UTC", '"', ";",
]  # fmt: skip
TEXT = st.sampled_from(NASTY) | st.text(max_size=12) | st.integers(-10, 10**12).map(str)
WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20)

# What each field plausibly holds: most fields of an example are plausible, so that the
# hostile one gets past the others into the code behind them.
PLAUSIBLE: dict[str, st.SearchStrategy[str]] = {
    "date": st.sampled_from(["2025-06-12", "12/6/2025", "Kamis, 12 Juni 2025", "13 June 2025"]),
    "time": st.sampled_from(["10:00", "14.30", "2pm", "10.00 WITA", "00:30"]),
    "end_time": st.sampled_from(["11:00", "15:00", "23:59"]),
    "kind": st.sampled_from(["bilateral meeting", "opening", "mou_signing", "other"]),
    "status": st.sampled_from(["happened", "planned", "unconfirmed"]),
    "participants": st.sampled_from(
        ["Agus Subiyanto (host, IDN)", "Ana (guest, Canada); Bob", "Agus Subiyanto", "TAIS (x)"]
    ),
    "countries": st.sampled_from(["Iran", "RU", "Canada", "Kanada"]),
    "sources": st.sampled_from([BASE_URL, "https://e.example/ok https://e.example/2"]),
    "order": st.sampled_from(["1", "2", "3"]),
    "date_from": st.just("2025-06-11"),
    "date_to": st.just("2025-06-14"),
    "title": WORDS.filter(str.strip),
    "key": st.sampled_from(["k1", "k2", "ID25-E01"]),
}


def value(field: str, hostile_in: int = 5) -> st.SearchStrategy[str]:
    """A plausible value of `field`, or (one time in `hostile_in`) a hostile one."""
    plausible = PLAUSIBLE.get(field, WORDS)
    return st.integers(1, hostile_in).flatmap(lambda n: TEXT if n == 1 else plausible)


def _writable(text: str) -> str:
    """Text files cannot hold lone surrogates; JSON can (escaped), the others cannot."""
    return text.encode("utf-8", "replace").decode("utf-8")


CSV_COLUMNS = [
    "key", "time", "end_time", "kind", "status", "location", "participants", "countries",
    "sources", "summary", "notes", "order", "order_scope", "date_from", "date_to", "junk",
]  # fmt: skip


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    columns = ["title", "date"] if draw(st.integers(0, 9)) else ["date"]
    columns += draw(st.lists(st.sampled_from(CSV_COLUMNS), max_size=6, unique=True))
    rows = [
        [_writable(draw(value(c, hostile_in=12))) for c in columns]
        for _ in range(draw(st.integers(1, 3)))
    ]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


ICS_PLAUSIBLE = {
    "UID": "u1", "SUMMARY": "Talks", "DTSTART": "20250612T100000",
    "DTSTART;VALUE=DATE": "20250612", "DTSTART;TZID=Europe/Berlin": "20250612T100000",
    "DTEND": "20250612T110000", "DURATION": "PT1H", "LOCATION": "Hall A",
    "DESCRIPTION": "Talks.\\n\\nSources:\\nhttps://e.example/ok", "COMMENT": "a note",
    "URL": BASE_URL, "ATTACH": "https://e.example/ok", "CATEGORIES": "bilateral_meeting",
    "STATUS": "TENTATIVE", "RECURRENCE-ID": "20250613T100000",
    "ORGANIZER;CN=Agus Subiyanto": "mailto:agus@example.org",
    "ATTENDEE;CN=Ana;ROLE=CHAIR;CUTYPE=GROUP": "urn:uuid:1", "ATTENDEE": "mailto:a@example.org",
    "X-EXPO-TUI-KEY": "k1", "X-EXPO-TUI-KIND": "opening", "X-EXPO-TUI-STATUS": "planned",
    "X-EXPO-TUI-ORDER": "2", "X-EXPO-TUI-ORDER-SCOPE": "chain", "X-EXPO-TUI-UNDATED": "RANGE",
    "ATTENDEE;X-EXPO-TUI-COUNTRY=Iran": "urn:uuid:2",
}  # fmt: skip
ICS_CALENDAR = {"X-WR-CALNAME": "Cal", "X-WR-TIMEZONE": "Asia/Jakarta", "SOURCE": BASE_URL}


@st.composite
def ics_files(draw: st.DrawFn) -> bytes:
    def lines(plausible: dict[str, str]) -> list[str]:
        out = []
        for name in draw(st.lists(st.sampled_from(sorted(plausible)), max_size=6)):
            text = draw(st.just(plausible[name]) | value(name, hostile_in=3))
            out.append(f"{name}:{_writable(text).replace(chr(13), ' ').replace(chr(10), ' ')}")
        return out

    events = []
    for n in range(draw(st.integers(1, 2))):
        base = [f"UID:u{n}", "SUMMARY:Talks", "DTSTART:20250612T100000"]
        kept = [line for line in base if draw(st.integers(0, 7))]
        events += ["BEGIN:VEVENT", *kept, *lines(ICS_PLAUSIBLE), "END:VEVENT"]
    text = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//f//EN",
                        *lines(ICS_CALENDAR), *events, "END:VCALENDAR", ""])  # fmt: skip
    return text.encode("utf-8")


@st.composite
def frab_files(draw: st.DrawFn) -> bytes:
    def pick(default: str) -> str:
        return _writable(
            draw(st.integers(0, 11).flatmap(lambda n: st.just(default) if n else TEXT))
        )

    def text(default: str) -> str:
        return escape(pick(default))

    def attr(default: str) -> str:
        return quoteattr(pick(default))

    events = "".join(
        f"<event guid={attr(f'g{n}')} id={attr(str(n))}><date>{text('2025-06-11T10:00:00+07:00')}"
        f"</date><start>{text('10:00')}</start><duration>{text('00:30')}</duration>"
        f"<title>{text('Talk')}</title><url>{text('https://e.example/ok')}</url>"
        f"<persons><person>{text('Agus Subiyanto')}</person></persons>"
        f"<links><link href={attr(BASE_URL)}>{text('slides')}</link></links></event>"
        for n in range(draw(st.integers(1, 2)))
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><schedule><conference>'
        f"<acronym>{text('c25')}</acronym><title>{text('C')}</title>"
        f"<start>{text('2025-06-11')}</start><end>{text('2025-06-12')}</end>"
        f"<day_change>{text('04:00')}</day_change><time_zone_name>{text('Asia/Jakarta')}"
        f"</time_zone_name><base_url>{text(BASE_URL)}</base_url></conference>"
        f'<day index="1" date={attr("2025-06-11")} start={attr("2025-06-11T08:00:00+07:00")} '
        f"end={attr('2025-06-12T04:00:00+07:00')}><room name={attr('A')}>{events}</room></day>"
        "</schedule>"
    ).encode()


JSON_VALUES = (
    TEXT
    | st.none()
    | st.booleans()
    | st.integers(-(10**25), 10**25)
    | st.floats()
    | st.lists(TEXT, max_size=2)
    | st.dictionaries(TEXT, TEXT, max_size=2)
)


JSON_PLAUSIBLE: dict[str, st.SearchStrategy[Any]] = {
    "date": st.sampled_from(["2025-06-12", "2025-06-14"]),
    "start_date": st.just("2025-06-10"),
    "end_date": st.sampled_from(["2025-06-13", "2025-06-20"]),
    "date_range": st.just(["2025-06-11", "2025-06-12"]),
    "start_time": st.sampled_from(["10:00", "23:30"]),
    "end_time": st.just("11:00"),
    "day_change": st.just("04:00"),
    "order": st.integers(1, 5),
    "kind": st.sampled_from(["opening", "group", "person", "launch"]),
    "status": st.sampled_from(["planned", "happened"]),
    "country": st.sampled_from(["Indonesia", "RUS", "Kanada"]),
    "timezone": st.sampled_from(["UTC", "Europe/Berlin"]),
    "participants": st.just([{"person": "p1", "role": "guest", "note": "n"}]),
    "sources": st.just(["https://e.example/ok"]),
    "variants": st.just(["P."]),
    "published": st.just("2025-06-01"),
    "url": st.just("https://e.example/ok"),
}


@st.composite
def json_files(draw: st.DrawFn) -> bytes:
    def record(base: dict[str, Any], fields: list[str]) -> dict[str, Any]:
        changed = dict(base)
        for name in draw(st.lists(st.sampled_from(fields), max_size=3)):
            hostile = draw(st.integers(0, 3)) == 0  # one field in four
            changed[name] = draw(JSON_VALUES if hostile else JSON_PLAUSIBLE.get(name, WORDS))
        return changed

    document = {
        "format": "expo-tui",
        "version": 1,
        "expo": record(
            {"slug": "fz", "name": "Fuzz", "start_date": "2025-06-11", "end_date": "2025-06-12",
             "timezone": "Asia/Jakarta"},
            ["slug", "name", "start_date", "end_date", "timezone", "country", "day_change",
             "sources", "venue"],
        ),
        "sources": [record({"url": "https://e.example/ok"}, ["url", "publisher", "published"])],
        "people": [record({"key": "p1", "name": "P"}, ["key", "name", "kind", "variants", "country", "rank"])],
        "events": [
            record(
                {"key": "e1", "title": "T", "date": "2025-06-11", "sources": ["https://e.example/ok"],
                 "participants": [{"person": "p1", "role": "host"}]},
                ["key", "title", "kind", "status", "date", "date_range", "start_time", "end_time",
                 "order", "order_scope", "participants", "sources", "summary"],
            )
        ],
        "delegations": draw(st.lists(st.builds(dict, country=value("countries", 4), head=st.none() | st.just("p1")), max_size=1)),
        "figures": draw(st.lists(st.builds(dict, key=value("key", 4), metric=value("title", 4), value=st.integers() | value("title", 4)), max_size=1)),
    }  # fmt: skip
    return json.dumps(document).encode("utf-8")


@st.composite
def spliced(draw: st.DrawFn, files: st.SearchStrategy[bytes]) -> bytes:
    """A file, mostly as made, sometimes cut short or with a few bytes put in or taken out."""
    data = draw(files)
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
        at = draw(st.integers(0, len(data)))
        if draw(st.booleans()):
            data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
        else:
            data = data[:at] + data[at + draw(st.integers(1, 8)) :]
    return data


READERS = {
    "csv": (".csv", csv_files()),
    "ics": (".ics", ics_files()),
    "frab": (".xml", frab_files()),
    "json": (".json", json_files()),
}


@pytest.fixture(scope="module")
def base_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small store with an expo the files may land in and records richer than any file."""
    db = tmp_path_factory.mktemp("base") / "expo.db"
    store = open_store(db, create=True)
    store.write_bundle(
        ExpoBundle(
            expo=ExpoRecord(
                slug="base",
                name="Base Expo",
                start_date=dt.date(2025, 6, 11),
                end_date=dt.date(2025, 6, 14),
                timezone="Asia/Jakarta",
                sources=(BASE_URL,),
            ),
            sources=(SourceRecord(BASE_URL, publisher="ANTARA", title="Report"),),
            people=(
                PersonRecord(
                    "agus-subiyanto", "Agus Subiyanto", rank="General", variants=("Agus S.",)
                ),
            ),
        )
    )
    store.close()
    return db


# The facts an import writes (the summary and search tables follow from them, and may shrink
# as counts move between days or FTS5 merges its segments).
FACT_TABLES = (
    "sources", "expos", "expo_sources", "organizations", "people", "person_variants",
    "delegations", "delegation_members", "delegation_sources", "events", "event_participants",
    "event_sources", "event_countries", "exhibitors", "exhibitor_sources", "figures",
    "figure_sources",
)  # fmt: skip


def _row_counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in FACT_TABLES}
    finally:
        conn.close()


def _folder(db: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in db.parent.iterdir()}


@contextmanager
def no_hang(seconds: int) -> Iterator[None]:
    """Fail, rather than hang the suite, when an example runs past `seconds`."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"an import ran past {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _kept_what_it_knew(db: Path, reader: str) -> bool:
    """Whether the richer records stand. A CSV, a calendar or a schedule knows a person's or a
    source's name or URL at most, and a CSV or a calendar nothing of the expo; the project's
    JSON says whatever it says, and a schedule its conference's title."""
    store = open_store(db, readonly=True)
    try:
        person = store.person("agus-subiyanto")
        expo = store.expo("base")
        sources = store.expo_sources(expo) if expo else ()
        if reader == "json" or expo is None or person is None:
            return expo is not None and person is not None
        knew_expo = reader == "frab" or (expo.name, expo.timezone) == ("Base Expo", "Asia/Jakarta")
        return (
            knew_expo
            and person.rank == "General"
            and "Agus S." in person.variants
            and any(s.url == BASE_URL and s.publisher == "ANTARA" for s in sources)
        )
    finally:
        store.close()


@pytest.mark.parametrize("reader", sorted(READERS))
def test_any_file_imports_cleanly_or_is_refused_cleanly(
    reader: str, base_store: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    suffix, files = READERS[reader]
    work = tmp_path_factory.mktemp(f"fuzz-{reader}")

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=os.environ.get("FUZZ_EXAMPLES") is None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(data=spliced(files))
    def one_file(data: bytes) -> None:
        folder = work / "store"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        db = folder / "expo.db"
        shutil.copyfile(base_store, db)
        path = work / f"input{suffix}"
        path.write_bytes(data)
        before, counts = _folder(db), _row_counts(db)
        FIGURES[f"{reader} inputs"] += 1
        request = ImportRequest(files=(path,), db=str(db), expo_slug="base")
        try:
            with no_hang(SECONDS_PER_EXAMPLE):
                import_files(request)
        except (IngestError, StoreError) as error:
            FIGURES[f"{reader} refused"] += 1
            message = str(error)
            assert message.startswith(str(path)), message
            assert "Traceback" not in message
            assert _folder(db) == before, f"a refused file changed the store: {message}"
            return
        FIGURES[f"{reader} imported"] += 1
        after = _row_counts(db)
        lost = {t: counts[t] - after.get(t, 0) for t in counts if after.get(t, 0) < counts[t]}
        FIGURES["rows lost"] += sum(lost.values())
        assert not lost, f"an import removed rows: {lost}"
        store = open_store(db)
        try:
            assert store.damage() == []
        finally:
            store.close()
        assert _kept_what_it_knew(db, reader), "a file that knows less erased what the store knew"

    one_file()
    if report := os.environ.get("FUZZ_REPORT"):
        Path(report).write_text(json.dumps(dict(FIGURES), indent=1), encoding="utf-8")
