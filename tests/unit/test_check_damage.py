"""`check`'s blind spots, and imports into what it reports damaged (issue 12): hand-edited
counts went unnoticed, a missing search table made check itself fail, and imports wrote into
stores check called damaged. Each edit below is one a hand, a crash or another tool leaves."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from expo_tui import cli

from ..conftest import SHIPPED_DB

# (case, SQL that damages a copy of the shipped store, what `check` must say)
DAMAGE = [
    (
        "delegation-count",
        "UPDATE expo_country_counts SET delegations = delegations + 5 WHERE country_code = 'RUS'",
        "country RUS: 1 delegations, 1 events and 1 exhibitors, counted as 6, 1 and 1",
    ),
    (
        "exhibitor-count",
        "UPDATE expo_country_counts SET exhibitors = 0 WHERE country_code = 'KOR'",
        "country KOR:",
    ),
    (
        "count-with-nothing-to-count",
        "INSERT INTO expo_country_counts VALUES (1, 'ATA', 0, 3, 0)",
        "country ATA: 0 delegations, 0 events and 0 exhibitors, counted as 0, 3 and 0",
    ),
    (
        "day-with-no-events",
        "INSERT INTO expo_days VALUES (1, '2025-07-01', 4)",
        "day 2025-07-01: 0 events, counted as 4",
    ),
    ("search-table-dropped", "DROP TABLE search", "schema: table search is missing"),
    ("event-index-dropped", "DROP TABLE event_search", "schema: table event_search is missing"),
    (
        "trigger-dropped",
        "DROP TRIGGER delegations_count_insert",
        "schema: trigger delegations_count_insert is missing",
    ),
    ("index-dropped", "DROP INDEX idx_events_day", "schema: index idx_events_day is missing"),
]


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    db = tmp_path / "expo.db"
    shutil.copyfile(SHIPPED_DB, db)
    return db


def damaged(db: Path, sql: str) -> Path:
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute(sql)
    finally:
        conn.close()
    return db


@pytest.mark.parametrize(("case", "sql", "said"), DAMAGE, ids=[d[0] for d in DAMAGE])
def test_check_reports_the_damage_and_imports_refuse_to_write_into_it(
    tmp_path: Path, copy: Path, case: str, sql: str, said: str
) -> None:
    db = damaged(copy, sql)
    result = CliRunner().invoke(cli.main, ["check", "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert said in result.stdout, result.stdout
    assert "unexpected" not in result.output

    sheet = tmp_path / "day.csv"
    sheet.write_text("title,date\nTalks,2025-06-12\n", encoding="utf-8")
    before = hashlib.sha256(db.read_bytes()).digest()
    imported = CliRunner().invoke(
        cli.main, ["import", str(sheet), "--db", str(db), "--expo", "indodefence2025"]
    )
    assert imported.exit_code == 1
    assert "is damaged" in imported.stderr and "Nothing was written." in imported.stderr
    assert hashlib.sha256(db.read_bytes()).digest() == before


def test_check_reports_dates_no_import_accepts(copy: Path) -> None:
    db = damaged(copy, "UPDATE expos SET end_date = '9999-12-31'")
    result = CliRunner().invoke(cli.main, ["check", "--db", str(db)])
    assert result.exit_code == 1
    assert "dates: expo 'indodefence2025': 9999-12-31 is after 2200" in result.stdout
