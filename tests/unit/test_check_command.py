"""`expo-tui check`: exit 0 on a sound store, 1 with the list of problems otherwise."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from expo_tui import cli

from ..conftest import SHIPPED_DB


def check(db: Path):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli.main, ["check", "--db", str(db)])


def test_shipped_store_checks_clean() -> None:
    result = check(SHIPPED_DB)
    assert result.exit_code == 0, result.output
    assert "no problems found" in result.stdout


def test_problems_are_listed_and_exit_status_is_one(tmp_path: Path) -> None:
    db = tmp_path / "expo.db"
    shutil.copyfile(SHIPPED_DB, db)
    conn = sqlite3.connect(db)
    # An unsourced event, a stale search row and a dangling foreign key: what hand edits leave.
    conn.execute(
        "DELETE FROM event_sources WHERE event_id = (SELECT id FROM events WHERE key = 'ID25-E17')"
    )
    conn.execute("UPDATE people SET name = 'Someone Else' WHERE key = 'mikhail-petukhov'")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO event_sources (event_id, source_id) VALUES (99999, 1)")
    conn.commit()
    conn.close()
    result = check(db)
    assert result.exit_code == 1
    out = result.stdout
    assert "event 'ID25-E17' (indodefence2025) cites no source" in out
    assert "person mikhail-petukhov: indexed text is out of date" in out
    assert "foreign keys: event_sources" in out
    assert "problem(s) found" in result.stderr


def test_the_count_is_the_real_one_when_the_list_is_cut(tmp_path: Path) -> None:
    db = tmp_path / "expo.db"
    shutil.copyfile(SHIPPED_DB, db)
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM event_sources")  # all 39 events lose their sources
    conn.commit()
    conn.close()
    result = check(db)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len([line for line in lines if "cites no source" in line]) == 20
    assert lines[-1] == "sources: … and 19 more events that cite no source"
    assert "39 problem(s) found" in result.stderr
