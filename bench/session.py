"""A scripted explorer session, run in its own process by bench/run.py.

    python bench/session.py --db STORE [--repeats 25] [--width 160 --height 48]

Drives `ExpoApp` headless (Textual's `run_test`) through the interactions the benchmark times -
next day, a search keystroke, moving the selection (timeline and country list), opening details,
toggling a facet, opening the bilateral matrix and moving through it -
and prints one JSON object: every latency sample per interaction, in milliseconds, and the
process's peak resident memory (VmHWM) after the session, in MiB.

A latency runs from posting the key event to the last frame that changes the screen in reaction
to it: key handling, the store call in a thread worker, the message back to the screen, the
widget updates and the compositor's frame. Frames are timed by wrapping `App._display`, the
method every screen update goes through (headless or not), and compared cell by cell with what
the screen showed, so repaints that change nothing do not count; the reaction is over when no
worker is running and no frame has come for QUIET seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import unicodedata
from pathlib import Path

QUIET = 0.06  # seconds without a frame (and no worker running) that end a reaction
NOTHING = 1.0  # a key that changed nothing on screen within this long is not counted
TIMEOUT = 10.0


def peak_rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _key_event(key: str):  # type: ignore[no-untyped-def]
    from textual import events
    from textual.keys import _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


class Harness:
    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        self.app = app
        self.frames: list[float] = []  # times of frames that changed what the screen shows
        self.model: dict[tuple[int, int], object] = {}
        original = app._display

        def display(screen, renderable):  # type: ignore[no-untyped-def]
            if renderable is not None:
                now = time.perf_counter()
                if self._apply(renderable):
                    self.frames.append(now)
            return original(screen, renderable)

        app._display = display

    def _apply(self, update) -> bool:  # type: ignore[no-untyped-def]
        """Apply a frame to a model of the screen; True if any cell's text or style changed.

        Textual repaints some regions without changing them (scrollbars ~50 ms after a move,
        for one); such frames are not the end of a reaction.
        """
        spans = getattr(update, "spans", None)
        if spans is None:  # a full layout update
            self.model.clear()
            return True
        changed = False
        for y, x1, x2 in spans:
            for x, strip in update.chops[y].items():
                if strip is None or not x1 <= x < x2:
                    continue
                signature = tuple((seg.text, seg.style) for seg in strip)
                if self.model.get((y, x)) != signature:
                    self.model[(y, x)] = signature
                    changed = True
        return changed

    def busy(self) -> bool:
        from textual.worker import WorkerState

        return any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in self.app.workers)

    async def settle(self, since: float) -> float | None:
        """Wait for the reaction to end; the time of its last frame (None if nothing changed)."""
        while True:
            await asyncio.sleep(0.002)
            now = time.perf_counter()
            if now - since > TIMEOUT:
                raise TimeoutError("the app did not settle")
            if self.busy():
                continue
            last = self.frames[-1] if self.frames and self.frames[-1] > since else None
            if last is None:
                if now - since > NOTHING:
                    return None
                continue
            if now - last >= QUIET:
                return last

    async def press(self, key: str) -> float | None:
        """Post one key; milliseconds until its last frame (None if it changed nothing)."""
        event = _key_event(key)
        event.set_sender(self.app)
        t0 = time.perf_counter()
        self.app._driver.send_message(event)
        end = await self.settle(t0)
        return None if end is None else (end - t0) * 1000

    async def ready(self, predicate) -> None:  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        while not predicate():
            if time.perf_counter() - start > 60:
                raise TimeoutError("the explorer never showed its data")
            await asyncio.sleep(0.01)
        await self.settle(time.perf_counter())


async def session(
    db: Path, repeats: int, size: tuple[int, int], quick: bool = False
) -> dict[str, object]:
    from expo_tui.store import open_store
    from expo_tui.tui.app import ExpoApp

    store = open_store(db, readonly=True)
    app = ExpoApp(store)
    samples: dict[str, list[float]] = {}

    def add(name: str, value: float | None) -> None:
        if value is not None:
            samples.setdefault(name, []).append(value)

    async with app.run_test(size=size) as pilot:
        h = Harness(app)
        screen = app.screen

        def loaded() -> bool:
            s = app.screen
            try:
                return (
                    bool(s.countries.option_count)
                    and bool(s.events.option_count)
                    and s.details.subject is not None
                )
            except Exception:
                return False

        await h.ready(loaded)
        screen = app.screen
        screen.query_one("#search").cursor_blink = False
        warm = 0 if quick else 2
        # 1. next day: "]" then "[" (both step the day strip), timeline focused.
        await h.press("tab")
        for i in range(repeats + warm):
            value = await h.press("right_square_bracket" if i % 2 == 0 else "left_square_bracket")
            if i >= warm:
                add("next_day", value)
        # 2. moving the selection in the timeline (details follow the highlight).
        for i in range(repeats + warm):
            value = await h.press("down")
            if i >= warm:
                add("move_event", value)
        # 3. opening details of the highlighted event, then back (untimed).
        for i in range(repeats + warm):
            value = await h.press("enter")
            if i >= warm:
                add("open_details", value)
            await h.press("escape")
            await h.press("down")
        # 4. moving the selection in the country list (country details follow).
        await h.press("shift+tab")
        for i in range(repeats + warm):
            value = await h.press("down" if i % 4 != 3 else "up")
            if i >= warm:
                add("move_country", value)
        # 5. search keystrokes: "/" then type, delete, type again.
        await h.press("slash")
        word = "rus"
        typed = 0
        for i in range(repeats + warm):
            if typed < len(word):
                value = await h.press(word[typed])
                typed += 1
            else:
                value = await h.press("backspace")
                typed = 0 if typed == 1 else typed - 1
                if typed == 0:
                    pass
            if i >= warm:
                add("search_key", value)
        await h.press("escape")
        # 6. the facets: toggle signings on and off (timeline and country list follow).
        await h.press("F")
        for _ in range(4):
            await h.press("down")
        for i in range(repeats + warm):
            value = await h.press("space")
            if i >= warm:
                add("facet_toggle", value)
        await h.press("escape")
        # 7. the bilateral matrix: open it (the whole expo), move through cells, back.
        for i in range(min(repeats, 8) + warm):
            value = await h.press("m")
            if i >= warm:
                add("open_matrix", value)
            if i == 0:
                for j in range(repeats + warm):
                    step = await h.press("right" if j % 4 != 3 else "left")
                    if j >= warm:
                        add("matrix_move", step)
            await h.press("escape")
        # 8. scroll through pages of the timeline (loads several more pages).
        await h.press("tab")
        for _ in range(0 if quick else 8):
            await h.press("G")
        await pilot.pause()
    store.close()
    peak = peak_rss_mib()
    samples["baseline_move"] = await baseline(repeats, size)
    return {"samples": samples, "peak_rss_mib": peak}


async def baseline(repeats: int, size: tuple[int, int]) -> list[float]:
    """Key -> frame of a minimal Textual app: a 200-row OptionList whose highlight updates a
    Static, measured with the same harness (the floor any explorer key sits on)."""
    from textual.app import App, ComposeResult
    from textual.widgets import OptionList, Static

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList(*(f"row {i}: a meeting title of typical length" for i in range(200)))
            yield Static(id="info")

        def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
            self.query_one("#info", Static).update(f"highlighted {event.option_index}")

    app = Minimal()
    out: list[float] = []
    async with app.run_test(size=size):
        h = Harness(app)
        await h.ready(lambda: True)
        for i in range(repeats + 2):
            value = await h.press("down")
            if i >= 2 and value is not None:
                out.append(value)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=25)
    parser.add_argument("--width", type=int, default=160)
    parser.add_argument("--height", type=int, default=48)
    parser.add_argument("--quick", action="store_true", help="no warm-up, no paging")
    args = parser.parse_args(argv)
    result = asyncio.run(session(args.db, args.repeats, (args.width, args.height), args.quick))
    json.dump(result, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
