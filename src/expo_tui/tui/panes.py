"""Which pane is active, and the layout classes that follow from it.

Three panes: countries, timeline, details. From 160 columns they sit side by side; at 120-159
the details sit below the timeline, and at 60-119 below both other panes (taller, at those
sizes, while they have the focus: `-details-focus`); under 60 only the active pane shows
(`-active`). A class change restyles everything under the
node that gets it, so each class is set only while a layout reads it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .widgets.timeline import EventList

if TYPE_CHECKING:
    from textual.widget import Widget

    from .screens.explorer import ExplorerScreen

COUNTRIES, TIMELINE, DETAILS = "countries-pane", "timeline-pane", "details"
PANES = (COUNTRIES, TIMELINE, DETAILS)


class PaneFocus:
    def __init__(self, screen: ExplorerScreen) -> None:
        self._screen = screen
        self.active = COUNTRIES
        self.return_to = COUNTRIES  # where esc in the details goes back to
        self.placing_now = False  # the screen moves a highlight itself: no reaction to it
        self._last_focused: str | None = None

    @contextmanager
    def placing(self) -> Iterator[None]:
        """Move highlights without the screen reacting as it would to a user's move."""
        self.placing_now = True
        try:
            yield
        finally:
            self.placing_now = False

    def focus_arrived(self, pane: str) -> bool:
        """The focus is now in `pane`; whether it came from another pane, so that what `pane`
        highlights should show in the details. Not for the focus the screen starts with (the
        expo's overview stays), nor when it comes back to the pane it left (a dialog closed,
        the panes shown again after loading)."""
        moved = self._last_focused is not None and pane != self._last_focused
        self._last_focused = pane
        self.activate(pane)
        return moved

    def pane_of(self, widget: Widget | None) -> str | None:
        """The pane `widget` is in (None when it is in none)."""
        node = widget
        while node is not None and node is not self._screen:
            if node.id in PANES:
                return node.id
            node = node.parent  # type: ignore[assignment]
        return None

    @property
    def focused(self) -> str | None:
        """The pane that has the focus now."""
        return self.pane_of(self._screen.focused)

    def target(self, pane: str) -> Widget:
        """What gets the focus in `pane`: in the countries pane the list, not the search box
        (once a search was submitted, keys are commands again: "2" picks day 2; "/" goes
        back into the box)."""
        inner = {COUNTRIES: "#countries", TIMELINE: "#events", DETAILS: f"#{DETAILS}"}[pane]
        return self._screen.query_one(inner)

    def show_as_schedule(self, schedule: bool) -> None:
        """An expo whose records name no country (an imported conference programme): no
        country list, the timeline gets its room, and its rows show end times and rooms."""
        screen = self._screen
        screen.set_class(schedule, "-schedule")
        screen.query_one(EventList).schedule = schedule
        if schedule and self.focused in (COUNTRIES, None):
            screen.focus_pane(TIMELINE)

    @property
    def shown(self) -> tuple[str, ...]:
        """The panes the layout has (an expo with no countries has no country list)."""
        if self._screen.has_class("-schedule"):
            return (TIMELINE, DETAILS)
        return PANES

    def neighbour(self, step: int, *, wrap: bool) -> str | None:
        panes = self.shown
        current = self.focused if self.focused in panes else panes[0]
        index = panes.index(current) + step
        if wrap:
            return panes[index % len(panes)]
        return panes[index] if 0 <= index < len(panes) else None

    def activate(self, pane: str) -> None:
        self.active = pane
        self.update_layout()

    def update_layout(self) -> None:
        """Set the classes the current breakpoint's layout reads (after a resize too)."""
        screen = self._screen
        compact = screen.has_class("-compact")
        for pane in PANES:
            screen.query_one(f"#{pane}").set_class(compact and pane == self.active, "-active")
        stacked = screen.has_class("-narrow") or screen.has_class("-medium")
        screen.set_class(stacked and self.active == DETAILS, "-details-focus")
