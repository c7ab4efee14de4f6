"""The shipped database is exactly what `expo-tui build` makes from the records under data/."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from expo_tui.ingest.build import BuildError, build_database
from expo_tui.ingest.errors import IngestError
from expo_tui.ingest.project_format import read_folder
from expo_tui.store import open_store

from ..conftest import DATA_DIR, SHIPPED_DB


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_committed_database_matches_a_fresh_build(tmp_path: Path) -> None:
    fresh = tmp_path / "expo.db"
    build_database(DATA_DIR, fresh)
    assert dump(fresh) == dump(SHIPPED_DB), (
        "data/expo.db is stale: run `expo-tui build data -o data/expo.db` and commit it"
    )


def test_shipped_file_uses_a_rollback_journal() -> None:
    conn = sqlite3.connect(f"file:{SHIPPED_DB}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()


def test_records_hold_every_fact_of_the_research() -> None:
    bundle = read_folder(DATA_DIR / "indodefence2025")
    assert (
        len(bundle.events),
        len(bundle.delegations),
        len(bundle.exhibitors),
        len(bundle.figures),
        len(bundle.sources),
    ) == (39, 14, 35, 26, 54)
    seed = "https://www.antaranews.com/berita/4902969/upaya-indonesia-jadi-juru-damai-dunia-melalui-indo-defence-2025"
    assert bundle.sources[0].url == seed
    for record in (*bundle.events, *bundle.delegations, *bundle.exhibitors, *bundle.figures):
        assert record.sources, record
    ksad = [e for e in bundle.events if e.order_scope and e.order_scope.startswith("KSAD")]
    assert [(e.order, e.participants[-1].person) for e in ksad] == [
        (1, "kioumars-heydari"),
        (2, "derek-allen-macaulay"),
        (3, "mikhail-petukhov"),
    ]
    timed = [e.key for e in bundle.events if e.start_time is not None]
    assert timed == ["ID25-E29"]  # only the public day's opening hours were published


def _copy_records(tmp_path: Path) -> Path:
    target = tmp_path / "data" / "indodefence2025"
    target.mkdir(parents=True)
    for file in (DATA_DIR / "indodefence2025").iterdir():
        target.joinpath(file.name).write_bytes(file.read_bytes())
    return target


def test_a_bad_record_names_file_line_and_field_and_writes_nothing(tmp_path: Path) -> None:
    records = _copy_records(tmp_path)
    lines = (records / "events.jsonl").read_text().splitlines()
    event = json.loads(lines[4])
    event["kind"] = "party"
    lines[4] = json.dumps(event)
    (records / "events.jsonl").write_text("\n".join(lines) + "\n")
    output = tmp_path / "out.db"
    with pytest.raises(IngestError) as caught:
        build_database(records.parent, output)
    assert "events.jsonl" in str(caught.value) and "line 5" in str(caught.value)
    assert "'kind'" in str(caught.value)
    assert not output.exists()


def test_an_unsourced_event_fails_the_build(tmp_path: Path) -> None:
    records = _copy_records(tmp_path)
    lines = (records / "events.jsonl").read_text().splitlines()
    event = json.loads(lines[0])
    event["sources"] = []
    lines[0] = json.dumps(event)
    (records / "events.jsonl").write_text("\n".join(lines) + "\n")
    with pytest.raises(BuildError) as caught:
        build_database(records.parent, tmp_path / "out.db")
    assert any("cites no source" in p.message for p in caught.value.problems)


def test_build_output_opens_and_checks_clean(tmp_path: Path) -> None:
    output = tmp_path / "expo.db"
    build_database(DATA_DIR, output)
    store = open_store(output, readonly=True)
    try:
        assert store.check() == []
    finally:
        store.close()
