"""Where the keys and the command palette (and a view closed on an event) take the explorer: a
day, a step through the day strip, a country, an event on its day. Mixed into ExplorerScreen:
a jump is the screen's selection changing, so the panes follow as they do for any key."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

from ..store.models import UNDATED
from .panes import COUNTRIES, TIMELINE

if TYPE_CHECKING:
    from .screens.explorer import ExplorerScreen


class DayActions(DOMNode):
    def day_keys(self) -> list[str | None]:
        """The day strip's entries in order: each day, then all days (None)."""
        return [day.key for day in cast("ExplorerScreen", self).days] + [None]

    def action_day(self, number: int) -> None:
        from ..selectors import SelectorError, day_key
        from .render.text import safe_text

        screen = cast("ExplorerScreen", self)
        if screen.expo is None:
            return
        try:
            screen.day = day_key(screen.expo, str(number))
        except SelectorError as error:
            screen.app.notify(safe_text(error), severity="warning", markup=False)

    def action_all_days(self) -> None:
        cast("ExplorerScreen", self).day = None

    def action_step_day(self, step: int) -> None:
        screen = cast("ExplorerScreen", self)
        keys = self.day_keys()
        index = keys.index(screen.day) if screen.day in keys else 0
        screen.day = keys[max(0, min(len(keys) - 1, index + step))]


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
