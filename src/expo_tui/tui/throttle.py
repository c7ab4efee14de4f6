"""A leading-edge throttle: the first call runs at once, calls while it is hot run once later.

While a key repeats in a list, the details that follow the highlight load at most every
`interval` seconds, the last highlight always last; a single move loads at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.message_pump import MessagePump
    from textual.timer import Timer


class Throttle:
    def __init__(self, host: MessagePump, interval: float) -> None:
        self._host = host  # owns the timer
        self._interval = interval
        self._last = float("-inf")
        self._timer: Timer | None = None

    @property
    def pending(self) -> bool:
        """A call is due (tests and benchmarks may wait for it)."""
        return self._timer is not None

    def call(self, action: Callable[[], None], *, now: bool = False) -> None:
        """Run `action` now if the interval has passed (or `now`), else once when it has."""
        if self._timer is not None:
            return  # the pending call runs with the state as it is then
        wait = self._last + self._interval - time.monotonic()
        if now or wait <= 0:
            self._run(action)
        else:
            self._timer = self._host.set_timer(wait, lambda: self._run(action))

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _run(self, action: Callable[[], None]) -> None:
        self._timer = None
        self._last = time.monotonic()
        action()
