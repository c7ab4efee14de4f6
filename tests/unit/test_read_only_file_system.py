"""A store that has been imported into is in WAL mode, and SQLite reads one only with a
shared-memory file beside it. On a read-only file system (a mounted image, a locked-down
share) no command could open it ("unable to open database file"). Now every reading command
opens it read-only, immutable where it must; an import says it cannot write, in one line.

Permissions do not stop root (how CI runs), so the file system is made read-only for real:
a read-only bind mount inside a private mount namespace (`unshare`), which nothing outside
the test sees.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from expo_tui.store import open_store

from ..conftest import tiny_bundle


def _unshare() -> list[str] | None:
    """How to get a private mount namespace here, or None when the system allows none."""
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return None
    for command in (["unshare", "-rm"], ["unshare", "-m"]):
        probe = subprocess.run(
            [*command, "sh", "-c", "mount -t tmpfs none /mnt 2>/dev/null || true; true"],
            capture_output=True,
        )
        if probe.returncode == 0:
            return command
    return None


UNSHARE = _unshare()
pytestmark = pytest.mark.skipif(UNSHARE is None, reason="no private mount namespace here")


def read_only(folder: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """Run `command` with `folder` mounted read-only over itself (only for that command)."""
    assert UNSHARE is not None
    script = (
        f'mount --bind "{folder}" "{folder}" && mount -o remount,ro,bind "{folder}" "{folder}"'
        ' && exec "$@"'
    )
    return subprocess.run(
        [*UNSHARE, "sh", "-c", script, "sh", *command],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def wal_store(demo_db: Path) -> Path:
    """A store that has been written to (so in WAL mode), closed cleanly."""
    with sqlite3.connect(demo_db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    assert sorted(p.name for p in demo_db.parent.iterdir()) == ["expo.db"]
    return demo_db


@pytest.mark.parametrize(
    "command",
    [["expos"], ["meetings"], ["check"], ["export", "-f", "csv"], ["search", "Ana"]],
)
def test_reading_commands_open_a_wal_store_on_a_read_only_file_system(
    wal_store: Path, command: list[str]
) -> None:
    done = read_only(wal_store.parent, sys.executable, "-m", "expo_tui", "--db", str(wal_store), *command)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() and "unexpected" not in done.stderr


def test_the_explorer_opens_it_read_only(wal_store: Path) -> None:
    """The explorer opens its store through workflows.stores.open_for_reading."""
    code = (
        "import sys\nfrom expo_tui.workflows.stores import open_for_reading\n"
        "store = open_for_reading(sys.argv[1])\n"
        "print(store.readonly, [e.slug for e in store.expos()])"
    )
    done = read_only(wal_store.parent, sys.executable, "-c", code, str(wal_store))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True ['demo']"


def test_an_import_there_is_refused_in_one_line(wal_store: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "day.csv"
    sheet.write_text("title,date\nTalks,2025-01-11\n", encoding="utf-8")
    command = ["import", str(sheet), "--db", str(wal_store), "--expo", "demo"]
    done = read_only(wal_store.parent, sys.executable, "-m", "expo_tui", *command)
    assert done.returncode == 1
    assert done.stderr.strip().endswith("is read-only); nothing was written."), done.stderr
    assert "unexpected" not in done.stderr


def test_changes_still_in_the_journal_are_said_not_hidden(tmp_path: Path) -> None:
    """A store copied while a writer had it open: its -wal holds committed rows that an
    immutable read would not see. That is refused with a reason, not shown without them."""
    folder = tmp_path / "copy"
    folder.mkdir()
    live = tmp_path / "live.db"
    store = open_store(live, create=True)
    store.write_bundle(tiny_bundle())
    keep_open = sqlite3.connect(live)  # a second reader: the writer's close is not the
    keep_open.execute("SELECT count(*) FROM expos").fetchone()  # last, so the WAL stays
    store.write_bundle(tiny_bundle(slug="later"))
    store.close()
    shutil.copy(live, folder / "expo.db")
    shutil.copy(f"{live}-wal", folder / "expo.db-wal")
    keep_open.close()
    db = folder / "expo.db"
    done = read_only(folder, sys.executable, "-m", "expo_tui", "--db", str(db), "expos")
    assert done.returncode == 1
    assert "changes not yet saved into the file" in done.stderr, done.stderr
    assert "unexpected" not in done.stderr
