"""Answers read before they were asked for, by request.

The start-up prefetch, the read-ahead of the highlight's neighbours and a day's first event's
details (read with the day) all land here; the loader looks here before it starts a worker.
Thread-safe: workers put, the UI thread gets. `clear()` (another expo's days, a reload from the
store) starts a new generation, and answers read for an older one are dropped as they arrive.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from .requests import Request

SIZE = 32  # answers kept: the neighbours of what is shown and the last few shown
MISSING = object()


class ResultCache:
    def __init__(self, size: int = SIZE) -> None:
        self._size = size
        self._entries: OrderedDict[Request, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.generation = 0

    def get(self, request: Request) -> Any:
        """The answer to `request`, or MISSING."""
        with self._lock:
            answer = self._entries.get(request, MISSING)
            if answer is not MISSING:
                self._entries.move_to_end(request)
            return answer

    def put(self, request: Request, answer: Any, generation: int) -> bool:
        """Keep `answer` unless it was read for an older generation; True if kept."""
        with self._lock:
            if generation != self.generation:
                return False
            self._entries[request] = answer
            self._entries.move_to_end(request)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
            return True

    def discard(self, *kinds: type[Request]) -> None:
        """Drop the answers to requests of these kinds (what is on its way still lands)."""
        with self._lock:
            for request in [r for r in self._entries if isinstance(r, kinds)]:
                del self._entries[request]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.generation += 1

    def __contains__(self, request: object) -> bool:
        with self._lock:
            return request in self._entries

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
