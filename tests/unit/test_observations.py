"""The user's own observation as a source: its identifier, the store (schema step, writer,
read back), the project format, every export and `meetings --json`; and the explorer's store
edits (save an event, edit a person, delete an event without leaving rows behind)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from expo_tui import cli
from expo_tui.export.collect import Selection
from expo_tui.ingest.errors import IngestError
from expo_tui.ingest.project_format import read_document
from expo_tui.observations import (
    LABEL_START,
    observation_id,
    observation_label,
    observer_slug,
    parse_observation_label,
    parse_observed,
    split_observation_labels,
)
from expo_tui.records import EventRecord, ParticipantRecord, PersonRecord, SourceRecord
from expo_tui.store import DataError, Store, open_store
from expo_tui.workflows.exporting import write_export

from ..conftest import tiny_bundle

SEEN = SourceRecord(
    url="observation:anna-schmidt@2025-01-11T10:40",
    kind="observation",
    observer="Anna Schmidt",
    observed=dt.date(2025, 1, 11),
    observed_time=dt.time(10, 40),
)


def observed_bundle():  # type: ignore[no-untyped-def]
    bundle = tiny_bundle()
    event = EventRecord(
        key="seen",
        title="Walk past the stand",
        kind="pavilion_visit",
        date=dt.date(2025, 1, 11),
        participants=(ParticipantRecord("ana", "attendee"),),
        sources=(SEEN.url,),
    )
    return dataclasses.replace(
        bundle, sources=(*bundle.sources, SEEN), events=(*bundle.events, event)
    )


@pytest.fixture
def seen_store(tmp_path: Path) -> Store:
    store = open_store(tmp_path / "seen.db", create=True)
    store.write_bundle(observed_bundle())
    return store


def test_the_identifier_is_made_from_who_and_when_never_a_web_address() -> None:
    assert observation_id("Anna Schmidt", dt.date(2025, 6, 12)) == (
        "observation:anna-schmidt@2025-06-12"
    )
    assert observation_id("  ANNA   schmidt!", dt.date(2025, 6, 12), dt.time(10, 30)) == (
        "observation:anna-schmidt@2025-06-12T10:30"
    )
    assert observation_id("Dédé Ñ", dt.date(2025, 6, 12)).startswith("observation:dédé-ñ@")
    with pytest.raises(ValueError, match="letter or a digit"):
        observation_id("!!!", dt.date(2025, 6, 12))
    assert parse_observed("2025-06-12T10:30") == (dt.date(2025, 6, 12), dt.time(10, 30))
    assert parse_observed("2025-06-12") == (dt.date(2025, 6, 12), None)
    with pytest.raises(ValueError):
        parse_observed("2025-06-12T99:99")
    assert observation_label("Anna", dt.date(2025, 6, 12), dt.time(10, 30)) == (
        "own observation by Anna, 12 June 2025 10:30"
    )


def test_an_observation_is_stored_and_read_back_exactly(seen_store: Store) -> None:
    expo = seen_store.expo("demo")
    assert expo is not None
    detail = seen_store.event_by_key(expo, "seen")
    assert detail is not None
    (source,) = detail.sources
    assert (source.kind, source.observer, source.observed, source.observed_time) == (
        "observation",
        "Anna Schmidt",
        dt.date(2025, 1, 11),
        dt.time(10, 40),
    )
    assert seen_store.check() == []
    report = seen_store.write_bundle(observed_bundle())  # again: nothing changes
    assert report.total("changed") == 0 and report.total("added") == 0


@pytest.mark.parametrize(
    ("source", "words"),
    [
        (dataclasses.replace(SEEN, url="observation:someone-else@2025-01-11T10:40"), "keyed"),
        (dataclasses.replace(SEEN, observer=None), "who observed"),
        (dataclasses.replace(SEEN, observed=None), "who observed"),
        (dataclasses.replace(SEEN, kind="rumour"), "not one of"),
        (SourceRecord(url="https://example.org/x", observer="Anna"), "observation only"),
    ],
)
def test_the_writer_refuses_an_observation_that_does_not_add_up(
    memory_store: Store, source: SourceRecord, words: str
) -> None:
    bundle = tiny_bundle()
    bundle = dataclasses.replace(bundle, sources=(*bundle.sources, source))
    with pytest.raises(DataError, match=words):
        memory_store.write_bundle(bundle)
    assert memory_store.expos() == ()  # all or nothing


def _document(*sources: dict[str, object]) -> dict[str, object]:
    return {
        "format": "expo-tui",
        "version": 1,
        "expo": {
            "slug": "demo",
            "name": "Demo",
            "start_date": "2025-01-10",
            "end_date": "2025-01-12",
            "timezone": "Asia/Jakarta",
        },
        "sources": list(sources),
    }


def test_the_project_format_reads_an_observation_and_derives_its_key() -> None:
    doc = _document({"kind": "observation", "observer": "Anna Schmidt",
                     "observed": "2025-01-11T10:40"})  # fmt: skip
    (source,) = read_document(doc, "x.json").sources
    assert source == SEEN


@pytest.mark.parametrize(
    ("source", "field"),
    [
        ({"kind": "observation", "observed": "2025-01-11"}, "observer"),
        ({"kind": "observation", "observer": "Anna"}, "observed"),
        ({"kind": "observation", "observer": "Anna", "observed": "11/1/2025"}, "observed"),
        (
            {
                "kind": "observation",
                "observer": "Anna",
                "observed": "2025-01-11",
                "url": "https://example.org/fake",
            },
            "url",
        ),
        (
            {
                "kind": "observation",
                "observer": "Anna",
                "observed": "2025-01-11",
                "publisher": "Me",
            },
            "publisher",
        ),
        ({"url": "https://example.org/a", "observer": "Anna"}, "observer"),
        ({"url": "observation:anna@2025-01-11"}, "url"),  # not kind observation: not a URL
    ],
)
def test_the_project_format_refuses_a_broken_observation(
    source: dict[str, object], field: str
) -> None:
    with pytest.raises(IngestError) as caught:
        read_document(_document(source), "x.json")
    assert caught.value.field == field


def _export(store: Store, fmt: str) -> str:
    import io

    expo = store.expo("demo")
    assert expo is not None
    out = io.BytesIO()
    write_export(store, Selection(expo=expo), fmt, out)
    return out.getvalue().decode()


def test_every_export_shows_an_observation_as_such(seen_store: Store) -> None:
    label = "own observation by Anna Schmidt, 11 January 2025 10:40"
    md = _export(seen_store, "md")
    assert f"Sources: {label}" in md and "](observation:" not in md
    assert label in _export(seen_store, "csv")
    ics = _export(seen_store, "ics").replace("\r\n ", "").replace("\\,", ",")
    assert label in ics and "URL:observation" not in ics
    doc = json.loads(_export(seen_store, "json"))
    assert {"kind": "observation", "url": SEEN.url, "observer": "Anna Schmidt",
            "observed": "2025-01-11T10:40"} in doc["sources"]  # fmt: skip
    assert read_document(doc, "back.json").sources[-1] == SEEN  # lossless


def test_csv_keeps_urls_in_sources_and_observations_apart(seen_store: Store) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(_export(seen_store, "csv").lstrip("\ufeff"))))
    seen = next(r for r in rows if r["key"] == "seen")
    assert seen["sources"] == ""
    assert seen["observations"] == "own observation by Anna Schmidt, 11 January 2025 10:40"


def test_meetings_json_carries_the_kind_observer_and_when(tmp_path: Path) -> None:
    path = tmp_path / "cli.db"
    store = open_store(path, create=True)
    store.write_bundle(observed_bundle())
    store.close()
    result = CliRunner().invoke(cli.main, ["meetings", "--db", str(path), "--json"])
    assert result.exit_code == 0, result.output
    seen = next(e for e in json.loads(result.output) if e["key"] == "seen")
    assert seen["sources"] == [SEEN.url]
    assert seen["cites"] == [
        {
            "kind": "observation",
            "id": SEEN.url,
            "observer": "Anna Schmidt",
            "observed": "2025-01-11T10:40",
            "label": "own observation by Anna Schmidt, 11 January 2025 10:40",
        }
    ]


def test_a_version_6_store_gains_the_source_columns_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "v6.db"
    store = open_store(path, create=True)
    store.write_bundle(tiny_bundle())
    store.close()
    conn = sqlite3.connect(path, isolation_level=None)
    for column in ("kind", "observer", "observed"):
        conn.execute(f"ALTER TABLE sources DROP COLUMN {column}")
    conn.execute("PRAGMA user_version = 6")
    conn.close()
    store = open_store(path)
    assert store.check() == []
    expo = store.expo("demo")
    assert expo is not None
    detail = store.event_by_key(expo, "e1")
    assert detail is not None and detail.sources[0].kind == "url"
    store.write_bundle(observed_bundle())  # and it takes an observation now
    store.close()


# -- the explorer's edits ----------------------------------------------------------------------


def _rows_of_event(path: Path, event_id: int) -> dict[str, int]:
    conn = sqlite3.connect(path)
    found = {}
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
        if "event_id" in columns:
            n = conn.execute(f'SELECT count(*) FROM "{table}" WHERE event_id = ?', (event_id,))
            found[table] = n.fetchone()[0]
    found["events"] = conn.execute(
        "SELECT count(*) FROM events WHERE id = ?", (event_id,)
    ).fetchone()[0]
    found["search"] = conn.execute(
        "SELECT count(*) FROM event_search WHERE rowid = ?", (event_id,)
    ).fetchone()[0]
    found["fts"] = conn.execute(
        "SELECT count(*) FROM events_fts WHERE events_fts MATCH 'stand'"
    ).fetchone()[0]
    conn.close()
    return {k: v for k, v in found.items() if v}


def test_delete_leaves_no_rows_of_the_event_and_drops_only_sources_nothing_else_cites(
    tmp_path: Path,
) -> None:
    path = tmp_path / "del.db"
    store = open_store(path, create=True)
    store.write_bundle(observed_bundle())
    expo = store.expo("demo")
    assert expo is not None
    detail = store.event_by_key(expo, "seen")
    assert detail is not None
    assert _rows_of_event(path, detail.event.id)  # it is there, with its rows
    assert store.edits.delete_event("demo", "seen") is True
    assert _rows_of_event(path, detail.event.id) == {}
    assert store.known_source_urls([SEEN.url, "https://example.org/report"]) == {
        "https://example.org/report"  # still cited by e1
    }
    assert store.check() == []
    assert store.edits.delete_event("demo", "seen") is False
    assert [d.key for d in store.days(expo) if d.events] == [dt.date(2025, 1, 11).isoformat()]
    store.close()


def test_saving_an_event_replaces_it_whole_and_leaves_known_people_and_sources_alone(
    seen_store: Store,
) -> None:
    editable = seen_store.edits.event("demo", "e1")
    assert editable is not None
    new_person = PersonRecord(key="new:Budi", name="Budi Santoso", rank="Kolonel", country="IDN")
    edited = dataclasses.replace(
        editable.record,
        title="Talks, shorter",
        participants=(ParticipantRecord("new:Budi", "host"),),  # Ana is taken out
        sources=(SEEN.url,),
    )
    key = seen_store.edits.save_event("demo", edited, (new_person,), (SEEN,))
    assert key == "e1"
    again = seen_store.edits.event("demo", "e1")
    assert again is not None
    assert again.record.participants == (ParticipantRecord("budi-santoso", "host"),)
    assert again.record.sources == (SEEN.url,) and again.record.title == "Talks, shorter"
    assert seen_store.person("ana") is not None
    assert seen_store.check() == []


def test_a_person_edit_changes_rank_position_and_spellings_only(seen_store: Store) -> None:
    seen_store.edits.save_person(
        "demo", "ana", rank="Brigadier General", position="Attaché", variants=("Anna Ex",)
    )
    person = seen_store.edits.person("ana")
    assert person is not None
    assert (person.name, person.rank, person.position, person.variants, person.country) == (
        "Ana Example", "Brigadier General", "Attaché", ("Anna Ex",), "CAN"
    )  # fmt: skip
    assert seen_store.search("Anna Ex", kinds=("person",))  # the index follows
    seen_store.edits.save_person("demo", "ana", rank=None, position=None, variants=())
    person = seen_store.edits.person("ana")
    assert person is not None and (person.rank, person.variants) == (None, ())


def test_the_data_build_accepts_an_observation(tmp_path: Path) -> None:
    import shutil

    from expo_tui.ingest.build import build_database

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data" / "indodefence2025",
                    data / "indodefence2025")  # fmt: skip
    seen = {"kind": "observation", "observer": "Anna Schmidt", "observed": "2025-06-12T10:40"}
    event = {"key": "own-seen", "date": "2025-06-12", "kind": "pavilion_visit",
             "title": "Walk past the stand", "sources": [observation_id(
                 "Anna Schmidt", dt.date(2025, 6, 12), dt.time(10, 40))]}  # fmt: skip
    with open(data / "indodefence2025" / "sources.jsonl", "a", encoding="utf-8") as out:
        out.write(json.dumps(seen) + "\n")
    with open(data / "indodefence2025" / "events.jsonl", "a", encoding="utf-8") as out:
        out.write(json.dumps(event) + "\n")
    build_database(data, tmp_path / "expo.db")
    store = open_store(tmp_path / "expo.db", readonly=True)
    expo = store.expos()[0]
    detail = store.event_by_key(expo, "own-seen")
    assert detail is not None and detail.sources[0].observer == "Anna Schmidt"
    assert store.check() == []
    store.close()


@given(
    observer=st.text(min_size=1, max_size=40)
    .map(str.strip)
    .filter(lambda name: bool(observer_slug(name)) and LABEL_START not in name),
    day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
    time=st.none() | st.times().map(lambda t: t.replace(second=0, microsecond=0)),
)
def test_a_label_reads_back_as_the_observation_it_names(
    observer: str, day: dt.date, time: dt.time | None
) -> None:
    label = observation_label(observer, day, time)
    assert parse_observation_label(label) == (observer, day, time)
    assert split_observation_labels(f"{label}; {label}") == [label, label]


@pytest.mark.parametrize(
    "text",
    [
        "own observation by Anna",  # no day
        "own observation by , 12 June 2025",  # nobody
        "own observation by Anna, 31 June 2025",  # no such day
        "own observation by Anna, 12 Juni 2025",  # not the export's month
        "own observation by Anna, 12 June 2025 25:00",
        "seen by Anna, 12 June 2025",
    ],
)
def test_a_text_that_is_not_a_label_is_not_taken_for_one(text: str) -> None:
    assert parse_observation_label(text) is None


@pytest.mark.parametrize("fmt", ["csv", "ics"])
def test_csv_and_ics_exports_import_back_with_the_observation_they_cite(
    seen_store: Store, tmp_path: Path, fmt: str
) -> None:
    exported = tmp_path / f"out.{fmt}"
    exported.write_text(_export(seen_store, fmt), encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    result = CliRunner().invoke(
        cli.main, ["import", "--db", str(fresh), "--expo", "demo", str(exported)]
    )
    assert result.exit_code == 0, result.output
    store = open_store(fresh, readonly=True)
    expo = store.expo("demo")
    assert expo is not None
    detail = store.event_by_key(expo, "seen")
    assert detail is not None
    (source,) = detail.sources
    assert (source.url, source.kind, source.observer, source.observed, source.observed_time) == (
        SEEN.url,
        "observation",
        "Anna Schmidt",
        dt.date(2025, 1, 11),
        dt.time(10, 40),
    )
    assert "observation" not in (detail.summary or "")  # not left behind as description text
    store.close()


def test_a_csv_observation_that_does_not_read_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "seen.csv"
    path.write_text(
        "title,date,observations\r\n"
        "Stand visit,2025-06-12,own observation by Anna Schmidt on the 12th\r\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli.main, ["import", "--db", str(tmp_path / "x.db"), "--expo", "demo", str(path)]
    )
    assert result.exit_code != 0
    assert "line 2" in result.output and "observations" in result.output
    assert "is not an observation" in result.output


def test_a_csv_observations_column_of_remarks_is_left_alone_as_unknown_columns_are(
    tmp_path: Path,
) -> None:
    path = tmp_path / "remarks.csv"
    path.write_text(
        "title,date,sources,observations\r\n"
        "Stand visit,2025-06-12,https://example.org/a,crowded stand; drones on show\r\n",
        encoding="utf-8",
    )
    db = tmp_path / "x.db"
    result = CliRunner().invoke(cli.main, ["import", "--db", str(db), "--expo", "demo", str(path)])
    assert result.exit_code == 0, result.output
    store = open_store(db, readonly=True)
    expo = store.expo("demo")
    assert expo is not None
    (event,) = store.events(expo, "2025-06-12").items
    detail = store.event(event.id)
    assert detail is not None and [s.url for s in detail.sources] == ["https://example.org/a"]
    store.close()
