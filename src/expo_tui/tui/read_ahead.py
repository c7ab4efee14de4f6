"""Reading ahead: what the next key will most likely ask for, loaded before it is asked.

Moving through the country list shows each country's details; stepping through the days shows
each day's first page of meetings (and, with the timeline focused, its first meeting's
details). A worker takes ~6-10 ms at a million meetings to read and render either, on every
key. So once a country's details or a day's timeline are on screen, the explorer reads their
neighbours the same way in the background - the countries just below and above the highlight,
the days before and after - and keeps the results here. The next move shows them from memory,
in the key's own frame; holding a key down walks through the list with the panes following at
once.

`ReadAheadCache` is plain data: the screen runs the workers and decides what to keep. Anything
that changes what a result would read (another expo, a reload from the store, new day labels)
calls `clear()`, which also drops results still on their way from a read started before it
(their generation no longer matches).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from ..store.models import CountryDetail, EventDetail, EventSummary, Page
from .widgets.details import PreparedText

CACHE_SIZE = 8  # entries kept: the neighbours of what is shown and the last few shown


@dataclass(frozen=True)
class CountryRead:
    """A country's details, rendered (kept under its code)."""

    detail: CountryDetail
    prepared: PreparedText


@dataclass(frozen=True)
class DayRead:
    """A day's first page of the timeline, and its first event's details, rendered."""

    page: Page[EventSummary]
    first_detail: EventDetail | None
    first_prepared: PreparedText | None


class ReadAheadCache:
    """A few results by key, newest last; at most `size` of them."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self._size = size
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self.generation = 0

    def clear(self) -> None:
        self._entries.clear()
        self.generation += 1

    def get(self, key: Hashable) -> Any:
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def put(self, key: Hashable, entry: Any, generation: int | None = None) -> None:
        """Keep `entry`, unless it was read for an older generation."""
        if generation is not None and generation != self.generation:
            return
        self._entries[key] = entry
        self._entries.move_to_end(key)
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)

    def missing(self, keys: Iterable[Hashable]) -> list[Hashable]:
        return [key for key in keys if key not in self._entries]

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)
