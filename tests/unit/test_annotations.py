"""The user's own layer in the store (store/annotations.py): stars, notes and tags, apart from
the facts, keyed by stable keys; the v7 -> v8 step; the search; export and import."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from expo_tui.cli import main as cli
from expo_tui.store import SCHEMA_VERSION, DataError, open_store
from expo_tui.store.annotations import NOTE_JOIN, Annotation, Subject, merged_note

from ..conftest import tiny_bundle
from ..old_stores import take_back_to_version_7

COUNTRY = Subject.country("AUS")


def _store(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = open_store(tmp_path / "s.db", create=True)
    store.write_bundle(tiny_bundle())
    return store


def test_star_note_and_tags_are_kept_and_read_back(tmp_path: Path) -> None:
    store = _store(tmp_path)
    notes = store.annotations
    assert notes.get(COUNTRY) == Annotation(COUNTRY)
    assert notes.toggle_star(COUNTRY).starred
    notes.set_note(COUNTRY, "line one\nline two")
    notes.set_tags(COUNTRY, ["NATO", " nato ", "Follow  up", ""])
    found = notes.get(COUNTRY)
    assert found.starred and found.note == "line one\nline two"
    assert found.tags == ("Follow up", "NATO")  # once each, case-insensitively, as first typed
    assert notes.tags() == (("Follow up", 1), ("NATO", 1))
    assert [s.annotation.subject for s in notes.starred().items] == [COUNTRY]
    assert [s.label for s in notes.with_tag("nato").items] == ["Australia"]
    assert not notes.toggle_star(COUNTRY).starred
    assert notes.starred().items == ()
    notes.set_note(COUNTRY, "  ")
    notes.set_tags(COUNTRY, [])
    assert notes.get(COUNTRY).empty  # an empty annotation is no row at all
    assert store.connection.read_one("SELECT count(*) FROM annotations")[0] == 0  # type: ignore[index]
    store.close()


def test_a_refused_write_changes_nothing(tmp_path: Path) -> None:
    store = _store(tmp_path)
    notes = store.annotations
    notes.set_tags(COUNTRY, ["kept"])
    for bad in (["a,b"], ["x" * 41], [f"t{i}" for i in range(31)], ["nul\x00"]):
        with pytest.raises(DataError):
            notes.set_tags(COUNTRY, bad)
    with pytest.raises(DataError):
        notes.set_note(COUNTRY, "x" * 20_001)
    with pytest.raises(DataError):
        notes.set_star(Subject("event", "", "E1"), True)  # an event needs its expo
    with pytest.raises(DataError):
        notes.set_star(Subject("expo", "", "x"), True)
    assert notes.get(COUNTRY).tags == ("kept",)
    store.close()


def test_paging_the_starred_list_by_kind(tmp_path: Path) -> None:
    store = _store(tmp_path)
    notes = store.annotations
    for code in ("AUS", "FRA", "DEU", "JPN", "KOR"):
        notes.set_star(Subject.country(code), True)
    notes.set_star(Subject.person("nobody"), True)
    first = notes.starred("country", limit=2)
    assert len(first.items) == 2 and first.next_cursor is not None
    rest = notes.starred("country", limit=10, cursor=first.next_cursor)
    assert len(rest.items) == 3 and rest.next_cursor is None
    people = notes.starred("person").items
    assert [(p.label, p.present) for p in people] == [("nobody", False)]
    store.close()


def test_annotations_survive_a_reimport_and_a_deleted_subject_is_said_to_be_gone(
    tmp_path: Path,
) -> None:
    store = _store(tmp_path)
    bundle = tiny_bundle()
    event = Subject.event(bundle.expo.slug, bundle.events[0].key)
    person = Subject.person(bundle.people[0].key)
    store.annotations.set_note(event, "my note")
    store.annotations.set_star(person, True)
    store.write_bundle(bundle)  # the same records again
    assert store.annotations.get(event).note == "my note"
    (found,) = store.annotations.with_tag("x").items or store.annotations.starred().items
    assert found.present and found.label == bundle.people[0].name
    with store.transaction():  # the event goes (as a delete would take it)
        conn = store.connection.conn
        ident = conn.execute("SELECT id FROM events WHERE key = ?", (event.ref,)).fetchone()[0]
        for table in ("event_participants", "event_sources", "event_countries"):
            conn.execute(f"DELETE FROM {table} WHERE event_id = ?", (ident,))
        conn.execute("DELETE FROM event_search WHERE rowid = ?", (ident,))
        conn.execute("DELETE FROM events WHERE id = ?", (ident,))
    (gone,) = store.annotations.search("my note")
    assert not gone.present and gone.annotation.note == "my note"  # kept, not dropped
    store.write_bundle(bundle)  # back again: found where it was
    (back,) = store.annotations.search("my note")
    assert back.present and back.event_id is not None
    store.close()


def test_a_version_7_store_is_upgraded_with_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    store = open_store(path, create=True)
    store.write_bundle(tiny_bundle())
    store.close()
    conn = sqlite3.connect(path, isolation_level=None)
    take_back_to_version_7(conn)
    conn.close()
    store = open_store(path)
    assert store.check() == []
    assert store.annotations.set_note(COUNTRY, "after the upgrade").note
    assert store.expos()[0].slug == tiny_bundle().expo.slug
    store.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 8
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"annotations", "annotation_tags", "annotation_search"} <= tables
    conn.close()
    assert (tmp_path / "old.db.schema7.bak").exists()  # the copy made before the upgrade


def test_notes_and_tags_are_searchable_with_the_countries_they_concern(tmp_path: Path) -> None:
    store = _store(tmp_path)
    bundle = tiny_bundle()
    expo = store.expos()[0]
    event = bundle.events[0]
    store.annotations.set_tags(Subject.event(expo.slug, event.key), ["submarines"])
    store.annotations.set_note(Subject.delegation(expo.slug, "FRA"), "Rafale offset talk")
    codes = store.matching_country_codes("submarine")
    stored = store.event(store.events(expo, None, limit=5).items[0].id)
    assert stored is not None
    assert codes == set(stored.event.countries)
    assert store.matching_country_codes("rafale") == {"FRA"}
    assert store.matching_country_codes("nothing-of-the-sort") == set()
    hits = store.search("rafale")
    assert hits and hits[0].annotated and hits[0].kind == "country" and hits[0].ref == "FRA"
    plan = store.connection.read(
        "EXPLAIN QUERY PLAN SELECT rowid FROM annotation_search WHERE annotation_search MATCH 'x'"
    )
    assert any("VIRTUAL TABLE INDEX" in str(tuple(r)) for r in plan)  # FTS, not a scan
    store.close()


def test_the_merge_rule_never_loses_a_note() -> None:
    assert merged_note("", "theirs") == "theirs"
    assert merged_note("mine", "") == "mine"
    assert merged_note("same", "same") == "same"
    both = merged_note("mine", "theirs")
    assert both == "mine" + NOTE_JOIN + "theirs"
    assert merged_note(both, "theirs") == both  # importing the same file twice adds nothing


def test_stars_and_notes_survive_export_and_import_into_a_fresh_store(tmp_path: Path) -> None:
    source = tmp_path / "a.db"
    store = open_store(source, create=True)
    store.write_bundle(tiny_bundle())
    expo = store.expos()[0].slug
    event = tiny_bundle().events[0].key
    store.annotations.set_star(COUNTRY, True)
    store.annotations.set_note(COUNTRY, "=cmd|' /C calc'!A0\n\x1b[31mred\u202e [b]x[/b]")
    store.annotations.set_tags(Subject.event(expo, event), ["Follow-up", "ASEAN"])
    store.annotations.set_star(Subject.person(tiny_bundle().people[0].key), True)
    store.close()
    runner = CliRunner()
    out = tmp_path / "out.json"
    result = runner.invoke(cli, ["export", "--db", str(source), "-f", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text())
    assert {a["kind"] for a in doc["annotations"]} == {"country", "event", "person"}
    assert "\x1b" not in out.read_text()  # escaped in the file, exact once parsed
    fresh = tmp_path / "fresh.db"
    result = runner.invoke(cli, ["import", "--db", str(fresh), str(out)])
    assert result.exit_code == 0, result.output
    assert "annotations  3 added" in result.output
    again = open_store(fresh, readonly=True)
    got = again.annotations.get(COUNTRY)
    assert got.starred and got.note.startswith("=cmd|")
    assert "\x1b[31mred\u202e" in got.note
    assert again.annotations.get(Subject.event(expo, event)).tags == ("ASEAN", "Follow-up")
    again.close()
    brief = runner.invoke(cli, ["export", "--db", str(fresh), "-f", "md", "--notes"])
    assert brief.exit_code == 0
    assert "## Your notes (the analyst's own, not from the sources)" in brief.output
    assert "\x1b" not in brief.output and "\u202e" not in brief.output
    assert "\\=cmd" in brief.output and "\\[b\\]" in brief.output  # literal, inert
    plain = runner.invoke(cli, ["export", "--db", str(fresh), "-f", "md"])
    assert "Your notes" not in plain.output


def test_an_import_with_a_bad_annotation_writes_nothing_and_names_the_field(
    tmp_path: Path,
) -> None:
    source = tmp_path / "a.db"
    store = open_store(source, create=True)
    store.write_bundle(tiny_bundle())
    store.close()
    runner = CliRunner()
    out = tmp_path / "out.json"
    runner.invoke(cli, ["export", "--db", str(source), "-f", "json", "-o", str(out)])
    doc = json.loads(out.read_text())
    doc["annotations"] = [
        {"kind": "country", "country": "AUS", "starred": True, "note": "fine"},
        {"kind": "country", "country": "FRA", "tags": ["a,b"]},
    ]
    out.write_text(json.dumps(doc))
    fresh = tmp_path / "fresh.db"
    result = runner.invoke(cli, ["import", "--db", str(fresh), str(out)])
    assert result.exit_code != 0
    assert "out.json" in result.output and "annotations[1]" in result.output
    assert "tags" in result.output
    assert not fresh.exists() or not open_store(fresh, readonly=True).expos()
