"""Two writers and a reader on one store at once, as two colleagues' imports and an export
(or the explorer) meet on a shared laptop.

Two processes run `expo-tui import` round after round (one brings a rich JSON record of a
person first, the other only knows the person's name); meanwhile a reader exports the store
over and over. Every import lands whole or is refused whole (another writer held the store
past the busy timeout: "… is busy with another writer"), every export holds each import's
events all or none, nothing that landed is ever lost, and the rich record stands.

CONCURRENCY_ROUNDS sets the rounds per writer; CONCURRENCY_REPORT=path writes the figures
docs/reliability.md quotes.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from expo_tui.export.collect import Selection
from expo_tui.store import StoreError, open_store
from expo_tui.workflows.exporting import write_export

ROUNDS = int(os.environ.get("CONCURRENCY_ROUNDS", "4"))
EVENTS_PER_IMPORT = 300  # enough for the writers' transactions to overlap
RICH = {
    "format": "expo-tui",
    "version": 1,
    "expo": {
        "slug": "shared",
        "name": "Shared Expo",
        "start_date": "2025-06-11",
        "end_date": "2025-06-14",
        "timezone": "Asia/Jakarta",
    },
    "sources": [{"url": "https://e.example/report", "publisher": "ANTARA"}],
    "people": [{"key": "agus-subiyanto", "name": "Agus Subiyanto", "rank": "General"}],
    "events": [
        {
            "key": "rich",
            "title": "Opening",
            "date": "2025-06-11",
            "participants": [{"person": "agus-subiyanto", "role": "host"}],
            "sources": ["https://e.example/report"],
        }
    ],
}


def sheet(folder: Path, writer: str, round_: int) -> Path:
    """One import's CSV: its own events, all naming the person the rich record knows."""
    path = folder / f"{writer}-{round_}.csv"
    rows = [
        f"{writer}-{round_}-{n},{writer} talk {n},2025-06-12,Agus Subiyanto (host),"
        "https://e.example/report"
        for n in range(EVENTS_PER_IMPORT)
    ]
    path.write_text("key,title,date,participants,sources\n" + "\n".join(rows) + "\n", "utf-8")
    return path


def import_(db: Path, path: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "expo_tui", "import", str(path), "--db", str(db)]
    return subprocess.run([*command, "--expo", "shared"], capture_output=True, text=True)


def test_two_writers_and_a_reader(tmp_path: Path) -> None:
    db = tmp_path / "expo.db"
    rich = tmp_path / "rich.json"
    rich.write_text(json.dumps(RICH), encoding="utf-8")
    figures: Counter[str] = Counter()
    landed: set[str] = set()  # the imports that said they landed
    lock = threading.Lock()
    done = threading.Event()
    failures: list[str] = []

    def writer(name: str, first: Path | None) -> None:
        jobs = ([(first, None)] if first else []) + [
            (sheet(tmp_path, name, r), f"{name}-{r}") for r in range(ROUNDS)
        ]
        for path, group in jobs:
            while True:
                outcome = import_(db, path)
                with lock:
                    figures["imports tried"] += 1
                if outcome.returncode == 0:
                    with lock:
                        figures["imports landed"] += 1
                        if group:
                            landed.add(group)
                    break
                if "busy with another writer" in outcome.stderr:
                    with lock:
                        figures["imports refused: busy"] += 1
                    continue  # refused whole; try again, as a user would
                failures.append(f"{path.name}: {outcome.stderr.strip()}")
                break

    def reader() -> None:
        seen: set[str] = set()  # imports an earlier export held
        while not done.is_set():
            try:
                store = open_store(db, readonly=True)
            except StoreError:  # not made yet
                time.sleep(0.05)
                continue
            try:
                expo = store.expo("shared")
                if expo is None:
                    continue
                out = io.BytesIO()
                write_export(store, Selection(expo), "json", out)
            finally:
                store.close()
            keys = [e["key"] for e in json.loads(out.getvalue())["events"]]
            groups = Counter(k.rsplit("-", 1)[0] for k in keys if k != "rich")
            with lock:
                figures["exports read"] += 1
                torn = [g for g, n in groups.items() if n != EVENTS_PER_IMPORT]
                figures["exports torn"] += bool(torn)
                # what one export held, every later one holds too
                figures["rows lost"] += EVENTS_PER_IMPORT * len(seen - set(groups))
                seen |= set(groups)

    threads = [
        threading.Thread(target=writer, args=("a", rich)),
        threading.Thread(target=writer, args=("b", None)),
    ]
    watcher = threading.Thread(target=reader)
    watcher.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    done.set()
    watcher.join(timeout=120)

    assert not failures, failures
    store = open_store(db, readonly=True)
    try:
        expo = store.expo("shared")
        assert expo is not None and expo.timezone == "Asia/Jakarta"  # the sheets assumed UTC
        out = io.BytesIO()
        write_export(store, Selection(expo), "json", out)
        keys = {e["key"] for e in json.loads(out.getvalue())["events"]}
        groups = Counter(k.rsplit("-", 1)[0] for k in keys if k != "rich")
        assert set(groups) == landed == {f"{w}-{r}" for w in "ab" for r in range(ROUNDS)}
        assert set(groups.values()) == {EVENTS_PER_IMPORT}
        person = store.person("agus-subiyanto")
        assert person is not None and person.rank == "General"  # the sheets know a name only
        assert store.damage() == []
    finally:
        store.close()
    assert figures["exports read"] > 0 and figures["exports torn"] == 0
    assert figures["rows lost"] == 0
    if report := os.environ.get("CONCURRENCY_REPORT"):
        Path(report).write_text(json.dumps(dict(figures), indent=1), encoding="utf-8")
