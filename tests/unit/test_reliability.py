"""Bad databases and interrupted writes: clear errors, untouched files, no lost rows."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from expo_tui.store import (
    NotADatabaseError,
    ReadOnlyStoreError,
    StoreLockedError,
    StoreNotFoundError,
    open_store,
)
from expo_tui.store import connection as connection_module

from ..conftest import SHIPPED_DB, tiny_bundle


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def store_copy(tmp_path: Path) -> Path:
    target = tmp_path / "expo.db"
    shutil.copy(SHIPPED_DB, target)
    return target


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFoundError, match="No database at"):
        open_store(tmp_path / "nope.db")
    assert not (tmp_path / "nope.db").exists()


def test_damaged_pages_are_reported_not_crashed_on(store_copy: Path) -> None:
    data = bytearray(store_copy.read_bytes())
    page = 4096
    for offset in range(page * 3, min(len(data), page * 40)):
        data[offset] = 0xA5
    store_copy.write_bytes(bytes(data))
    before = store_copy.read_bytes()
    try:
        store = open_store(store_copy, readonly=True)
    except NotADatabaseError:
        pass
    else:
        try:
            problems = store.check()
            assert problems, "a damaged file must not check clean"
        except NotADatabaseError:
            pass
        finally:
            store.close()
    assert store_copy.read_bytes() == before


def test_read_only_store_refuses_writes_clearly(store_copy: Path) -> None:
    store = open_store(store_copy, readonly=True)
    before = dump(store_copy)
    with pytest.raises(ReadOnlyStoreError, match="read-only"):
        store.write_bundle(tiny_bundle())
    store.close()
    assert dump(store_copy) == before


def test_locked_store_waits_briefly_then_says_so(
    store_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection_module, "BUSY_TIMEOUT_SECONDS", 0.3)
    other = sqlite3.connect(store_copy, isolation_level=None)
    other.execute("PRAGMA journal_mode = WAL")
    other.execute("BEGIN IMMEDIATE")
    store = open_store(store_copy)
    started = time.monotonic()
    with pytest.raises(StoreLockedError, match="busy with another writer"):
        store.write_bundle(tiny_bundle())
    assert time.monotonic() - started < 5
    other.rollback()
    other.close()
    store.write_bundle(tiny_bundle())  # once the other writer is gone, the write lands
    assert store.expo("demo") is not None
    store.close()


def test_reader_keeps_working_while_another_process_writes(store_copy: Path) -> None:
    reader = open_store(store_copy)
    writer = open_store(store_copy)
    writer.write_bundle(tiny_bundle(slug="first"))
    expo = reader.expo("indodefence2025")
    assert expo is not None
    with writer.connection.transaction() as conn:  # a long write in progress elsewhere
        conn.execute("UPDATE events SET title = title || '!' WHERE key = 'ID25-E01'")
        assert len(reader.events(expo, "2025-06-12").items) == 8  # not blocked
        assert reader.event_by_key(expo, "ID25-E01").event.title.endswith("!") is False
    assert reader.event_by_key(expo, "ID25-E01").event.title.endswith("!")  # sees it after
    assert reader.expo("first") is not None
    reader.close()
    writer.close()


KILLED_WRITER = textwrap.dedent(
    """
    import datetime as dt, sys
    from expo_tui.records import EventRecord, ExpoBundle, ExpoRecord, SourceRecord
    from expo_tui.store import open_store

    url = "https://example.org/x"
    events = tuple(
        EventRecord(key=f"k{i}", title=f"Meeting {i}", date=dt.date(2025, 1, 10), sources=(url,))
        for i in range(200_000)
    )
    bundle = ExpoBundle(
        expo=ExpoRecord(slug="big", name="Big", start_date=dt.date(2025, 1, 10),
                        end_date=dt.date(2025, 1, 12), timezone="UTC"),
        sources=(SourceRecord(url=url),), events=events,
    )
    store = open_store(sys.argv[1])

    def progress(done):
        if done >= 1000:
            print("halfway", flush=True)
            import time
            time.sleep(60)

    store.write_bundle(bundle, progress=progress)
    """
)


def test_import_killed_halfway_leaves_the_store_as_it_was(store_copy: Path) -> None:
    before = dump(store_copy)
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(store_copy)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.strip() == "halfway"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    store = open_store(store_copy)
    try:
        assert store.expo("big") is None
        assert store.check() == []
    finally:
        store.close()
    assert dump(store_copy) == before


def test_expo_tui_import_killed_mid_write_loses_nothing(store_copy: Path, tmp_path: Path) -> None:
    """The real command, SIGKILLed once its write has begun (its journal exists)."""
    rows = ["key,date,time,title,kind,countries,source_url"]
    rows += [
        f"k{i},2025-06-1{1 + i % 4},{8 + i % 10:02d}:00,Meeting {i},bilateral_meeting,"
        f"Canada,https://example.org/{i % 50}"
        for i in range(20_000)
    ]
    big = tmp_path / "big.csv"
    big.write_text("\n".join(rows) + "\n", encoding="utf-8")
    before = dump(store_copy)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "expo_tui",
            "import",
            str(big),
            "--db",
            str(store_copy),
            "--expo",
            "indodefence2025",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    journals = [store_copy.with_name(store_copy.name + s) for s in ("-journal", "-wal")]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if any(j.exists() and j.stat().st_size > 0 for j in journals):
            break
        time.sleep(0.002)
    assert process.poll() is None, "the import finished before it could be interrupted"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    store = open_store(store_copy)
    try:
        expo = store.expo("indodefence2025")
        assert expo is not None and store.event_by_key(expo, "k1") is None
        assert store.check() == []
    finally:
        store.close()
    assert dump(store_copy) == before
