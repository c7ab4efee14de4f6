"""iCalendar import: VEVENT mapping, time zones, all-day events, attendees and broken files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from expo_tui.ingest.common import ExpoTarget
from expo_tui.ingest.errors import IngestError
from expo_tui.ingest.ics_format import read_ics
from expo_tui.records import ExpoRecord

EXPO = ExpoRecord(
    slug="demo",
    name="Demo",
    start_date=dt.date(2025, 6, 11),
    end_date=dt.date(2025, 6, 14),
    timezone="Asia/Jakarta",
)
TARGET = ExpoTarget(slug="demo", lookup=lambda slug: EXPO if slug == "demo" else None)


def calendar(*events: str, head: str = "") -> str:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        + head
        + body
        + "END:VCALENDAR\r\n"
    )


def read(tmp_path: Path, text: str | bytes, target: ExpoTarget = TARGET):
    path = tmp_path / "cal.ics"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return read_ics(path, target)


def lines(*items: str) -> str:
    return "\r\n".join(items)


def test_tzid_is_converted_to_the_expo_zone(tmp_path: Path) -> None:
    bundle = read(
        tmp_path,
        calendar(
            lines(
                "UID:u1",
                "SUMMARY:Briefing",
                "DTSTART;TZID=Europe/Berlin:20250612T090000",
                "DTEND;TZID=Europe/Berlin:20250612T100000",
            )
        ),
    )
    (event,) = bundle.events
    assert (event.key, event.date, event.start_time, event.end_time) == (
        "u1",
        dt.date(2025, 6, 12),
        dt.time(14, 0),
        dt.time(15, 0),
    )


def test_utc_and_floating_times(tmp_path: Path) -> None:
    utc, floating = read(
        tmp_path,
        calendar(
            lines("UID:a", "SUMMARY:A", "DTSTART:20250611T230000Z"),
            lines("UID:b", "SUMMARY:B", "DTSTART:20250612T100000", "DURATION:PT90M"),
        ),
    ).events
    assert (utc.date, utc.start_time) == (dt.date(2025, 6, 12), dt.time(6, 0))
    assert (floating.date, floating.start_time, floating.end_time) == (
        dt.date(2025, 6, 12),
        dt.time(10, 0),
        dt.time(11, 30),
    )


def test_all_day_event_stays_date_only(tmp_path: Path) -> None:
    (event,) = read(
        tmp_path,
        calendar(
            lines(
                "UID:a",
                "SUMMARY:Public day",
                "DTSTART;VALUE=DATE:20250614",
                "DTEND;VALUE=DATE:20250615",
            )
        ),
    ).events
    assert (event.date, event.start_time, event.end_time) == (dt.date(2025, 6, 14), None, None)


def test_attendees_organizer_and_sources(tmp_path: Path) -> None:
    bundle = read(
        tmp_path,
        calendar(
            lines(
                "UID:a",
                "SUMMARY:Talks",
                "DTSTART;VALUE=DATE:20250612",
                "ORGANIZER;CN=Maruli Simanjuntak:mailto:ksad@example.org",
                'ATTENDEE;CN="Heydari, Kioumars";ROLE=REQ-PARTICIPANT;X-EXPO-TUI-COUNTRY=Iran:'
                "mailto:k@example.org",
                "ATTENDEE;CN=Iran delegation;CUTYPE=GROUP:mailto:iran@example.org",
                "URL:https://example.org/report",
                "DESCRIPTION:See https://example.org/second\\, and more.",
            )
        ),
    )
    (event,) = bundle.events
    assert [(p.person, p.role) for p in event.participants] == [
        ("maruli-simanjuntak", "host"),
        ("heydari-kioumars", "guest"),
        ("iran-delegation", "attendee"),
    ]
    people = {p.key: p for p in bundle.people}
    assert people["heydari-kioumars"].country == "IRN"
    assert people["iran-delegation"].kind == "group"
    assert event.sources == ("https://example.org/report", "https://example.org/second")
    assert event.summary == "See https://example.org/second, and more."


@pytest.mark.parametrize(
    "text, words",
    [
        ("", "empty"),
        ("hello world\r\n", "must start with BEGIN:VCALENDAR"),
        (calendar(lines("UID:a", "SUMMARY:A", "DTSTART:20250612T100000"))[:-30], "truncated"),
        (calendar(), "no VEVENT"),
        (calendar(lines("UID:a", "SUMMARY:A", "DTSTART:20250631T100000")), "field 'DTSTART'"),
        (
            calendar(lines("UID:a", "SUMMARY:A", "DTSTART;TZID=Mars/Olympus:20250612T100000")),
            "unknown timezone",
        ),
        (
            calendar(
                lines("UID:a", "SUMMARY:A", "ATTENDEE;X-EXPO-TUI-COUNTRY=Narnia;CN=X:mailto:x")
            ),
            "unknown country 'Narnia'",
        ),
        (calendar(lines("UID:a", "SUMMARY:" + "x" * 200_000)), "over 100,000"),
    ],
)
def test_broken_calendars_are_refused_with_a_located_error(
    tmp_path: Path, text: str, words: str
) -> None:
    with pytest.raises(IngestError) as caught:
        read(tmp_path, text)
    assert words in str(caught.value)
    assert str(caught.value).startswith(str(tmp_path / "cal.ics"))


def test_error_names_the_line_of_the_vevent(tmp_path: Path) -> None:
    text = calendar(lines("UID:a", "SUMMARY:A"), lines("UID:b", "DTSTART:20250699"))
    with pytest.raises(IngestError) as caught:
        read(tmp_path, text)
    assert caught.value.line == 8 and caught.value.element == "VEVENT 'b'"


@pytest.mark.parametrize(
    "data, words",
    [
        (calendar(lines("UID:a", "SUMMARY:Café")).encode("latin-1"), "not UTF-8"),
        (calendar(lines("UID:a", "SUMMARY:A")).encode("utf-16"), "UTF-16"),
        (b"\x00\x01BEGIN:VCALENDAR", "binary"),
    ],
)
def test_wrong_encodings_are_refused(tmp_path: Path, data: bytes, words: str) -> None:
    with pytest.raises(IngestError, match=words):
        read(tmp_path, data)


def test_new_expo_takes_the_calendars_zone_and_name(tmp_path: Path) -> None:
    bundle = read(
        tmp_path,
        calendar(
            lines("UID:a", "SUMMARY:A", "DTSTART;TZID=Europe/Paris:20250301T100000"),
            head="X-WR-CALNAME:Paris Air Forum\r\nX-WR-TIMEZONE:Europe/Paris\r\n",
        ),
        ExpoTarget(slug="paf"),
    )
    assert (bundle.expo.slug, bundle.expo.name, bundle.expo.timezone) == (
        "paf",
        "Paris Air Forum",
        "Europe/Paris",
    )
    assert bundle.events[0].start_time == dt.time(10, 0)


def test_events_without_links_cite_the_calendars_own_source(tmp_path: Path) -> None:
    linked = lines("UID:a", "SUMMARY:A", "DTSTART:20250612T090000", "URL:https://example.org/a")
    bare = lines("UID:b", "SUMMARY:B", "DTSTART:20250612T100000")
    published = "https://example.org/expo.ics"
    bundle = read(
        tmp_path,
        calendar(
            linked,
            bare,
            head=(
                f"X-WR-CALNAME:Expo programme\r\nSOURCE;VALUE=URI:{published}\r\n"
                "URL:https://example.org/programme\r\n"
            ),
        ),
    )
    assert [e.sources for e in bundle.events] == [("https://example.org/a",), (published,)]
    assert [(s.url, s.title) for s in bundle.sources if s.url == published] == [
        (published, "Expo programme")
    ]
    only_url = read(tmp_path, calendar(bare, head="URL:https://example.org/programme\r\n"))
    assert only_url.events[0].sources == ("https://example.org/programme",)
    neither = read(tmp_path, calendar(bare, head="URL:ftp://example.org/programme\r\n"))
    assert neither.events[0].sources == () and neither.sources == ()
