"""Country details read ahead: the countries next to the highlight, loaded before they are asked for.

Moving through the country list shows each country's details. Reading and rendering them takes
a worker ~6-10 ms at a million meetings (query, text, cutting it into lines), on every key.
After a country's details are shown, the screen reads its neighbours in the list the same way,
in the background, and keeps the results here: the next move down (or back up) shows them from
memory, in the key's own frame. Holding a key down walks through the list with the details
following at once.

`DetailCache` is plain data: the screen runs the worker and decides what to keep. Anything
that changes how a country's details read (another expo, a reload from the store, new day
labels) calls `clear()`, which also makes results still on their way from an older read be
dropped (their generation no longer matches).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

from ..store.models import CountryDetail
from .widgets.details import PreparedText

CACHE_SIZE = 8  # countries kept: the highlight's neighbours and the last few shown


@dataclass(frozen=True)
class CachedDetail:
    code: str
    detail: CountryDetail
    prepared: PreparedText


class DetailCache:
    """The details of a few countries, newest last; at most CACHE_SIZE of them."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self._size = size
        self._entries: OrderedDict[str, CachedDetail] = OrderedDict()
        self.generation = 0

    def clear(self) -> None:
        self._entries.clear()
        self.generation += 1

    def get(self, code: str) -> CachedDetail | None:
        entry = self._entries.get(code)
        if entry is not None:
            self._entries.move_to_end(code)
        return entry

    def put(self, entry: CachedDetail, generation: int | None = None) -> None:
        """Keep `entry`, unless it was read for an older generation."""
        if generation is not None and generation != self.generation:
            return
        self._entries[entry.code] = entry
        self._entries.move_to_end(entry.code)
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)

    def missing(self, codes: Iterable[str]) -> list[str]:
        return [code for code in codes if code not in self._entries]

    def __contains__(self, code: object) -> bool:
        return code in self._entries

    def __len__(self) -> int:
        return len(self._entries)
