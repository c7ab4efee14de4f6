"""One complete frame per key: painting waits until the data a key asked for have arrived.

A key that moves a highlight changes two panes: the list at once, the details after a worker
round trip. Painted separately, that is two frames, and Textual paints at most once per 1/60 s,
so the details would land a frame after the list at best. Held, the key shows as one complete
frame, sooner. An expo's first paint likewise waits for its four first loads (days, countries,
timeline, overview), so the panes are laid out and painted once, with their data.

The hold is `App.batch_update()`, kept open until `release()` (or a time limit); `ENABLED` is
the one switch that turns holding off (every change then paints as it comes).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.timer import Timer
    from textual.widget import Widget

ENABLED = True
HOLD_FRAMES = 0.05  # s: the longest a key waits for its data before its frame is painted anyway
HOLD_START = 0.5  # s: the longest the first paint waits for the panes' data


class FrameHold:
    def __init__(
        self, screen: Screen[Any], on_first_paint: Callable[[], None], panes: str = "#panes"
    ) -> None:
        self._screen = screen
        self._panes = f"{panes}, {panes} *"  # the widgets a held frame paints at once
        self._on_first_paint: Callable[[], None] | None = on_first_paint  # once, with data
        self._batch: contextlib.ExitStack | None = None
        self._timer: Timer | None = None
        self._awaited: set[str] = set()  # first loads the first paint waits for
        self._hidden: Widget | None = None  # hidden until they have arrived
        self._release_due = False  # release() was called; it takes effect after the handler

    @property
    def held(self) -> bool:
        return self._batch is not None

    def hold(self, limit: float = HOLD_FRAMES) -> None:
        """Paint nothing until `release()`, for at most `limit` seconds."""
        self._release_due = False  # more data are on their way: wait for their release
        if not ENABLED or self._batch is not None or not self._screen.is_current:
            return
        self._batch = contextlib.ExitStack()
        self._batch.enter_context(self._screen.app.batch_update())
        self._timer = self._screen.set_timer(limit, self._time_is_up)

    def await_loads(
        self, loads: Iterable[str], limit: float = HOLD_START, *, hide: Widget | None = None
    ) -> None:
        """Hold until each of `loads` has `arrived()` (an expo opening). Before the first
        paint with data, `hide` is hidden meanwhile: the screen's first layout and paint come
        right after mount whatever is held, and with the panes hidden it is a cheap one."""
        self._awaited = set(loads)
        self.hold(limit)
        if hide is not None and self._on_first_paint is not None:
            hide.display = False
            self._hidden = hide

    @property
    def awaiting(self) -> bool:
        return bool(self._awaited)

    def arrived(self, load: str) -> None:
        if load in self._awaited:
            self._awaited.discard(load)
            if not self._awaited:
                self.release()

    def release(self) -> None:
        """The data are shown (or none will come): paint, unless an expo is still opening.

        Paints once the handler that calls this is over: what it still changes (the panes
        that the screen's reactives are bound to, updated after its own watchers) belongs
        to the same frame."""
        if not self._awaited and not self._release_due:
            self._release_due = True
            self._screen.call_next(self._release)

    def _release(self, *, force: bool = False) -> None:
        if not (self._release_due or force) or self._awaited:
            return
        self._release_due = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._hidden is not None:
            self._hidden.display = True
            self._hidden = None
        batch, self._batch = self._batch, None
        if batch is not None:
            batch.close()
            self._paint_now()
        first_paint, self._on_first_paint = self._on_first_paint, None
        if first_paint is not None and self._screen.is_current:
            first_paint()

    def _paint_now(self) -> None:
        """Paint what the held frame holds, in one frame, now.

        Widgets tell the screen what needs painting from their own idle handlers, a message
        later each, and the screen paints on its 60 Hz timer: left to themselves, the panes a
        key changed land in two or three frames (each a full render of the panes' lines). Two
        private Textual methods make it one frame at once: each pane reports its repaint now
        (`Widget._check_refresh`, what its idle handler calls), and the screen paints as soon
        as it has taken those reports (`Screen._on_timer_update`, what its update timer
        calls). tests/tui/test_textual_contract.py fails, naming them, if Textual changes them.
        """
        screen = self._screen
        for widget in screen.query(self._panes):
            widget._check_refresh()
        screen.call_later(self._tick)

    def _tick(self) -> None:
        if self._batch is None and self._screen.is_current:
            self._screen._on_timer_update()

    def _time_is_up(self) -> None:
        self._awaited.clear()
        self._release(force=True)
