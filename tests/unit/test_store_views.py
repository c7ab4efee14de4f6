"""Schema 5: the store reads well in standard tools: readable views, Datasette's full-text search
on events and people, events' tracks; and a version-3 store is upgraded to it with rows kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from expo_tui.store import SCHEMA_VERSION, open_store

from ..conftest import SHIPPED_DB, tiny_bundle
from ..old_stores import take_back_to_version_4


@pytest.fixture
def shipped_db() -> sqlite_utils.Database:
    return sqlite_utils.Database(sqlite3.connect(f"file:{SHIPPED_DB}?mode=ro", uri=True))


def test_event_overview_spells_out_day_time_countries_and_sources(
    shipped_db: sqlite_utils.Database,
) -> None:
    rows = list(
        shipped_db.query(
            "SELECT * FROM event_overview WHERE day = '2025-06-12' AND day_order IS NOT NULL "
            "AND countries LIKE '%Russia%'"
        )
    )
    (row,) = rows
    assert (row["expo"], row["day_number"], row["kind"], row["status"]) == (
        "indodefence2025",
        2,
        "bilateral_meeting",
        "happened",
    )
    assert row["countries"] == "Indonesia, Russia"
    # the Army chief called on each delegation that day (docs/formats.md, "host" and "guest")
    assert "Maruli Simanjuntak (guest)" in row["participants"]
    assert "Mikhail Petukhov (host)" in row["participants"]
    assert row["sources"].startswith("https://")
    undated = list(
        shipped_db.query("SELECT day, day_number FROM event_overview WHERE day = 'undated'")
    )
    assert all(r["day_number"] is None for r in undated)


def test_people_and_delegation_overviews_name_country_organisation_and_head(
    shipped_db: sqlite_utils.Database,
) -> None:
    (petukhov,) = shipped_db.query("SELECT * FROM people_overview WHERE name = 'Mikhail Petukhov'")
    assert petukhov["country"] == "Russia" and "Federal Service" in petukhov["organization"]
    assert "Pethukov" in petukhov["variants"] and petukhov["events"] >= 1
    (russia,) = shipped_db.query("SELECT * FROM delegation_overview WHERE country = 'Russia'")
    assert (russia["head"], russia["head_position"]) == (
        "Mikhail Petukhov",
        "Deputy Director, Federal Service for Military-Technical Cooperation (FSMTC)",
    )


def test_datasette_and_sqlite_utils_find_full_text_search(
    shipped_db: sqlite_utils.Database,
) -> None:
    from sqlite_utils.db import Table

    events, people = shipped_db["events"], shipped_db["people"]
    assert isinstance(events, Table) and isinstance(people, Table)
    assert (events.detect_fts(), people.detect_fts()) == ("events_fts", "people_fts")
    assert any("Russian" in r["title"] for r in events.search("russian"))
    assert [r["name"] for r in people.search("petukhov")] == ["Mikhail Petukhov"]
    # Datasette's own test for a table's search (datasette.utils.detect_fts_sql)
    found = shipped_db.execute(
        "SELECT name FROM sqlite_master WHERE rootpage = 0 "
        "AND sql LIKE '%VIRTUAL TABLE%USING FTS%content=[events]%'"
    ).fetchall()
    assert found == [("events_fts",)]


def test_full_text_search_follows_writes(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db", create=True)
    bundle = tiny_bundle()
    store.write_bundle(bundle)
    store.close()
    db = sqlite_utils.Database(tmp_path / "s.db")
    title = bundle.events[0].title.split()[0]
    assert list(db["events"].search(title))  # type: ignore[union-attr]
    assert (
        db.execute("INSERT INTO events_fts (events_fts) VALUES ('integrity-check')").fetchall()
        == []
    )


def _take_back_to_version_3(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    take_back_to_version_4(conn)
    conn.execute("PRAGMA user_version = 3")  # its review tables are kept: step 3 makes none twice
    conn.close()


def test_a_version_3_store_is_upgraded_to_the_new_columns_views_and_search(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    store = open_store(path, create=True)
    store.write_bundle(tiny_bundle())
    store.close()
    fresh_columns = [r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(events)")]
    _take_back_to_version_3(path)

    store = open_store(path)
    assert store.check() == []
    store.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 8
    assert [r[1] for r in conn.execute("PRAGMA table_info(events)")] == fresh_columns
    assert conn.execute("SELECT count(*) FROM event_overview").fetchone()[0] == 1
    db = sqlite_utils.Database(conn)
    assert len(list(db["events"].search(tiny_bundle().events[0].title.split()[0]))) == 1  # type: ignore[union-attr]


def test_the_tracks_a_schedule_gives_reach_the_explorers_models(tmp_path: Path) -> None:
    from dataclasses import replace

    bundle = tiny_bundle()
    event = replace(bundle.events[0], track="Security", location="Hall A")
    store = open_store(tmp_path / "s.db", create=True)
    store.write_bundle(replace(bundle, events=(event,)))
    (expo,) = store.expos()
    (summary,) = store.events(expo, None).items
    assert (summary.track, summary.location) == ("Security", "Hall A")
    store.close()


def test_the_programme_lists_rooms_and_tracks_busiest_first(tmp_path: Path) -> None:
    from dataclasses import replace

    bundle = tiny_bundle()
    first = replace(bundle.events[0], track="Security", location="Hall A")
    events = (
        first,
        replace(first, key="e2", location="Hall B"),
        replace(first, key="e3", track="Policy", location="Hall B"),
        replace(first, key="e4", track=None, location=None),
    )
    store = open_store(tmp_path / "s.db", create=True)
    store.write_bundle(replace(bundle, events=events))
    (expo,) = store.expos()
    assert store.programme(expo, "location") == (("Hall B", 2), ("Hall A", 1))
    assert store.programme(expo, "track") == (("Security", 2), ("Policy", 1))
    with pytest.raises(ValueError):
        store.programme(expo, "title; DROP TABLE events")
    store.close()
