"""Where the command palette (and a view closed on an event) takes the explorer: a country,
an event on its day, a day. Mixed into ExplorerScreen: a jump is the screen's selection
changing, so the panes follow as they do for a key."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

from ..store.models import UNDATED
from .panes import COUNTRIES, TIMELINE

if TYPE_CHECKING:
    from .screens.explorer import ExplorerScreen


class JumpActions(DOMNode):
    def jump_to_country(self, code: str) -> None:
        screen = cast("ExplorerScreen", self)
        screen.country_loads.pending = code
        screen.panes.return_to = COUNTRIES
        screen.panes.activate(COUNTRIES)
        screen.set_focus(screen.countries)
        searched = screen.search
        screen.clear_search()
        if not searched:  # (clearing a search reads the countries again by itself)
            screen.country_loads.load()

    def jump_to_event(self, event_id: int, day: str | None) -> None:
        from .loading.requests import EventDetailsRequest

        screen = cast("ExplorerScreen", self)
        screen.panes.return_to = TIMELINE
        key = day or UNDATED
        if key == screen.day:
            with screen.panes.placing():
                screen.events.highlight_where(lambda event: event.id == event_id)
        else:
            screen.timeline.pending_event = event_id
            screen.day = key
        screen.follow.load(EventDetailsRequest(event_id), focus=True)

    def jump_to_day(self, key: str | None) -> None:
        screen = cast("ExplorerScreen", self)
        screen.day = key
        screen.focus_pane(TIMELINE)
