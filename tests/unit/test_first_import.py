"""The first import makes the user's own store from the shipped data: two at once both land
(neither replaces the store the other made), and one killed midway leaves nothing behind that
the next import does not clear away."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from expo_tui.store import open_store
from expo_tui.workflows.importing import ImportRequest, import_files

# Runs one first import into the user store at USER, once a start file appears, so that two of
# them begin together; HOLD makes the import wait with its temporary store half made.
FIRST_IMPORT = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from expo_tui import paths
    from expo_tui.workflows import importing
    user, sheet, start, slug = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
    paths.user_db = lambda: user
    os.environ.pop(paths.ENV_DB, None)
    if os.environ.get("HOLD"):
        write = importing.write_plans
        def held(*args, **kwargs):
            print("holding", flush=True)
            time.sleep(60)
        importing.write_plans = held
    while not start.exists():
        time.sleep(0.005)
    report = importing.import_files(importing.ImportRequest(files=(sheet,), expo_slug=slug))
    print("created" if report.created_store else "imported", flush=True)
    """
)


def first_import(
    tmp_path: Path, user: Path, slug: str, *, hold: bool = False
) -> subprocess.Popen[str]:
    sheet = tmp_path / f"{slug}.csv"
    sheet.write_text(f"title,date\nTalks of {slug},2025-06-12\n", encoding="utf-8")
    env = {**os.environ, "HOLD": "1" if hold else ""}
    return subprocess.Popen(
        [sys.executable, "-c", FIRST_IMPORT, str(user), str(sheet), str(tmp_path / "go"), slug],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_two_first_imports_at_once_both_land(tmp_path: Path) -> None:
    user = tmp_path / "home" / "expo.db"
    one, two = first_import(tmp_path, user, "one"), first_import(tmp_path, user, "two")
    time.sleep(1.5)  # both interpreters are up and waiting
    (tmp_path / "go").touch()
    outcomes = [p.communicate(timeout=120) for p in (one, two)]
    assert [p.returncode for p in (one, two)] == [0, 0], outcomes
    # one made the store; the other found it made and imported into it
    assert sorted(out.strip() for out, _ in outcomes) == ["created", "imported"]
    assert sorted(p.name for p in user.parent.iterdir()) == ["expo.db"]
    store = open_store(user, readonly=True)
    try:
        assert {e.slug for e in store.expos()} == {"indodefence2025", "one", "two"}
    finally:
        store.close()


def test_a_killed_first_import_leaves_nothing_the_next_one_keeps(tmp_path: Path) -> None:
    user = tmp_path / "home" / "expo.db"
    (tmp_path / "go").touch()
    killed = first_import(tmp_path, user, "one", hold=True)
    assert killed.stdout is not None and killed.stdout.readline().strip() == "holding"
    leftovers = sorted(p.name for p in user.parent.iterdir())
    assert leftovers and all(n.startswith(".expo-import-") for n in leftovers)
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait()
    assert not user.exists()  # nothing half-made is ever the user's store

    sheet = tmp_path / "two.csv"
    sheet.write_text("title,date\nTalks,2025-06-12\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        from expo_tui import paths

        patch.setattr(paths, "user_db", lambda: user)
        patch.delenv(paths.ENV_DB, raising=False)
        assert import_files(ImportRequest(files=(sheet,), expo_slug="two")).created_store
    assert sorted(p.name for p in user.parent.iterdir()) == ["expo.db"]
