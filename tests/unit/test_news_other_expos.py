"""Articles about other expos: the rules are patterns of the languages, not of one show."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from expo_tui import cli

from ..conftest import SHIPPED_DB

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "news"
EXPOS = {
    "lima2025": (
        "LIMA 2025",
        "2025-05-20",
        "2025-05-24",
        "Langkawi",
        "Malaysia",
        "Asia/Kuala_Lumpur",
    ),
    "aeroindia2025": (
        "Aero India 2025",
        "2025-02-10",
        "2025-02-14",
        "Bengaluru",
        "India",
        "Asia/Kolkata",
    ),
    "sgairshow2026": (
        "Singapore Airshow 2026",
        "2026-02-03",
        "2026-02-08",
        "Singapore",
        "Singapore",
        "Asia/Singapore",
    ),
    "idef2025": ("IDEF 2025", "2025-07-22", "2025-07-27", "Istanbul", "Turki", "Europe/Istanbul"),
}


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("expos") / "expo.db"
    shutil.copyfile(SHIPPED_DB, target)
    for slug, (name, start, end, city, country, zone) in EXPOS.items():
        added = run(
            "expo",
            "add",
            slug,
            "--name",
            name,
            "--start",
            start,
            "--end",
            end,
            "--city",
            city,
            "--country",
            country,
            "--timezone",
            zone,
            "--db",
            str(target),
        )
        assert added.exit_code == 0, added.output
    return target


def told(db: Path, fixture: str) -> tuple[str, list[tuple]]:
    """The expo picked and each candidate as its article reads it."""
    result = run("ingest", str(FIXTURES / fixture), "--db", str(db), "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    people = {p["key"]: p for p in document["people"]}
    events = []
    for event in document["events"]:
        reading = event["reading"]
        parties = tuple(
            sorted(
                (people[p["person"]]["name"], people[p["person"]]["country"], p["role"])
                for p in reading["participants"]
            )
        )
        events.append(
            (reading["kind"], reading["status"], reading["date"], reading["order"], parties)
        )
    return document["expo"]["slug"], events


def test_lima(db: Path) -> None:
    slug, events = told(db, "lima_ministers.txt")
    assert slug == "lima2025"
    assert (
        "bilateral_meeting",
        "happened",
        "2025-05-21",
        None,
        (
            ("Mohamed Khaled Nordin", "MYS", "host"),
            ("Sjafrie Sjamsoeddin", "IDN", "guest"),
        ),
    ) in events  # "on Wednesday": the statement's Thursday is not the meeting's day
    talks = next(e for e in events if any(p[0] == "Ito Taro" for p in e[4]))
    assert ("Mohamed Khaled Nordin", "MYS", "host") in talks[4]  # "..., before holding talks with"
    signing = next(e for e in events if e[0] == "mou_signing")
    assert ("Anwar Ibrahim", "MYS", "attendee") in signing[4]
    assert {p[1] for p in signing[4] if p[2] == "signatory"} == {"MYS", "FRA"}


def test_aero_india(db: Path) -> None:
    slug, events = told(db, "aero_india_bilaterals.txt")
    assert slug == "aeroindia2025"
    chain = [(e[3], next(p for p in e[4] if p[1] != "IND")[1]) for e in events if e[3] is not None]
    assert chain == [(1, "LKA"), (2, "BRA"), (3, "KEN")]
    assert all(e[2] == "2025-02-11" for e in events if e[3] is not None)  # "the second day"
    planned = next(e for e in events if e[1] == "planned")
    assert planned[2] == "2025-02-12" and ("Steve Feinberg", "USA", "guest") in planned[4]


def test_singapore_airshow_in_indonesian(db: Path) -> None:
    slug, events = told(db, "airshow_kunjungan.txt")
    assert slug == "sgairshow2026"
    assert (
        "courtesy_call",
        "happened",
        "2026-02-03",
        None,
        (
            ("Chan Chun Sing", "SGP", "host"),
            ("Donny Ermawan Taufanto", "IDN", "guest"),
        ),
    ) in events
    assert any(e[0] == "mou_signing" and {p[1] for p in e[4]} == {"SGP", "IDN"} for e in events)


def test_idef_counterparts_delegations_and_witnesses(db: Path) -> None:
    slug, events = told(db, "idef_hosts.txt")
    assert slug == "idef2025"
    assert (
        "courtesy_call",
        "happened",
        "2025-07-23",
        None,
        (
            ("Khawaja Asif", "PAK", "guest"),
            ("Yasar Guler", "TUR", "host"),
        ),
    ) in events  # "his Pakistani counterpart Khawaja Asif"
    assert any(("Donny Ermawan Taufanto", "IDN", "guest") in e[4] for e in events)  # "led by"
    signing = next(e for e in events if e[0] == "mou_signing")
    assert ("Haluk Görgün", "TUR", "attendee") in signing[4]  # "in the presence of"


def test_an_ambassador_is_of_the_country_that_sends_him(db: Path) -> None:
    result = run(
        "ingest",
        str(FIXTURES / "menhan_terima_filipina.txt"),
        "--expo",
        "indodefence2025",
        "--db",
        str(db),
        "--dry-run",
        "--json",
    )
    document = json.loads(result.stdout)
    people = {p["key"]: p for p in document["people"]}
    countries = [
        sorted(people[p["person"]]["country"] for p in e["reading"]["participants"])
        for e in document["events"]
    ]
    assert countries == [["IDN", "PHL"], ["IDN", "JPN"]]  # "Duta Besar Jepang untuk Indonesia"
    assert {e["reading"]["date"] for e in document["events"]} == {
        "2025-06-09"
    }  # not the statement's
