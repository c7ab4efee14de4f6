"""The explorer's first reads, started before Textual is even imported.

Importing Textual and starting the app take ~200 ms, during which the store sits idle; the
explorer's first queries (days, countries, the first day's timeline, the overview) then ran
only once the screen was mounted, a worker round trip before the first paint. `Prefetch`
runs those same calls on a thread of its own as soon as the store is open. When the screen
mounts, it shows the results that are ready at once (`take_ready`: the panes are then laid
out and painted once, with their data); for a call whose result is not ready yet, its worker
waits for it (`take`), and queries as usual when the call matches none or the prefetch
failed (the workers then report the error). The UI thread never waits on it.

This module imports no Textual: `cli/launch.py` starts it before the TUI is imported.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..store import Store

PAGE = 200  # rows per page in the explorer's lists (the timeline's first page: first_page)
WAIT = 2.0  # s a worker waits for the prefetch to finish before querying itself


def first_page(height: int) -> int:
    """Rows of a fresh timeline in a terminal `height` lines high: what fits twice over (the
    timeline is shorter than the terminal), so the next page is not due at once."""
    return max(60, min(PAGE, 2 * height + 10))


def countries_key(expo_id: int, search: str, cursor: str | None) -> Hashable:
    return ("countries", expo_id, search, cursor)


def events_key(
    expo_id: int, day: str | None, country: str | None, cursor: str | None, limit: int
) -> Hashable:
    return ("events", expo_id, day, country, cursor, limit)


class Prefetch:
    """Reads what the explorer shows first for `expo_slug` (or the first expo) on a thread."""

    def __init__(self, store: Store, expo_slug: str | None, terminal_lines: int) -> None:
        self._store = store
        self._slug = expo_slug
        self._lines = terminal_lines
        self._results: dict[Hashable, Any] = {}
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="expo-tui-prefetch", daemon=True)

    def start(self) -> Prefetch:
        self._thread.start()
        return self

    def _put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._results[key] = value

    def _run(self) -> None:
        store = self._store
        try:
            expos = store.expos()
            expo = next((e for e in expos if e.slug == self._slug), None) or (
                expos[0] if expos else None
            )
            if expo is None:
                return
            # in the order the screen needs them; each is usable as soon as it is put
            self._put(
                events_key(
                    expo.id, expo.start_date.isoformat(), None, None, first_page(self._lines)
                ),
                store.events(
                    expo, expo.start_date.isoformat(), country=None, limit=first_page(self._lines)
                ),
            )
            self._put(countries_key(expo.id, "", None), store.countries(expo, "", limit=PAGE))
            self._put(("days", expo.id), store.days(expo))
            host = store.country(expo.country_code) if expo.country_code else None
            self._put(("overview", expo.id), (host, store.figures(expo), store.expo_sources(expo)))
        except Exception:
            pass
        finally:
            self._done.set()

    def take_ready(self, key: Hashable) -> Any:
        """The result for `key` if it has been read already, once (None otherwise). Never
        waits: the UI thread uses it to show what is ready without a worker round trip."""
        with self._lock:
            return self._results.pop(key, None)

    def take(self, key: Hashable) -> Any:
        """The result for `key`, once (None if it was not read or already taken). Waits for
        the prefetch to finish: call it from a worker thread, never the UI thread."""
        with self._lock:
            if key in self._results:
                return self._results.pop(key)
        if not self._done.wait(WAIT):
            return None
        with self._lock:
            return self._results.pop(key, None)


def start_prefetch(store: Store, expo_slug: str | None) -> Prefetch:
    """Start reading what the explorer shows first, for a terminal of the current size."""
    import shutil

    return Prefetch(store, expo_slug, shutil.get_terminal_size().lines).start()
