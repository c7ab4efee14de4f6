"""Which pane is active, and the layout classes that follow from it.

Three panes: countries, timeline, details. From 120 columns they sit side by side; at 60-119
the details sit below the other two (taller while they have the focus: `-details-focus`);
under 60 only the active pane shows (`-active`). A class change restyles everything under the
node that gets it, so each class is set only while a layout reads it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget

COUNTRIES, TIMELINE, DETAILS = "countries-pane", "timeline-pane", "details"
PANES = (COUNTRIES, TIMELINE, DETAILS)


class PaneFocus:
    def __init__(self, screen: Screen[Any]) -> None:
        self._screen = screen
        self.active = COUNTRIES
        self.return_to = COUNTRIES  # where esc in the details goes back to

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

    def neighbour(self, step: int, *, wrap: bool) -> str | None:
        index = PANES.index(self.focused or PANES[0]) + step
        if wrap:
            return PANES[index % len(PANES)]
        return PANES[index] if 0 <= index < len(PANES) else None

    def activate(self, pane: str) -> None:
        self.active = pane
        self.update_layout()

    def update_layout(self) -> None:
        """Set the classes the current breakpoint's layout reads (after a resize too)."""
        screen = self._screen
        compact = screen.has_class("-compact")
        for pane in PANES:
            screen.query_one(f"#{pane}").set_class(compact and pane == self.active, "-active")
        screen.set_class(screen.has_class("-narrow") and self.active == DETAILS, "-details-focus")
