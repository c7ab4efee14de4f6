"""Export writers: RFC 5545 structure and escaping, formula-safe CSV, injection-proof Markdown,
and the shipped expo through every format."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator

import icalendar
import pytest

from expo_tui.export import csv as csv_export
from expo_tui.export import ics as ics_export
from expo_tui.export import json as json_export
from expo_tui.export import markdown as md_export
from expo_tui.export.collect import Selection
from expo_tui.export.text import csv_cell, md_text
from expo_tui.records import EventRecord, ParticipantRecord, PersonRecord
from expo_tui.store import Store, open_store

from ..conftest import tiny_bundle

HOSTILE = (
    "Talks, with; semicolons \\ backslashes\nand a new line, "
    + "a very long line " * 12
    + "[click](javascript:alert(1)) <img src=x onerror=y>"
)


def store_with(*events: EventRecord, people: tuple[PersonRecord, ...] = ()) -> Store:
    from dataclasses import replace

    bundle = tiny_bundle(extra_events=events)
    bundle = replace(bundle, people=bundle.people + people)
    store = open_store(None)
    store.write_bundle(bundle)
    return store


@pytest.fixture
def hostile_store() -> Iterator[Store]:
    store = store_with(
        EventRecord(
            key="e2",
            title=HOSTILE,
            date=dt.date(2025, 1, 10),
            start_time=dt.time(9, 30),
            end_time=dt.time(10, 15),
            summary="Line one;\nline two, with \\ and \x1b[31mred\x1b[0m",
            location="Hall A; Gate 3, north",
            participants=(
                ParticipantRecord("iran-delegation", "guest"),
                ParticipantRecord("ana", "host"),
            ),
            sources=("https://example.org/report",),
        ),
        EventRecord(
            key="e3",
            title="Sometime that week",
            date_from=dt.date(2025, 1, 10),
            date_to=dt.date(2025, 1, 12),
        ),
        EventRecord(key="e4", title="No day at all"),
        people=(
            PersonRecord(
                key="iran-delegation", name="Iran delegation", kind="group", country="IRN"
            ),
        ),
    )
    yield store
    store.close()


def selection(store: Store) -> Selection:
    expo = store.expo("demo")
    assert expo is not None
    return Selection(expo)


def ics_of(store: Store) -> bytes:
    out = io.BytesIO()
    ics_export.write(store, selection(store), out)
    return out.getvalue()


def test_ics_is_folded_escaped_and_parses_back_to_the_same_text(hostile_store: Store) -> None:
    data = ics_of(hostile_store)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert b"\r\n " in data  # long lines were folded
    assert b"SUMMARY:Talks\\, with\\; semicolons \\\\ backslashes\\nand" in data
    assert b"\x1b" not in data
    (event,) = [
        e
        for e in icalendar.Calendar.from_ical(data).walk("VEVENT")
        if str(e["X-EXPO-TUI-KEY"]) == "e2"
    ]
    assert str(event["SUMMARY"]) == HOSTILE
    assert str(event["LOCATION"]) == "Hall A; Gate 3, north"
    assert event["DTSTART"].dt == dt.datetime(2025, 1, 10, 9, 30, tzinfo=event["DTSTART"].dt.tzinfo)
    assert event["DTSTART"].params["TZID"] == "Asia/Jakarta"


def test_ics_has_a_vtimezone_for_the_expo_zone(hostile_store: Store) -> None:
    cal = icalendar.Calendar.from_ical(ics_of(hostile_store))
    assert [tz.tz_name for tz in cal.timezones] == ["Asia/Jakarta"]
    assert cal.get_missing_tzids() == set()


def test_ics_all_day_undated_attendees_and_sources(hostile_store: Store) -> None:
    events = {
        str(e["X-EXPO-TUI-KEY"]): e
        for e in icalendar.Calendar.from_ical(ics_of(hostile_store)).walk("VEVENT")
    }
    assert len(events) == 4
    date_only = events["e1"]
    assert date_only["DTSTART"].dt == dt.date(2025, 1, 11)
    assert date_only["DTEND"].dt == dt.date(2025, 1, 12)
    ranged = events["e3"]
    assert (ranged["DTSTART"].dt, ranged["DTEND"].dt) == (
        dt.date(2025, 1, 10),
        dt.date(2025, 1, 13),
    )
    assert str(ranged["X-EXPO-TUI-UNDATED"]) == "RANGE"
    assert str(events["e4"]["X-EXPO-TUI-UNDATED"]) == "NONE"
    assert str(events["e4"]["DESCRIPTION"]).startswith("Day not reported")
    attendees = events["e2"]["ATTENDEE"]
    group = next(a for a in attendees if a.params["CN"] == "Iran delegation")
    assert group.params["CUTYPE"] == "GROUP"
    host = next(a for a in attendees if a.params["CN"] == "Ana Example")
    assert host.params["ROLE"] == "CHAIR" and host.params["CUTYPE"] == "INDIVIDUAL"
    description = str(events["e2"]["DESCRIPTION"])
    assert description.endswith("Sources:\nhttps://example.org/report")


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", '=HYPERLINK("http://evil")'])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(text: str) -> None:
    assert csv_cell(text) == "'" + text
    store = store_with(
        EventRecord(key="f", title=text, date=dt.date(2025, 1, 10), location=text, summary=text)
    )
    try:
        out = io.StringIO()
        csv_export.write(store, selection(store), out)
    finally:
        store.close()
    rows = list(csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff"))))
    (row,) = [r for r in rows if r["key"] == "f"]
    assert row["title"] == row["location"] == row["summary"] == "'" + text


def test_csv_plain_text_is_left_alone() -> None:
    assert csv_cell("Opening ceremony") == "Opening ceremony"
    assert csv_cell("2025-06-12") == "2025-06-12"


CONTROL_SOUP = "a\x1b]52;c;ZXZpbA==\x07b\x1b[2J\x9b31m\x85\x00\u202ec\tname\r\nnext"
TERMINAL_ACTIVE = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_csv_cells_are_clean_as_well_as_formula_safe() -> None:
    assert csv_cell("\x1b[0m=HYPERLINK(1)") == "'=HYPERLINK(1)"  # cleaned first, then guarded
    assert csv_cell("\tx") == " x" and csv_cell("\rx") == "\nx"  # never a tab or CR to start
    store = store_with(
        EventRecord(
            key="soup",
            title=CONTROL_SOUP,
            date=dt.date(2025, 1, 10),
            location=CONTROL_SOUP,
            summary=CONTROL_SOUP,
            notes=CONTROL_SOUP,
        )
    )
    try:
        out = io.StringIO()
        csv_export.write(store, selection(store), out)
    finally:
        store.close()
    data = out.getvalue()
    assert not TERMINAL_ACTIVE.search(data.replace("\r\n", "\n"))
    rows = list(csv.DictReader(io.StringIO(data.lstrip("\ufeff"))))
    (row,) = [r for r in rows if r["key"] == "soup"]
    assert row["title"] == row["summary"] == row["notes"] == "ab\ufffd\ufffdc name\nnext"


def test_ics_and_markdown_are_clean_and_link_only_web_urls() -> None:
    from dataclasses import replace

    from expo_tui.records import SourceRecord

    bundle = tiny_bundle(title=CONTROL_SOUP)
    hostile_url = "javascript:alert(1)"
    bundle = replace(
        bundle,
        sources=(SourceRecord(url=hostile_url), *bundle.sources),
        events=tuple(
            replace(e, sources=(hostile_url, *e.sources), notes=CONTROL_SOUP) for e in bundle.events
        ),
    )
    store = open_store(None)
    try:
        store.write_bundle(bundle)
        ics = io.BytesIO()
        ics_export.write(store, selection(store), ics)
        brief = io.StringIO()
        md_export.write(store, selection(store), brief)
    finally:
        store.close()
    text = ics.getvalue().decode("utf-8")
    assert not TERMINAL_ACTIVE.search(text.replace("\r\n", "\n"))
    (event,) = icalendar.Calendar.from_ical(ics.getvalue()).walk("VEVENT")
    assert str(event["URL"]) == "https://example.org/report"  # the first source that is a link
    assert str(event["SUMMARY"]) == "ab\ufffd\ufffdc name\nnext"
    assert not TERMINAL_ACTIVE.search(brief.getvalue())
    assert "](<javascript" not in brief.getvalue()


def test_markdown_cannot_be_injected(hostile_store: Store) -> None:
    from markdown_it import MarkdownIt

    out = io.StringIO()
    md_export.write(hostile_store, selection(hostile_store), out)
    html = MarkdownIt("commonmark").render(out.getvalue())
    assert "<img" not in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and set(hrefs) == {"https://example.org/report"}
    assert "[click](javascript:alert(1))" in html  # shown literally
    assert "\x1b" not in out.getvalue()


@pytest.mark.parametrize(
    "title",
    [
        "# heading",
        "- item",
        "1. first",
        "> quote",
        "===",
        "**bold**",
        "`code`",
        "<b>x</b>",
        "![i](https://x.y/i.png)",
        "https://evil.example",
        "www.evil.example",
        "a@b.example",
    ],
)
def test_markdown_text_renders_literally(title: str) -> None:
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(md_text(title))
    assert html.startswith("<p>") and "<a" not in html and "<img" not in html
    assert "<b>" not in html and "<code>" not in html and "<strong>" not in html


def test_shipped_expo_exports_in_every_format(shipped: Store) -> None:
    sel = Selection(shipped.expos()[0])
    data = io.BytesIO()
    assert ics_export.write(shipped, sel, data) == 39
    assert len(icalendar.Calendar.from_ical(data.getvalue()).walk("VEVENT")) == 39
    doc = json_export.document(shipped, sel)
    assert (
        len(doc["events"]),
        len(doc["delegations"]),
        len(doc["exhibitors"]),
        len(doc["figures"]),
    ) == (39, 14, 35, 26)
    text = io.StringIO()
    assert csv_export.write(shipped, sel, text) == 39
    brief = io.StringIO()
    assert md_export.write(shipped, sel, brief) == 39
    assert "## Day 2 · Thursday 12 June 2025" in brief.getvalue()
    assert "**Who met whom:**" in brief.getvalue()


def test_day_and_country_narrow_the_export(shipped: Store) -> None:
    expo = shipped.expos()[0]
    doc = json_export.document(shipped, Selection(expo, "2025-06-12", "RUS"))
    assert [e["key"] for e in doc["events"]] == ["ID25-E17"]
    assert doc["delegations"] == [] and doc["figures"] == []
    people = {p["key"] for p in doc["people"]}
    assert people == {p["person"] for p in doc["events"][0]["participants"]}
