"""The explorer's first reads, started before Textual is even imported.

Importing Textual and starting the app take a while, during which the store would sit idle.
`Prefetch` reads what the explorer shows first (`requests.first_requests`) on a thread of its
own as soon as the store is open, into the cache the explorer's loader reads from. When the
screen asks for one of them, it is shown at once if it is ready; if it is still being read,
the loader's worker waits for it; anything else is read as usual. The UI thread never waits.

This module imports no Textual: `cli/launch.py` starts it before the TUI is imported.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from .cache import ResultCache
from .reader import read
from .requests import ExposRequest, Request, first_requests

if TYPE_CHECKING:
    from ...store import Store

WAIT = 2.0  # s a worker waits for the prefetch to read what it asks for


class Prefetch:
    """Reads what the explorer shows first for `expo_slug` (or the first expo) on a thread."""

    def __init__(self, store: Store, expo_slug: str | None, terminal_lines: int) -> None:
        self.store = store
        self.cache = ResultCache()
        self._slug = expo_slug
        self._lines = terminal_lines
        self._planned: list[Request] | None = None  # known once the expos are read
        self._lock = threading.Lock()
        self._read = threading.Condition(self._lock)
        self._done = False
        self._thread = threading.Thread(target=self._run, name="expo-tui-prefetch", daemon=True)

    def start(self) -> Prefetch:
        self._thread.start()
        return self

    def _run(self) -> None:
        generation = self.cache.generation
        try:
            expos = self.store.expos()
            self.cache.put(ExposRequest(), expos, generation)
            expo = next((e for e in expos if e.slug == self._slug), None) or (
                expos[0] if expos else None
            )
            planned = first_requests(expo, self._lines) if expo is not None else []
            with self._read:
                self._planned = planned
                self._read.notify_all()  # the expos are in
            for request in planned:  # in the order the screen needs them
                self.cache.put(request, read(self.store, request, {}).answer, generation)
                with self._read:
                    self._read.notify_all()
        except Exception:
            pass
        finally:
            with self._read:
                self._done = True
                self._read.notify_all()

    def will_read(self, request: Request) -> bool:
        """Whether `request` is one the prefetch is still reading (never waits)."""
        with self._lock:
            if self._done:
                return False
            return self._planned is None or request in self._planned or request == ExposRequest()

    def wait_for(self, request: Request, timeout: float = WAIT) -> None:
        """Wait until `request` is in the cache or the prefetch is over (worker threads only)."""
        with self._read:
            self._read.wait_for(
                lambda: (
                    self._done
                    or (self._planned is not None and request not in self._planned)
                    or request in self.cache
                ),
                timeout,
            )

    def join(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)


def start_prefetch(store: Store, expo_slug: str | None) -> Prefetch:
    """Start reading what the explorer shows first, for a terminal of the current size."""
    import shutil

    return Prefetch(store, expo_slug, shutil.get_terminal_size().lines).start()
