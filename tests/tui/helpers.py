"""Helpers for the explorer tests: read the screen as text, collect notifications, wait for
state rather than for fixed pauses."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

from rich.cells import cell_len
from textual.app import App
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed

REPO = Path(__file__).resolve().parents[2]
SHIPPED_DB = REPO / "data" / "expo.db"

_TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
                   r'clip-path="url\(#[\w-]+-line-(\d+)\)">(.*?)</text>', re.S)  # fmt: skip
CELL = 12.2  # width of a cell in Rich's SVG export


def screen_text(app: App) -> str:
    """The current screen as plain text, as the terminal shows it (from the SVG screenshot)."""
    lines: dict[int, list[tuple[int, str]]] = {}
    for x, line, text in _TEXT.findall(app.export_screenshot()):
        lines.setdefault(int(line), []).append((round(float(x) / CELL), html.unescape(text)))
    out = []
    for number in range(app.size.height):
        row = ""
        for column, text in sorted(lines.get(number, [])):
            row += " " * max(0, column - cell_len(row)) + text
        out.append(row.replace("\xa0", " ").rstrip())
    return "\n".join(out)


class Notes:
    """A `message_hook` that keeps the notifications the app shows."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.messages.append(str(message.notification.message))

    def text(self) -> str:
        return "\n".join(self.messages)


async def settle(pilot: Pilot, rounds: int = 4) -> None:
    """Let workers finish and their messages be handled (loads can chain, so repeat)."""
    app = pilot.app

    def details_due() -> bool:  # a details load throttled while keys repeat
        return any(getattr(screen, "details_pending", False) for screen in app.screen_stack)

    for _ in range(rounds):
        while details_due():
            await pilot.pause(0.02)
        for _attempt in range(5):
            try:
                await app.workers.wait_for_complete()
                break
            except (WorkerCancelled, WorkerFailed):  # superseded or reported: both fine here
                continue
        await pilot.pause()
        if all(w.is_finished for w in app.workers) and not details_due():
            break


async def press(pilot: Pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def wait_until(pilot: Pilot, condition: Callable[[], object], timeout: float = 5.0) -> None:
    """Wait until `condition()` holds (settling in between), or fail after `timeout` s."""
    waited = 0.0
    while not condition():
        if waited >= timeout:
            raise AssertionError(f"still not true after {timeout} s: {condition}")
        await settle(pilot, 1)
        await pilot.pause(0.02)
        waited += 0.02
