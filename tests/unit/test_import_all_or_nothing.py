"""One import is one transaction: every file is read and checked before anything is written,
one refused file means nothing of any file is written and the message names it, and a dry run
or a refusal leaves the store (an older schema's included) and its folder as they were."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from expo_tui import cli
from expo_tui.store import DataError, open_store
from expo_tui.store.connection import backup_path
from expo_tui.workflows.importing import plan_bundle, write_plans

from ..conftest import tiny_bundle
from ..old_stores import take_back_to_version_5


def document(slug: str, *, event: dict[str, object] | None = None) -> str:
    return json.dumps(
        {
            "format": "expo-tui",
            "version": 1,
            "expo": {
                "slug": slug,
                "name": slug.title(),
                "start_date": "2025-06-11",
                "end_date": "2025-06-12",
                "timezone": "Asia/Jakarta",
            },
            "events": [event or {"key": "e1", "title": "Talks", "date": "2025-06-11"}],
        }
    )


def folder_state(folder: Path) -> dict[str, str]:
    """Every file in `folder` with a hash of its bytes: what "left as it was" means."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def run_import(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli.main, ["import", *args])
    return result.exit_code, result.stderr


@pytest.fixture
def db(demo_db: Path) -> Path:
    return demo_db


def test_a_refused_second_file_leaves_the_first_unwritten_and_is_named(
    tmp_path: Path, db: Path
) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text(document("first"), encoding="utf-8")
    second.write_text(
        document("second", event={"key": "e1", "title": "T", "end_time": "10:00"}),
        encoding="utf-8",
    )
    before = folder_state(db.parent)
    code, err = run_import(str(first), str(second), "--db", str(db))
    assert code == 1
    assert str(second) in err and "'end_time'" in err
    assert folder_state(db.parent) == before


def test_a_record_the_store_refuses_names_its_plan_and_nothing_lands(db: Path) -> None:
    """Records in hand (not files): the second plan breaks a store rule, the first is not
    written either, and the error says which plan it was."""
    store = open_store(db)
    try:
        good = plan_bundle(store, tiny_bundle(slug="good"), label="candidate 1")
        bad_bundle = tiny_bundle(slug="bad")
        bad_event = dataclasses.replace(bad_bundle.events[0], order=0)
        with pytest.raises(DataError, match=r"^candidate 2: event 'e1', field order"):
            bad = plan_bundle(
                store, dataclasses.replace(bad_bundle, events=(bad_event,)), label="candidate 2"
            )
            write_plans(store, [good, bad])
        # a plan made before the rule was checked (or by a caller that skips plan_bundle)
        # is refused by the writer, and names its plan too
        unchecked = dataclasses.replace(good, label="candidate 3", bundle=bad_bundle)
        unchecked = dataclasses.replace(
            unchecked, bundle=dataclasses.replace(bad_bundle, events=(bad_event,))
        )
        with pytest.raises(DataError, match=r"^candidate 3: "):
            write_plans(store, [good, unchecked])
        assert store.expo("good") is None and store.expo("bad") is None
    finally:
        store.close()


def make_schema_2(path: Path) -> None:
    """Take a current store back to schema 2 (before expos.day_change), as release 2 left it."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        take_back_to_version_5(conn)
        conn.execute("ALTER TABLE expos DROP COLUMN day_change")
        conn.execute("PRAGMA user_version = 2")
    finally:
        conn.close()


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [*conn.iterdump(), str(conn.execute("PRAGMA user_version").fetchone()[0])]
    finally:
        conn.close()


@pytest.mark.parametrize("outcome", ["dry-run", "refused"])
def test_an_older_store_is_neither_upgraded_nor_backed_up_when_nothing_is_written(
    tmp_path: Path, db: Path, outcome: str
) -> None:
    make_schema_2(db)
    sheet = tmp_path / "day.csv"
    sheet.write_text(
        "title,date\nTalks,2025-01-11\n" if outcome == "dry-run" else "title,date\nT,31/6/2025\n",
        encoding="utf-8",
    )
    before = folder_state(db.parent)
    extra = ["--dry-run"] if outcome == "dry-run" else []
    code, err = run_import(str(sheet), "--db", str(db), "--expo", "demo", *extra)
    assert code == (0 if outcome == "dry-run" else 1), err
    assert folder_state(db.parent) == before  # no .bak, no upgrade, no journal left
    assert not backup_path(db, 2).exists()


def test_an_older_store_is_upgraded_and_backed_up_when_the_import_lands(
    tmp_path: Path, db: Path
) -> None:
    make_schema_2(db)
    original = dump(db)
    sheet = tmp_path / "day.csv"
    sheet.write_text("title,date\nTalks,2025-01-11\n", encoding="utf-8")
    code, err = run_import(str(sheet), "--db", str(db), "--expo", "demo")
    assert code == 0, err
    assert dump(backup_path(db, 2)) == original
    assert sorted(folder_state(db.parent)) == ["expo.db", "expo.db.schema2.bak"]


@pytest.mark.parametrize("outcome", ["dry-run", "refused"])
def test_a_store_named_but_missing_is_not_created_when_nothing_is_written(
    tmp_path: Path, outcome: str
) -> None:
    sheet = tmp_path / "day.csv"
    sheet.write_text(
        "title,date\nTalks,2025-06-12\n" if outcome == "dry-run" else "title,date\nT,31/6/2025\n",
        encoding="utf-8",
    )
    target = tmp_path / "new" / "expo.db"
    extra = ["--dry-run"] if outcome == "dry-run" else []
    code, err = run_import(str(sheet), "--db", str(target), "--expo", "x", *extra)
    assert code == (0 if outcome == "dry-run" else 1), err
    assert not target.exists()
    assert not target.parent.exists() or not any(target.parent.iterdir())
