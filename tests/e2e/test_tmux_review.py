"""End to end in a real terminal (tmux, a server of its own): ingest the test's article, open
the review screen, see the evidence, accept the call, find it on its day citing the article."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from .test_tmux import REPO, installed_expo_tui

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]
ARTICLE = REPO / "tests" / "fixtures" / "review" / "courtesy_call.txt"
URL = "https://news.example.org/2025/06/12/general-visits-army-chief"


class Server:
    """A tmux server on its own socket (`tmux -L name`), killed at the end."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.env = {k: v for k, v in os.environ.items() if k != "TMUX"} | {"TERM": "xterm-256color"}

    def run(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.name, *args],
            check=True,
            capture_output=True,
            text=True,
            env=self.env,
        ).stdout

    def capture(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.name)

    def send(self, *keys: str) -> None:
        for key in keys:
            self.run("send-keys", "-t", self.name, key)
            time.sleep(0.05)

    def wait_text(self, *texts: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.capture()
            if all(t in screen for t in texts):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {texts}; the screen was:\n{screen}")


def test_ingest_review_accept_and_find_the_call(tmp_path: Path) -> None:
    db = tmp_path / "expo.db"
    shutil.copy(REPO / "data" / "expo.db", db)
    db.chmod(0o644)
    command = installed_expo_tui()
    queued = subprocess.run(
        [command, "ingest", str(ARTICLE), "--db", str(db)], capture_output=True, text=True
    )
    assert queued.returncode == 0, queued.stderr
    assert "1 candidate(s)" in queued.stdout
    server = Server(f"expo-review-{uuid.uuid4().hex[:8]}")
    server.run(
        "new-session", "-d", "-s", server.name, "-x", "140", "-y", "40",
        f"'{command}' review --db '{db}'; sleep 60",
    )  # fmt: skip
    try:
        server.wait_text("Review · 1 pending · 0 decided", "courtesy_call.txt", "1 pending")
        server.wait_text("“JAKARTA: On 12 June 2025 the Chief of Staff", "Hafizuddeain")
        server.send("a")
        server.wait_text("0 pending · 1 decided", "Accepted #1.")
        server.send("Escape")
        server.wait_text("Countries", "Timeline")
        server.send("/", "m", "a", "l", "a", "y")
        server.wait_text("Malaysia")
        server.send("Enter", "2")
        screen = server.wait_text("Day 2 · Thu 12 Jun", "Jantan (Malaysia) calls on Maruli", URL)
        assert "Sources" in screen
    finally:
        server.run("kill-server")
