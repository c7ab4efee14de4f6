"""iCalendar quirks met in real public calendars: each is read its one sensible way and reported
as a warning (refused under --strict); any calendar the library parses imports or gives one
line, never a traceback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expo_tui.ingest.common import ExpoTarget
from expo_tui.ingest.errors import IngestError
from expo_tui.ingest.ics_format import NO_TITLE, read_ics
from expo_tui.ingest.warnings import WarningLog

from .test_import_ics import TARGET, calendar, lines

NEW = ExpoTarget(slug="camp")  # a new expo: the calendar must say its zone, or be told


def read(tmp_path: Path, text: str, target: ExpoTarget = TARGET, *, strict: bool = False):  # type: ignore[no-untyped-def]
    path = tmp_path / "cal.ics"
    path.write_text(text, encoding="utf-8")
    log = WarningLog(strict=strict)
    return read_ics(path, target, log), log.warnings


def test_an_unquoted_comma_in_cn_is_one_name_and_a_warning(tmp_path: Path) -> None:
    bundle, warnings = read(
        tmp_path,
        calendar(
            lines(
                "UID:a",
                "SUMMARY:Panel",
                "DTSTART:20250612T100000",
                "ORGANIZER;CN=Valerio Lupi, Gabriele Zuddas:MAILTO:info@example.org",
            )
        ),
    )
    (person,) = bundle.people
    assert person.name == "Valerio Lupi, Gabriele Zuddas"
    assert bundle.events[0].participants[0].role == "host"
    (warning,) = warnings
    assert warning.field == "ORGANIZER;CN" and warning.line == 4
    assert "unquoted comma" in str(warning)


def test_an_empty_summary_is_an_untitled_event_not_a_refusal(tmp_path: Path) -> None:
    bundle, warnings = read(
        tmp_path, calendar(lines("UID:a", "SUMMARY:", "DTSTART:20250612T100000"))
    )
    assert bundle.events[0].title == NO_TITLE
    assert [w.field for w in warnings] == ["SUMMARY"]


def test_a_uid_shared_by_different_events_keeps_each_under_its_own_stable_key(
    tmp_path: Path,
) -> None:
    text = calendar(
        lines("UID:46939", "SUMMARY:Opening", "DTSTART:20250612T090000"),
        lines("UID:46939", "SUMMARY:Keynote", "DTSTART:20250612T100000"),
        lines("UID:46939", "SUMMARY:Workshop", "DTSTART:20250612T100000"),
    )
    bundle, warnings = read(tmp_path, text)
    keys = [e.key for e in bundle.events]
    assert [e.title for e in bundle.events] == ["Opening", "Keynote", "Workshop"]
    assert len(set(keys)) == 3 and all(k.startswith("46939#") for k in keys)
    assert read(tmp_path, text)[0].events == bundle.events  # the same keys on every import
    (warning,) = warnings
    assert "shared by 3 different events" in warning.problem and warning.field == "UID"


def test_the_same_event_listed_twice_is_imported_once(tmp_path: Path) -> None:
    event = lines("UID:x", "SUMMARY:Talk", "DTSTART:20250612T100000")
    bundle, warnings = read(tmp_path, calendar(event, event))
    assert [e.key for e in bundle.events] == ["x"]
    assert "listed twice" in warnings[0].problem


def test_utc_times_in_a_calendar_without_a_zone_are_said_to_be_utc(tmp_path: Path) -> None:
    bundle, warnings = read(
        tmp_path, calendar(lines("UID:a", "SUMMARY:A", "DTSTART:20250612T100000Z")), NEW
    )
    assert bundle.expo.timezone == "UTC"
    assert bundle.events[0].start_time == dt.time(10, 0)
    assert "times are in UTC" in warnings[0].problem


def test_floating_times_without_any_zone_are_said_to_be_kept_as_written(tmp_path: Path) -> None:
    _, warnings = read(
        tmp_path, calendar(lines("UID:a", "SUMMARY:A", "DTSTART:20250612T100000")), NEW
    )
    assert "kept as written" in warnings[0].problem


def test_a_vtimezone_written_as_a_property_names_the_zone(tmp_path: Path) -> None:
    # as a real camp's calendar has it: "VTIMEZONE: Europe/Rome" on a line of its own
    text = calendar(
        lines("UID:a", "SUMMARY:A", "DTSTART:20240915T130000Z"), head="VTIMEZONE: Europe/Rome\r\n"
    )
    bundle, warnings = read(tmp_path, text, NEW)
    assert bundle.expo.timezone == "Europe/Rome"
    assert bundle.events[0].start_time == dt.time(15, 0)  # 13:00 UTC is 15:00 in Rome
    assert warnings[0].field == "VTIMEZONE"


def test_the_events_tzid_names_the_zone_of_a_calendar_that_names_none(tmp_path: Path) -> None:
    bundle, warnings = read(
        tmp_path,
        calendar(lines("UID:a", "SUMMARY:A", "DTSTART;TZID=Europe/Berlin:20250612T100000")),
        NEW,
    )
    assert bundle.expo.timezone == "Europe/Berlin"
    assert bundle.events[0].start_time == dt.time(10, 0)
    assert "TZID" in warnings[0].problem


def test_x_wr_timezone_names_the_zone_without_a_warning(tmp_path: Path) -> None:
    bundle, warnings = read(
        tmp_path,
        calendar(
            lines("UID:a", "SUMMARY:A", "DTSTART:20250612T080000Z"),
            head="X-WR-TIMEZONE:Europe/Berlin\r\n",
        ),
        NEW,
    )
    assert (bundle.expo.timezone, bundle.events[0].start_time) == ("Europe/Berlin", dt.time(10))
    assert warnings == ()


def test_categories_that_name_no_kind_are_the_track(tmp_path: Path) -> None:
    bundle, _ = read(
        tmp_path,
        calendar(
            lines("UID:a", "SUMMARY:A", "DTSTART:20250612T100000", "CATEGORIES:launch,Security")
        ),
    )
    assert (bundle.events[0].kind, bundle.events[0].track) == ("launch", "Security")


@pytest.mark.parametrize(
    "event, field",
    [
        (lines("UID:a", "SUMMARY:", "DTSTART:20250612T100000"), "SUMMARY"),
        (
            lines("UID:a", "SUMMARY:A", "DTSTART:20250612T100000", "ATTENDEE;CN=A, B:mailto:x@y"),
            "ATTENDEE;CN",
        ),
    ],
)
def test_strict_refuses_what_would_be_a_warning(tmp_path: Path, event: str, field: str) -> None:
    with pytest.raises(IngestError) as caught:
        read(tmp_path, calendar(event), strict=True)
    assert caught.value.field == field and "--strict" in str(caught.value)


# -- never a traceback -----------------------------------------------------------------------

_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\\"), max_size=30
)
_moments = st.sampled_from(
    [
        "20250612T100000",
        "20250612T100000Z",
        "20250612",
        ";VALUE=DATE:20250612",
        ";TZID=Europe/Berlin:20250612T100000",
        ";TZID=Nowhere/Land:20250612T100000",
        "20250631T100000",
        "garbage",
        "",
    ]
)
_properties = st.one_of(
    st.builds(lambda v: f"SUMMARY:{v}", _text),
    st.builds(lambda v: f"UID:{v}", st.sampled_from(["a", "b", "", "a b"])),
    st.builds(lambda v: "DTSTART" + (v if v.startswith(";") else ":" + v), _moments),
    st.builds(lambda v: "DTEND" + (v if v.startswith(";") else ":" + v), _moments),
    st.builds(lambda v: f"DURATION:{v}", st.sampled_from(["PT1H", "P1D", "-PT5M", "x"])),
    st.builds(lambda v: f"ORGANIZER;CN={v}:mailto:a@b.c", _text),
    st.builds(lambda v: f"ATTENDEE;CN={v};ROLE=CHAIR,X:mailto:a@b.c", _text),
    st.builds(lambda v: f"ATTENDEE;X-EXPO-TUI-COUNTRY={v}:urn:uuid:1", _text),
    st.builds(lambda v: f"CATEGORIES:{v}", _text),
    st.builds(lambda v: f"STATUS:{v}", st.sampled_from(["TENTATIVE", "CONFIRMED", "??"])),
    st.builds(lambda v: f"X-EXPO-TUI-ORDER:{v}", st.sampled_from(["1", "0", "x"])),
    st.builds(lambda v: f"X-EXPO-TUI-UNDATED:{v}", st.sampled_from(["RANGE", "NONE"])),
    st.builds(lambda v: f"URL:{v}", st.sampled_from(["https://e.org/a", "ftp://x", ""])),
    st.builds(lambda v: f"RECURRENCE-ID:{v}", _moments),
    st.builds(lambda v: f"LOCATION:{v}", _text),
)
_events = st.lists(st.lists(_properties, min_size=0, max_size=8), min_size=0, max_size=4)
_heads = st.lists(
    st.sampled_from(
        [
            "X-WR-TIMEZONE:Europe/Berlin",
            "X-WR-TIMEZONE:Not a zone",
            "VTIMEZONE: Europe/Rome",
            "X-WR-CALNAME:Camp",
            "SOURCE:https://example.org/cal.ics",
        ]
    ),
    max_size=3,
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(events=_events, head=_heads, new=st.booleans())
def test_any_calendar_the_library_parses_imports_or_gives_one_line(
    tmp_path: Path, events: list[list[str]], head: list[str], new: bool
) -> None:
    import icalendar

    text = calendar(*("\r\n".join(e) for e in events), head="".join(h + "\r\n" for h in head))
    try:
        icalendar.Calendar.from_ical(text)
    except Exception:  # not a calendar the library parses: outside this property
        return
    try:
        read(tmp_path, text, NEW if new else TARGET)
    except IngestError as error:
        message = str(error)
        assert "\n" not in message and message.startswith(str(tmp_path))


def test_text_around_the_calendar_block_is_left_out(tmp_path: Path) -> None:
    # as a real festival site serves its calendar: wrapped in an HTML comment
    text = "<!--\r\n" + calendar(lines("UID:a", "SUMMARY:A", "DTSTART:20250612T100000")) + "-->\r\n"
    bundle, warnings = read(tmp_path, text)
    assert [e.title for e in bundle.events] == ["A"]
    (warning,) = warnings
    assert warning.line == 1 and "'<!--'" in warning.problem


def test_a_file_that_is_no_calendar_near_its_start_is_refused(tmp_path: Path) -> None:
    text = "".join(f"line {i}\r\n" for i in range(10)) + calendar(lines("UID:a", "SUMMARY:A"))
    with pytest.raises(IngestError, match="not an iCalendar file"):
        read(tmp_path, text)


def test_warnings_are_printed_inert_and_listed_in_json(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from expo_tui import cli

    path = tmp_path / "cal.ics"
    path.write_text(
        calendar(
            lines(
                "UID:a",
                "SUMMARY:A",
                "DTSTART:20250612T100000",
                "ORGANIZER;CN=Evil\u202e One, Two:MAILTO:x@example.org",
            )
        ),
        encoding="utf-8",
    )
    args = ["import", str(path), "--db", str(tmp_path / "s.db"), "--expo", "camp", "--dry-run"]
    shown = CliRunner().invoke(cli.main, args)
    assert shown.exit_code == 0
    (line,) = [x for x in shown.stderr.splitlines() if "unquoted comma" in x]
    # a bidi override (the library refuses control characters in a parameter outright)
    assert line.startswith("expo-tui: warning: ") and "\u202e" not in line
    listed = json.loads(CliRunner().invoke(cli.main, [*args, "--json"]).stdout)
    (warning,) = [w for w in listed["files"][0]["warnings"] if w["field"] == "ORGANIZER;CN"]
    assert warning["line"] == 4 and warning["count"] == 1
