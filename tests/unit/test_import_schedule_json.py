"""frab/pretalx schedule.json: read as schedule.xml is, through the same import as every file;
JSON documents of other kinds say what they look like."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from expo_tui import cli
from expo_tui.ingest.common import ExpoTarget
from expo_tui.ingest.detect import read_bundle_as
from expo_tui.ingest.errors import IngestError
from expo_tui.ingest.warnings import WarningLog


def talk(guid: str, start: str, **fields: object) -> dict[str, object]:
    return {
        "guid": guid,
        "id": int(guid[-1]) if guid[-1].isdigit() else guid,
        "date": f"2026-07-01T{start}:00+02:00",
        "start": start,
        "duration": "00:40",
        "room": "Hall A",
        "title": f"Talk {guid}",
        "subtitle": "",
        "track": "Security",
        "type": "Talk",
        "language": "en",
        "abstract": "What it is about.",
        "description": None,
        "persons": [{"code": "ABC", "public_name": "Ada Lovelace", "biography": ""}],
        "links": [],
        **fields,
    }


def document(*talks: dict[str, object], zone: str | None = "Europe/Berlin") -> dict[str, object]:
    conference: dict[str, object] = {
        "acronym": "camp26",
        "title": "Demo Camp 2026",
        "start": "2026-07-01",
        "end": "2026-07-02",
        "daysCount": 2,
        "timeslot_duration": "00:05",
        "rooms": [{"name": "Hall A"}, {"name": "Hall B"}],
        "tracks": [{"name": "Security", "color": "#f00"}],
        "days": [
            {
                "index": 0,
                "date": "2026-07-01",
                "day_start": "2026-07-01T10:00:00+02:00",
                "day_end": "2026-07-02T03:00:00+02:00",
                "rooms": {"Hall A": list(talks), "Hall B": []},
            },
            {"index": 1, "date": "2026-07-02", "rooms": {}},
        ],
    }
    if zone:
        conference["time_zone_name"] = zone
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": "pretalx", "version": "2025.1"},
        "schedule": {
            "url": "https://pretalx.example.org/camp26/schedule/",
            "version": "0.7",
            "base_url": "https://pretalx.example.org",
            "conference": conference,
        },
    }


def read(tmp_path: Path, data: object, name: str = "schedule.json"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    log = WarningLog()
    bundle, fmt = read_bundle_as(path, "auto", ExpoTarget(), log)
    return bundle, fmt, log.warnings


def test_a_pretalx_schedule_reads_as_its_xml_twin(tmp_path: Path) -> None:
    bundle, fmt, warnings = read(
        tmp_path,
        document(
            talk("g1", "10:00", links=[{"url": "https://media.example.org/v/1", "title": "Video"}]),
            talk("g2", "11:00", url="https://pretalx.example.org/camp26/talk/G2/"),
            talk("g3", "01:30", persons=[]),
        ),
    )
    assert fmt == "frab-json" and warnings == ()
    expo = bundle.expo
    assert (expo.slug, expo.name, expo.timezone) == ("camp26", "Demo Camp 2026", "Europe/Berlin")
    assert (expo.start_date, expo.end_date, expo.day_change) == (
        dt.date(2026, 7, 1),
        dt.date(2026, 7, 2),
        dt.time(3, 0),  # day 1 ends at 03:00 the next morning
    )
    first, second, night = bundle.events
    assert (first.key, first.date, first.start_time, first.end_time) == (
        "g1",
        dt.date(2026, 7, 1),
        dt.time(10, 0),
        dt.time(10, 40),
    )
    assert (first.location, first.track, first.status) == ("Hall A", "Security", "planned")
    assert first.summary == "What it is about."
    assert first.notes == "Type: Talk; Language: en"
    assert [p.name for p in bundle.people] == ["Ada Lovelace"]
    assert first.participants[0].role == "speaker"
    assert first.sources == ("https://media.example.org/v/1",)
    assert second.sources == ("https://pretalx.example.org/camp26/talk/G2/",)
    # an event that links to nothing cites where the schedule is published: base_url
    assert night.sources == ("https://pretalx.example.org",)
    assert night.date == dt.date(2026, 7, 1)  # listed under day 1, at 01:30 that night


def test_quirks_are_read_as_in_schedule_xml(tmp_path: Path) -> None:
    bundle, _, warnings = read(
        tmp_path,
        document(
            talk("g1", "10:00", duration="P0Y0M0DT0H40M0.000S"),
            talk("g1", "10:00", room="Hall B"),
            zone=None,
        ),
    )
    (only,) = bundle.events
    assert (only.location, only.end_time) == ("Hall A + Hall B", dt.time(10, 40))
    assert bundle.expo.timezone == "Etc/GMT-2"
    assert {w.field for w in warnings} == {"duration", "guid", "time_zone_name"}


def test_a_bad_value_names_its_json_path(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as caught:
        read(tmp_path, document(talk("g1", "25:99")))
    assert caught.value.element == 'days[0].rooms["Hall A"][0]' and caught.value.field == "start"


@pytest.mark.parametrize(
    "data, words",
    [
        ([1, 2, 3], "is a JSON list of 3 items"),
        ({"schedule": {"2024-11-02": {}}}, 'no "conference" in it'),
        ({"count": 3, "next": None, "results": []}, "a page of an API listing"),
        ({"sessions": [], "speakers": [], "rooms": []}, "Sessionize"),
        ({"name": "x", "items": []}, "the keys 'name', 'items'"),
    ],
)
def test_json_that_is_not_ours_says_what_it_looks_like(
    tmp_path: Path, data: object, words: str
) -> None:
    with pytest.raises(IngestError) as caught:
        read(tmp_path, data)
    message = str(caught.value)
    assert words in message and 'frab or pretalx schedule JSON ({"schedule"' in message


def test_import_reports_format_warnings_and_zone_and_strict_refuses(tmp_path: Path) -> None:
    path = tmp_path / "schedule.json"
    path.write_text(
        json.dumps(document(talk("g1", "10:00", duration="PT40M"), zone=None)), encoding="utf-8"
    )
    db = tmp_path / "s.db"
    runner = CliRunner()
    done = runner.invoke(cli.main, ["import", str(path), "--db", str(db), "--json"])
    assert done.exit_code == 0, done.output
    (part,) = json.loads(done.stdout)["files"]
    assert (part["format"], part["timezone"]) == ("frab-json", "Etc/GMT-2")
    assert {w["field"] for w in part["warnings"]} == {"duration", "time_zone_name"}
    assert all(w["message"].startswith(str(path)) for w in part["warnings"])
    text = runner.invoke(cli.main, ["import", str(path), "--db", str(db), "--dry-run"])
    assert "(new expo" not in text.stdout and "0 added" in text.stdout
    # the expo is in the store now, with its zone: only the duration is a quirk this time
    assert text.stderr.count("expo-tui: warning: ") == 1 and "'duration'" in text.stderr
    strict = runner.invoke(
        cli.main, ["import", str(path), "--db", str(tmp_path / "n.db"), "--strict"]
    )
    assert strict.exit_code == 1 and "--strict" in strict.stderr
    assert len(strict.stderr.strip().splitlines()) == 1
