"""Stores written before dates were checked can hold absurd ones: an expo of 2.9 million days
(a CSV row dated 31/12/9999), events in year 1 or 9999. Reading them takes the time their
rows warrant, and every export still works."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from expo_tui import cli
from expo_tui.store import open_store

from ..conftest import tiny_bundle


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The one-event demo store, made once: each test edits a copy."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    store = open_store(db, create=True)
    store.write_bundle(tiny_bundle())
    store.close()
    return db


@pytest.fixture
def absurd_store(tmp_path: Path, demo_store: Path) -> Callable[..., Path]:
    """The demo store with its expo and events moved to dates no import accepts now (as an
    older release wrote them, or a hand edit)."""

    def make(start: str, end: str, *event_dates: str) -> Path:
        db = tmp_path / "old.db"
        shutil.copyfile(demo_store, db)
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE expos SET start_date = ?, end_date = ?", (start, end))
            for n, date in enumerate(event_dates):
                if n == 0:
                    conn.execute("UPDATE events SET date = ?", (date,))
                else:
                    conn.execute(
                        "INSERT INTO events (expo_id, key, date, kind, status, title, sort_key) "
                        "SELECT expo_id, ?, ?, kind, status, title, sort_key FROM events LIMIT 1",
                        (f"extra{n}", date),
                    )
        return db

    return make


def test_a_span_of_millions_of_days_lists_only_the_days_that_matter(
    absurd_store: Callable[..., Path],
) -> None:
    db = absurd_store("2025-06-12", "9999-12-31", "2025-06-13", "9999-12-31")
    store = open_store(db, readonly=True)
    try:
        expo = store.expos()[0]
        started = time.monotonic()
        days = store.days(expo)
        assert time.monotonic() - started < 1.0
        assert [(d.key, d.number, d.events) for d in days] == [
            ("2025-06-12", 1, 0),
            ("2025-06-13", 2, 1),
            ("9999-12-31", (dt.date.max - dt.date(2025, 6, 12)).days + 1, 1),
        ]
    finally:
        store.close()


@pytest.mark.parametrize("command", [["expos"], ["meetings", "--day", "all"], ["check"]])
def test_commands_on_an_absurd_span_finish_promptly(
    absurd_store: Callable[..., Path], command: list[str]
) -> None:
    db = absurd_store("2025-06-12", "9999-12-31", "2025-06-13")
    started = time.monotonic()
    result = CliRunner().invoke(cli.main, ["--db", str(db), *command])
    assert time.monotonic() - started < 5.0
    assert "unexpected" not in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("start", "end", "dates"),
    [
        ("0001-01-01", "0001-01-03", ("0001-01-01",)),
        ("9999-12-29", "9999-12-31", ("9999-12-31",)),
    ],
    ids=["year-1", "year-9999"],
)
@pytest.mark.parametrize("fmt", ["ics", "csv", "json", "md"])
def test_exports_work_at_the_ends_of_the_calendar(
    tmp_path: Path,
    absurd_store: Callable[..., Path],
    start: str,
    end: str,
    dates: tuple[str, ...],
    fmt: str,
) -> None:
    db = absurd_store(start, end, *dates)
    with sqlite3.connect(db) as conn:  # an undated event spans the whole expo in a calendar
        conn.execute(
            "INSERT INTO events (expo_id, key, kind, status, title, sort_key) "
            "SELECT expo_id, 'undated', kind, status, 'Undated', sort_key FROM events LIMIT 1"
        )
        conn.execute(
            "INSERT INTO events (expo_id, key, date, start_time, end_time, kind, status, title, "
            "sort_key) SELECT expo_id, 'late', ?, '23:00', '01:00', kind, status, 'Late', "
            "sort_key FROM events LIMIT 1",
            (dates[-1],),
        )
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(cli.main, ["export", "--db", str(db), "-f", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    if fmt == "ics":
        from icalendar import Calendar

        calendar = Calendar.from_ical(out.read_bytes())
        assert len(calendar.walk("VEVENT")) == 3
