"""The explorer's reads: answered from the cache at once, or by a thread worker.

`Loader.load(request)` hands the answer to the screen's `on_loaded` - in the same call when
the answer was read already (the start-up prefetch, the read-ahead, an event's details read
with its day: the key that asked for it shows it in its own frame), else from a worker, as a
`Loaded` message. Each load takes a serial number in its request's channel; an answer is shown
only if it is the latest of its channel and was read in the cache's current generation, so a
worker that finishes after a newer request (a cancelled thread keeps running) never paints.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.worker import get_current_worker

from ..render.clock import EXPO_CLOCK, Clock
from .cache import MISSING, ResultCache
from .reader import read
from .requests import CountryDetailsRequest, EventDetailsRequest, EventsRequest, Request

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from ...store import Store
    from ...store.models import Day
    from .prefetch import Prefetch


@dataclass
class Loaded(Message):
    """The answer to `request` (posted by a worker, or handed over at once from the cache)."""

    request: Request
    answer: Any
    serial: int
    generation: int


class Loader:
    def __init__(
        self,
        host: DOMNode,
        store: Store,
        on_loaded: Callable[[Loaded], None],
        prefetch: Prefetch | None = None,
        cache: ResultCache | None = None,
    ) -> None:
        # Answers are posted to `host`; the workers run on its app, whose worker-error
        # handler reports failures (Worker.StateChanged does not bubble up from a screen).
        self.host = host
        self.store = store
        self._on_loaded = on_loaded
        self._prefetch = prefetch
        # a view shares the explorer's cache: reopening the matrix shows it at once
        self.cache = prefetch.cache if prefetch is not None else (cache or ResultCache())
        self.days: Mapping[str, Day] = {}  # how the details text names days
        self.clock = EXPO_CLOCK  # what clock the details show times on
        self._serials = itertools.count(1)
        self._latest: dict[str, tuple[int, Request]] = {}

    # -- loads ------------------------------------------------------------------------------
    def load(self, request: Request) -> None:
        """Show `request`'s answer: now if it was read already, else once a worker has it."""
        serial = next(self._serials)
        self._latest[request.channel] = (serial, request)
        generation = self.cache.generation
        answer = self.cache.get(request)
        if answer is not MISSING:
            self._on_loaded(Loaded(request, answer, serial, generation))
            return
        self.host.app.run_worker(
            partial(self._read, request, serial, generation, self.days, self.clock),
            name=type(request).__name__,
            group=request.channel,
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def _read(
        self,
        request: Request,
        serial: int,
        generation: int,
        days: Mapping[str, Day],
        clock: Clock = EXPO_CLOCK,
    ) -> None:
        """In a worker thread: the answer, from the prefetch if it is reading it, else read."""
        prefetch = self._prefetch
        if prefetch is not None and prefetch.will_read(request):
            prefetch.wait_for(request)
        # the prefetch or a read-ahead may have put it there since `load` looked, even if
        # the prefetch is over by now
        answer = self.cache.get(request)
        if answer is MISSING:
            reading = read(self.store, request, days, clock)
            for known, known_answer in ((request, reading.answer), *reading.extras):
                self.cache.put(known, known_answer, generation)  # shown again at once
            answer = reading.answer
        if not get_current_worker().is_cancelled:
            self.host.post_message(Loaded(request, answer, serial, generation))

    def is_current(self, message: Loaded) -> bool:
        """Whether `message` answers the latest load of its channel, read with current data."""
        latest = self._latest.get(message.request.channel)
        return (
            latest is not None
            and latest[0] == message.serial
            and message.generation == self.cache.generation
        )

    def latest(self, channel: str) -> Request | None:
        """The request last loaded in `channel` (its answer may still be on its way)."""
        latest = self._latest.get(channel)
        return latest[1] if latest is not None else None

    def forget(self, channel: str) -> None:
        """Whatever `channel` has on its way is no longer wanted."""
        self._latest.pop(channel, None)

    # -- reading ahead ----------------------------------------------------------------------
    def read_ahead(self, requests: Iterable[Request], group: str) -> None:
        """Read what the next key will likely ask for into the cache, nearest first.

        Moving through the country list shows each country's details, stepping through the
        days each day's first page; once one is shown, its neighbours are read the same way,
        so that the next move shows them from memory, in the key's own frame.
        """
        missing = [request for request in requests if not self._has_read(request)]
        if missing:
            self.host.app.run_worker(
                partial(self._read_ahead, missing, self.cache.generation, self.days, self.clock),
                name="read-ahead",
                group=group,
                thread=True,
                exclusive=True,
                exit_on_error=False,
            )

    def _has_read(self, request: Request) -> bool:
        """Whether the cache holds `request`'s answer and what the reader would read with it
        (a page read without its first event's details lacks them)."""
        answer = self.cache.get(request)
        if answer is MISSING:
            return False
        if isinstance(request, EventsRequest) and request.with_first_details and answer.items:
            return EventDetailsRequest(answer.items[0].id) in self.cache
        return True

    def _read_ahead(
        self,
        requests: list[Request],
        generation: int,
        days: Mapping[str, Day],
        clock: Clock = EXPO_CLOCK,
    ) -> None:
        worker = get_current_worker()
        for request in requests:
            if worker.is_cancelled or generation != self.cache.generation:
                return
            reading = read(self.store, request, days, clock)
            for known, known_answer in ((request, reading.answer), *reading.extras):
                self.cache.put(known, known_answer, generation)

    # -- what answers depend on -------------------------------------------------------------
    def set_days(self, days: Iterable[Day]) -> None:
        """The expo's days, as the details text names them ("Day 2"); details read with
        other labels go."""
        by_key = {day.key: day for day in days}
        if by_key != self.days:
            self.cache.discard(CountryDetailsRequest, EventDetailsRequest)
            self.days = by_key

    def set_clock(self, clock: Clock) -> None:
        """Times shown on another clock: details read for the old one go."""
        if clock != self.clock:
            self.cache.discard(CountryDetailsRequest, EventDetailsRequest)
            self.clock = clock

    def reload(self) -> None:
        """The store may have changed: nothing read so far is shown again."""
        self.cache.clear()
        self._prefetch = None
