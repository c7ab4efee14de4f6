"""Helpers for the explorer tests: build apps over stores, read the screen as text."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed

REPO = Path(__file__).resolve().parents[2]
SHIPPED_DB = REPO / "data" / "expo.db"


def screen_text(app: App) -> str:
    """The current screen as plain text, exactly as the terminal would show it."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        record=True,
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
        safe_box=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text(styles=False)


async def settle(pilot: Pilot, rounds: int = 4) -> None:
    """Let workers finish and their messages be handled (loads can chain, so repeat)."""
    app = pilot.app
    for _ in range(rounds):
        # a details load throttled while keys repeat (ExplorerScreen._details_follow)
        while any(getattr(screen, "details_pending", False) for screen in app.screen_stack):
            await pilot.pause(0.02)
        for _attempt in range(5):
            try:
                await app.workers.wait_for_complete()
                break
            except (WorkerCancelled, WorkerFailed):  # superseded or reported: both fine here
                continue
        await pilot.pause()
        if all(w.is_finished for w in app.workers) and not any(
            getattr(screen, "details_pending", False) for screen in app.screen_stack
        ):
            break


async def press(pilot: Pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)
