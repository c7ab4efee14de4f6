"""Regenerate docs/screenshot.svg, the README's picture, from the shipped data:

    python docs/make_screenshot.py

140x40, Russia searched for and kept highlighted, day 2 (12 June) on the timeline: the Army
chief's three meetings, Russia's standing out.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from expo_tui.store import open_store
from expo_tui.tui.app import ExpoApp

HERE = Path(__file__).resolve().parent
KEYS = ("slash", "r", "u", "s", "escape", "2")


async def main() -> None:
    store = open_store(HERE.parent / "data" / "expo.db", readonly=True)
    app = ExpoApp(store)
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        for key in KEYS:
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause(0.2)
        (HERE / "screenshot.svg").write_text(app.export_screenshot(), encoding="utf-8")
    store.close()


if __name__ == "__main__":
    asyncio.run(main())
