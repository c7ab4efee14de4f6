"""What the timeline shows: the chosen day's first page, the pages after it, and the days next
to it read ahead.

The request follows from the screen's selection (expo, day, the `f` filter); the first page
fits the terminal twice over, so it is the same before the first layout (as the start-up
prefetch reads it) as after. With the timeline focused, the first event's details are read
with the page, so they show in the same frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..store.models import EventSummary, Page
from .loading.requests import PAGE, EventsRequest, first_page
from .panes import TIMELINE
from .widgets.timeline import TimelinePane

if TYPE_CHECKING:
    from .screens.explorer import ExplorerScreen


class TimelineLoads:
    def __init__(self, screen: ExplorerScreen) -> None:
        self._screen = screen
        self.pending_event: int | None = None  # highlight it once the day's first page is in

    def request(self, day: str | None, cursor: str | None = None) -> EventsRequest:
        screen = self._screen
        assert screen.expo is not None
        country = screen.country.code if screen.filtered and screen.country else None
        limit = first_page(screen.app.size.height) if cursor is None else PAGE
        follow = screen.panes.focused == TIMELINE
        return EventsRequest(
            screen.expo, day, country, limit, cursor, screen.facets, with_first_details=follow
        )

    def load(self, cursor: str | None = None, *, force: bool = False) -> None:
        """Read the timeline as the selection stands (unless that is what it shows)."""
        screen = self._screen
        if screen.expo is None:
            return
        request = self.request(screen.day, cursor)
        if force or cursor is not None or request != screen.loader.latest("events"):
            screen.frames.hold()  # the strip, the title, the rows and their details: one frame
            screen.loader.load(request)

    def show(self, request: EventsRequest, page: Page[EventSummary]) -> None:
        screen = self._screen
        events = screen.events
        pane = screen.query_one(TimelinePane)
        narrowed = request.country is not None or request.facets.active
        if request.cursor is not None:
            events.append(page.items, page.next_cursor)
        else:
            with screen.panes.placing():
                empty = pane.empty_text()
                all_days = request.day is None
                events.show(
                    page.items,
                    page.next_cursor,
                    all_days=all_days,
                    empty=empty,
                    day_counts=not narrowed,
                )
                if self.pending_event is not None:
                    wanted, self.pending_event = self.pending_event, None
                    events.highlight_where(lambda event: event.id == wanted)
        # filtered to one country or by facets, the pane's title says how many events it shows
        more = page.next_cursor is not None
        pane.shown = (len(events.items()), more) if narrowed else None
        if request.cursor is not None:
            return
        if screen.panes.focused == TIMELINE and events.event is not None:
            screen.follow.open()  # read with the rows when the timeline has the focus
        else:
            screen.frames.release()  # no details follow the new rows
        screen.frames.arrived("events")
        screen.call_after_refresh(self.read_ahead)  # once this frame is painted

    def read_ahead(self) -> None:
        """Read the first page of the days before and after the one shown, so that the next
        step through the days shows it at once."""
        screen = self._screen
        keys = screen.day_keys()
        if screen.expo is None or screen.day not in keys:
            return
        index = keys.index(screen.day)
        neighbours = [keys[i] for i in (index + 1, index - 1) if 0 <= i < len(keys)]
        requests = [self.request(key) for key in neighbours]
        screen.loader.read_ahead(requests, "read-ahead-days")
