"""End to end: the installed `expo-tui` in a real terminal (tmux), driven by keys."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def installed_expo_tui() -> str:
    candidate = Path(sys.executable).parent / "expo-tui"
    found = str(candidate) if candidate.exists() else shutil.which("expo-tui")
    if found is None:
        pytest.fail("the expo-tui command is not installed next to this Python")
    return found


class Tmux:
    def __init__(self, name: str, env: dict[str, str]) -> None:
        self.name = name
        self.env = env

    def run(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", *args], check=True, capture_output=True, text=True, env=self.env
        ).stdout

    def capture(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.name)

    def send(self, *keys: str) -> None:
        for key in keys:
            self.run("send-keys", "-t", self.name, key)
            time.sleep(0.05)

    def wait_for(self, predicate, timeout: float = 15.0) -> str:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.capture()
            if predicate(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out; the screen was:\n{screen}")

    def wait_text(self, *texts: str, timeout: float = 15.0) -> str:
        return self.wait_for(lambda s: all(t in s for t in texts), timeout)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    copy = tmp_path / "expo.db"
    shutil.copy(REPO / "data" / "expo.db", copy)
    return copy


def footer(screen: str) -> str:
    lines = screen.rstrip("\n").splitlines()
    return lines[-1] if lines else ""


def in_order(screen: str, *needles: str) -> bool:
    positions = [screen.find(n) for n in needles]
    return all(p >= 0 for p in positions) and positions == sorted(positions)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_explorer_in_tmux(tmp_path: Path, db: Path, size: tuple[int, int]) -> None:
    width, height = size
    status = tmp_path / "status"
    name = f"expo-e2e-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "TERM": "xterm-256color", "TMUX": ""}
    env.pop("TMUX")
    command = f"'{installed_expo_tui()}' --db '{db}'; echo $? > '{status}'"
    tmux = Tmux(name, env)
    tmux.run(
        "new-session",
        "-d",
        "-s",
        name,
        "-x",
        str(width),
        "-y",
        str(height),
        "-e",
        "TERM=xterm-256color",
        command,
    )
    try:
        tmux.wait_text("Indo Defence 2025", "Countries", "Iran", "Canada", "Russia", "Timeline")

        tmux.send("/", "r", "u", "s")
        tmux.wait_for(
            lambda s: (
                "Rusia" in s
                and "Canada" not in s.split("Timeline")[0]
                and "Iran" not in s.split("Details")[0]
            )
        )
        tmux.send("Enter")  # focus moves to the details: the footer lists the day keys again
        tmux.wait_for(
            lambda s: "Mikhail Petukhov" in s and "KSAD meets" in s and "All days" in footer(s)
        )

        tmux.send("Escape")  # back to the filtered country list, where keys are commands
        tmux.send("Escape")  # clears the search; Russia stays selected
        tmux.wait_text("Iran", "Canada")
        tmux.send("2")

        def army_chiefs_meetings(screen: str) -> bool:
            # at 80 columns the kind gives way to the titles: find the chain's rows by "KSAD"
            rows = "\n".join(line for line in screen.splitlines() if "KSAD" in line)
            return "Day 2 · Thu 12 Jun" in screen and in_order(rows, "IRN", "CAN", "RUS")

        tmux.wait_for(army_chiefs_meetings)

        tmux.send("?")
        tmux.wait_text("Keys", "List every key", "command-palette", "day.previous")
        tmux.send("Escape")
        tmux.wait_for(lambda s: "List every key" not in s)

        tmux.send("q")
        deadline = time.monotonic() + 15
        while not status.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.2)
        assert status.read_text().strip() == "0"
    finally:
        subprocess.run(
            ["tmux", "kill-session", "-t", name], capture_output=True, env=env, check=False
        )


def start(tmp_path: Path, db: Path, width: int, height: int) -> tuple[Tmux, Path]:
    status = tmp_path / "status"
    name = f"expo-e2e-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("TMUX", None)
    command = f"'{installed_expo_tui()}' --db '{db}'; echo $? > '{status}'"
    tmux = Tmux(name, env)
    tmux.run(
        "new-session", "-d", "-s", name, "-x", str(width), "-y", str(height),
        "-e", "TERM=xterm-256color", command,
    )  # fmt: skip
    return tmux, status


def test_the_analysts_views_in_tmux(tmp_path: Path, db: Path) -> None:
    """Issue 17's flows: the matrix and a cell's events, the facets, the ledger, the search
    that forgives ranks; then the CLI's views."""
    tmux, status = start(tmp_path, db, 120, 40)
    try:
        tmux.wait_text("Indo Defence 2025", "Countries", "Timeline")

        tmux.send("m")  # the whole expo: Indonesia's row has Iran, Canada and Russia
        screen = tmux.wait_text("Bilateral matrix", "the whole expo", "IRN", "CAN", "RUS")
        header = next(line for line in screen.splitlines() if " IDN " in line and "total" in line)
        codes = [word for word in header.split() if len(word) == 3 and word.isupper()]
        indonesia = next(line for line in screen.splitlines() if "Indonesia" in line)
        counts = indonesia.split("Indonesia", 1)[1].split()[1:]  # after the row's total
        for code in ("IRN", "CAN", "RUS"):
            assert counts[codes.index(code)].isdigit(), (code, indonesia)
        tmux.send(*["l"] * (codes.index("RUS") - 1))  # from Indonesia x the first counterpart
        tmux.wait_text("Indonesia × Russia: 1 event together")
        tmux.send("Enter")
        tmux.wait_text("KSAD meets Russian delegation", "Day 2 · Thu 12 Jun 2025")
        tmux.send("Escape", "Escape")
        tmux.wait_for(lambda s: "Bilateral matrix" not in s and "Countries" in s)

        tmux.send("0", "F")  # every day; the facets: only signings
        tmux.wait_text("Facets", "Signing (MoU / contract)", "ASEAN")
        tmux.send("j", "j", "j", "j", "Space")
        tmux.wait_text("[x] Signing (MoU / contract)")
        tmux.send("Escape")  # the timeline and the country list follow as it closes
        tmux.wait_for(lambda s: "space toggles" not in s and "only MoU" in s)
        tmux.send("F")
        tmux.wait_text("space toggles")
        tmux.send(*["j"] * 14, "Space")  # then only ASEAN members
        tmux.wait_text("(•) ASEAN")
        tmux.send("Escape")
        tmux.wait_for(lambda s: "space toggles" not in s)

        def only_asean_signings(screen: str) -> bool:
            countries = [line for line in screen.splitlines() if "host" in line or "Rusia" in line]
            return (
                "only MoU · ASEAN" in screen
                and "Countries · 1 match" in screen
                and "KAAN" in screen
                and not any("Rusia" in line for line in countries)
            )

        tmux.wait_for(only_asean_signings)
        tmux.send("F")
        tmux.wait_text("space toggles")
        tmux.send("c", "Escape")  # every event again
        # (a key sent right after esc would be read as alt+key: wait for esc to land)
        tmux.wait_for(lambda s: "space toggles" not in s and "only MoU" not in s)

        tmux.send("a")
        tmux.wait_text("Agreements ledger", "Indonesia and Türkiye sign KAAN fighter MoU")
        tmux.send("j")  # the KAAN MoU, second on the first day
        tmux.wait_text("Parties", "IDN: Ministry of Defence of Indonesia", "TUR: SSB")
        tmux.send("Escape")
        tmux.wait_for(lambda s: "Agreements ledger" not in s)

        tmux.send("/", *"Letjen Macaulay")
        tmux.wait_for(lambda s: "Countries · 1 match" in s and "Kanada" in s and "Rusia" not in s)
        tmux.send("Escape")
        tmux.wait_for(lambda s: "Countries · 1 match" not in s)
        tmux.send("q")
        deadline = time.monotonic() + 15
        while not status.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert status.read_text().strip() == "0"
    finally:
        subprocess.run(["tmux", "kill-session", "-t", tmux.name], capture_output=True, check=False)

    def cli(*args: str) -> str:
        return subprocess.run(
            [installed_expo_tui(), "--db", str(db), *args],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip

    assert "Ministry of Defence of Indonesia" in cli("search", "Kemhan")
    matrix = json.loads(cli("matrix", "--json"))
    assert matrix["countries"][0]["code"] == "IDN" and matrix["pairs"]
    ledger = json.loads(cli("agreements", "--json"))
    assert any("KAAN" in a["title"] for a in ledger)
