"""frab schedule.xml quirks met in real public schedules (ISO 8601 durations, ids listed twice or
missing, speakers in <public_name> or straight under <event>, no time_zone_name): each read its
one sensible way and reported as a warning, or refused under --strict."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from expo_tui.ingest.common import ExpoTarget
from expo_tui.ingest.errors import IngestError
from expo_tui.ingest.frab_format import read_frab
from expo_tui.ingest.schedule_common import offset_zone, parse_duration
from expo_tui.ingest.warnings import WarningLog


def event(
    guid: str = "g1",
    *,
    ident: str = "1",
    start: str = "10:00",
    duration: str = "00:45",
    title: str = "Talk",
    persons: str = "<persons><person id='1'>Ada Lovelace</person></persons>",
    extra: str = "",
) -> str:
    return (
        f'<event guid="{guid}" id="{ident}"><date>2026-07-01T{start}:00+02:00</date>'
        f"<start>{start}</start><duration>{duration}</duration><title>{title}</title>"
        f"<track>Security</track><type>Talk</type>{persons}{extra}</event>"
    )


def schedule(*days: dict[str, list[str]], zone: str | None = "Europe/Berlin") -> str:
    zone_line = f"<time_zone_name>{zone}</time_zone_name>" if zone else ""
    body = []
    for i, rooms in enumerate(days):
        date = dt.date(2026, 7, 1) + dt.timedelta(days=i)
        body.append(f'<day index="{i + 1}" date="{date}" start="{date}T10:00:00+02:00">')
        body += [f'<room name="{name}">{"".join(events)}</room>' for name, events in rooms.items()]
        body.append("</day>")
    return (
        "<schedule><conference><acronym>camp</acronym><title>Demo Camp</title>"
        f"{zone_line}<base_url>https://camp.example.org/fahrplan/</base_url></conference>"
        + "".join(body)
        + "</schedule>"
    )


def read(tmp_path: Path, xml: str, *, strict: bool = False, target: ExpoTarget | None = None):  # type: ignore[no-untyped-def]
    path = tmp_path / "schedule.xml"
    path.write_text(xml, encoding="utf-8")
    log = WarningLog(strict=strict)
    return read_frab(path, target or ExpoTarget(), log), log.warnings


def test_iso_8601_durations_are_read_and_reported_once(tmp_path: Path) -> None:
    bundle, warnings = read(
        tmp_path,
        schedule(
            {
                "Hall": [
                    event("a", duration="P0Y0M0DT0H40M0.000S"),
                    event("b", start="11:00", duration="PT1H30M"),
                ]
            }
        ),
    )
    assert [e.end_time for e in bundle.events] == [dt.time(10, 40), dt.time(12, 30)]
    (warning,) = warnings
    assert warning.count == 2 and warning.field == "duration" and "read as 00:40" in str(warning)
    assert "(and 1 more like it)" in str(warning)


@pytest.mark.parametrize("text", ["P1M", "P1Y", "soon", "01:75"])
def test_a_duration_that_has_no_truthful_length_is_refused(text: str) -> None:
    with pytest.raises(IngestError) as caught:
        parse_duration(text, "s.xml", "day[1]/event 1", WarningLog())
    assert caught.value.field == "duration"


def test_the_same_event_in_two_rooms_at_once_is_one_event_in_both(tmp_path: Path) -> None:
    bundle, warnings = read(tmp_path, schedule({"Hall A": [event()], "Hall B": [event()]}))
    (only,) = bundle.events
    assert (only.key, only.location) == ("g1", "Hall A + Hall B")
    assert "held in every room" in warnings[0].problem


def test_an_id_on_several_days_is_one_event_per_day(tmp_path: Path) -> None:
    bundle, warnings = read(tmp_path, schedule({"Tent": [event()]}, {"Tent": [event()]}))
    assert [(e.key, e.date) for e in bundle.events] == [
        ("g1#2026-07-01", dt.date(2026, 7, 1)),
        ("g1#2026-07-02", dt.date(2026, 7, 2)),
    ]
    assert "on different days" in warnings[0].problem


def test_an_id_on_different_events_keeps_each(tmp_path: Path) -> None:
    bundle, _ = read(
        tmp_path,
        schedule({"Hall": [event(), event(start="12:00", title="Other talk")]}),
    )
    keys = [e.key for e in bundle.events]
    assert len(set(keys)) == 2 and all(k.startswith("g1#") for k in keys)


def test_events_without_ids_get_stable_keys(tmp_path: Path) -> None:
    xml = schedule({"Hall": [event("", ident=""), event("", ident="", title="Second")]})
    first, warnings = read(tmp_path, xml)
    again, _ = read(tmp_path, xml)
    assert [e.key for e in first.events] == [e.key for e in again.events]
    assert len({e.key for e in first.events}) == 2
    assert warnings[0].count == 2 and warnings[0].field == "guid"


def test_speakers_in_public_name_are_read(tmp_path: Path) -> None:
    persons = (
        "<persons><person id='71'><code>JLUDRK</code><public_name>Anja</public_name>"
        "<biography/></person></persons>"
    )
    bundle, warnings = read(tmp_path, schedule({"Hall": [event(persons=persons)]}))
    assert [p.name for p in bundle.people] == ["Anja"]
    assert bundle.events[0].participants[0].role == "speaker"
    assert warnings[0].field == "persons"


def test_speakers_straight_under_the_event_are_read(tmp_path: Path) -> None:
    bundle, warnings = read(
        tmp_path,
        schedule({"Hall": [event(persons="<person>Ada Lovelace, Grace Hopper</person>")]}),
    )
    assert [p.name for p in bundle.people] == ["Ada Lovelace", "Grace Hopper"]
    assert "between its commas" in warnings[0].problem


def test_the_track_is_kept(tmp_path: Path) -> None:
    bundle, _ = read(tmp_path, schedule({"Hall": [event()]}))
    assert bundle.events[0].track == "Security"
    assert bundle.events[0].notes == "Type: Talk"


def test_no_time_zone_name_takes_the_offset_the_times_carry(tmp_path: Path) -> None:
    bundle, warnings = read(tmp_path, schedule({"Hall": [event()]}, zone=None))
    assert bundle.expo.timezone == "Etc/GMT-2"  # two hours ahead of UTC, as +02:00 says
    assert bundle.events[0].start_time == dt.time(10, 0)  # as written: local clock time
    assert warnings[0].field == "time_zone_name" and "--timezone" in warnings[0].problem


def test_timezone_given_on_the_command_line_needs_no_warning(tmp_path: Path) -> None:
    bundle, warnings = read(
        tmp_path,
        schedule({"Hall": [event()]}, zone=None),
        target=ExpoTarget(timezone="Europe/Berlin"),
    )
    assert (bundle.expo.timezone, warnings) == ("Europe/Berlin", ())


@pytest.mark.parametrize(
    "offsets, zone",
    [
        (["2026-07-01T10:00:00+02:00", "2026-07-02T10:00:00+02:00"], "Etc/GMT-2"),
        (["2026-01-01T10:00:00-05:00"], "Etc/GMT+5"),
        (["2026-01-01T10:00:00Z"], "UTC"),
        (["2026-01-01T10:00:00+05:30"], None),  # IANA has no fixed zone for half hours
        (["2026-01-01T10:00:00"], None),
    ],
)
def test_offset_zones(offsets: list[str], zone: str | None) -> None:
    assert offset_zone(offsets) == zone


def test_strict_refuses_a_schedule_with_quirks(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as caught:
        read(tmp_path, schedule({"A": [event()], "B": [event()]}), strict=True)
    assert caught.value.field == "guid" and "--strict" in str(caught.value)


def test_events_straight_under_the_day_take_their_own_room(tmp_path: Path) -> None:
    # Pentabarf's older schedules (FOSDEM 2010) list events under <day>, each with a <room>
    xml = schedule({}).replace(
        '<day index="1" date="2026-07-01" start="2026-07-01T10:00:00+02:00">',
        '<day index="1" date="2026-07-01" start="2026-07-01T10:00:00+02:00">'
        + event(extra="<room>Ferrer</room>"),
    )
    bundle, warnings = read(tmp_path, xml)
    assert [(e.key, e.location) for e in bundle.events] == [("g1", "Ferrer")]
    assert warnings[0].field == "room"
