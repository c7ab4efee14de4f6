"""Opening an older store upgrades it with its rows kept; a newer one is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from expo_tui.store import (
    SCHEMA_VERSION,
    NotADatabaseError,
    SchemaTooNewError,
    migrations,
    open_store,
    schema,
)
from expo_tui.store.connection import backup_path

from ..conftest import tiny_bundle
from ..old_stores import take_back_to_version_4, take_back_to_version_5


def make_version_1_store(path: Path) -> None:
    """A store as release 1 wrote it: base tables only, no summary tables."""
    conn = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(conn, execute_plugins=False)
    schema.create_base_tables(db)
    migrations.fill_countries(db)
    conn.execute("PRAGMA user_version = 1")
    conn.close()


def test_version_1_store_is_upgraded_with_rows_kept_and_backed_up(tmp_path: Path) -> None:
    # Write real rows with the current writer, then take the file back to version 1.
    current = tmp_path / "expo.db"
    store = open_store(current, create=True)
    store.write_bundle(tiny_bundle())
    store.close()
    conn = sqlite3.connect(current, isolation_level=None)
    events_before = conn.execute("SELECT * FROM events").fetchall()
    take_back_to_version_4(conn)
    conn.executescript(
        "DROP TABLE expo_days; DROP TABLE expo_country_counts; PRAGMA user_version = 1;"
    )
    for (trigger,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    ).fetchall():
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.close()

    store = open_store(current)
    try:
        (expo,) = store.expos()
        assert [d.events for d in store.days(expo) if d.key == "2025-01-11"] == [1]
        assert store.countries(expo).items[0].events == 1
        assert store.check() == []
    finally:
        store.close()
    conn = sqlite3.connect(current)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT * FROM events").fetchall() == events_before
    conn.close()
    backup = backup_path(current, 1)
    assert backup.exists()
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    old.close()


def test_empty_version_1_schema_migrates(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_version_1_store(path)
    store = open_store(path)
    store.write_bundle(tiny_bundle())
    assert store.check() == []
    store.close()


def test_newer_store_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    store = open_store(path, create=True)
    store.close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="newer expo-tui"):
        open_store(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not SQLite" * 100)
    with pytest.raises(NotADatabaseError):
        open_store(path)
    assert path.read_bytes() == b"these are my notes, not SQLite" * 100


def test_another_apps_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotADatabaseError, match="not an expo-tui database"):
        open_store(path)


def test_version_2_store_gains_day_change_and_opens(tmp_path: Path) -> None:
    # Version 2 had no expos.day_change; reading expos must not fail after the upgrade.
    path = tmp_path / "v2.db"
    store = open_store(path, create=True)
    store.write_bundle(tiny_bundle())
    store.close()
    conn = sqlite3.connect(path, isolation_level=None)
    take_back_to_version_5(conn)
    conn.executescript("ALTER TABLE expos DROP COLUMN day_change; PRAGMA user_version = 2;")
    conn.close()
    store = open_store(path)
    try:
        (expo,) = store.expos()
        assert expo.day_change is None
        assert store.check() == []
    finally:
        store.close()
    assert backup_path(path, 2).exists()


def test_version_2_store_that_already_has_day_change_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "v2b.db"
    open_store(path, create=True).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA user_version = 2")
    conn.close()
    open_store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
