"""The timeline pane: a strip of days above the chosen day's events, in order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual import events
from textual.app import ComposeResult
from textual.containers import HorizontalScroll, Vertical
from textual.message import Message
from textual.widgets import Static

from ...store.models import UNDATED, Day, EventSummary
from .. import render
from .paged_list import PagedList, Row, heading

ALL_DAYS = "*"  # the strip's key for "All days" (the store takes None)


class DayTab(Static):
    DEFAULT_CSS = """
    DayTab {
        width: auto;
        height: 1;
        padding: 0 1;
        color: $text-muted;
        &:hover { background: $boost; }
        &.-chosen { background: $accent; color: $text; text-style: bold; }
        &.-empty { text-style: dim; }
    }
    """

    def __init__(self, key: str, day: Day | None) -> None:
        super().__init__(render.day_tab(day), markup=False)
        self.key = key
        if day is not None and day.events == 0:
            self.add_class("-empty")

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(DayStrip.Chosen(self.key))


class DayStrip(HorizontalScroll, can_focus=False):
    """Pre-show dates, Day 1…N, later dates, Undated, then All days. Click a day to choose it."""

    DEFAULT_CSS = """
    DayStrip {
        height: 1;
        scrollbar-size-horizontal: 0;
        background: $surface;
    }
    """

    class Chosen(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys: list[str] = []
        self.chosen: str | None = None

    def set_days(self, days: Sequence[Day]) -> None:
        self.remove_children()
        tabs = [DayTab(day.key, day) for day in days] + [DayTab(ALL_DAYS, None)]
        self.keys = [tab.key for tab in tabs]
        self.mount_all(tabs)

    def choose(self, key: str) -> None:
        self.chosen = key
        for tab in self.query(DayTab):
            tab.set_class(tab.key == key, "-chosen")
        self.call_after_refresh(self._show_chosen)

    def _show_chosen(self) -> None:
        for tab in self.query(DayTab):
            if tab.key == self.chosen:
                self.scroll_to_widget(tab, animate=False, immediate=True)

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_chosen)


class EventList(PagedList):
    """Events of the chosen day (or all days, under day headings), a page at a time.

    Chains of ordered events get a heading naming whose chain it is ("#n" is the order within
    it); events with neither a time nor an order sit under "time not reported".
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.focus_country: str | None = None
        self.days: dict[str, Day] = {}
        self.all_days = False
        self._last_day: str | None = None
        self._last_group: tuple[str, str | None] | None = None

    def _rows(self, items: Iterable[EventSummary]) -> list[Row]:
        rows: list[Row] = []
        for event in items:
            day_key = event.date.isoformat() if event.date else UNDATED
            if self.all_days and day_key != self._last_day:
                day = self.days.get(day_key)
                rows.append(heading(render.day_heading(day, day_key,
                                                       day.events if day else None)))
                self._last_group = None
            self._last_day = day_key
            if event.start_time is None:
                group = ("chain", event.order_scope) if event.order is not None else ("none", None)
                if group != self._last_group:
                    rows.append(heading(render.scope_heading(
                        group[1] if group[0] == "chain" else None)))
                self._last_group = group
            else:
                self._last_group = ("time", None)
            rows.append(Row(render.event_row(event, self.focus_country), event))
        return rows

    def show(self, items: Iterable[EventSummary], next_cursor: str | None, *,
             all_days: bool, empty: render.Content | None = None) -> None:
        self.all_days = all_days
        self._last_day = None
        self._last_group = None
        rows = self._rows(items)
        if not rows and empty is not None:
            rows = [heading(empty)]
        self.replace_rows(rows, next_cursor)

    def append(self, items: Iterable[EventSummary], next_cursor: str | None) -> None:
        self.append_rows(self._rows(items), next_cursor)

    def set_focus_country(self, code: str | None) -> None:
        """Emphasise `code`'s events; only rows whose emphasis changes are rebuilt."""
        old = self.focus_country
        if code == old:
            return
        self.focus_country = code
        self.restyle(
            lambda event: render.event_row(event, code),
            only=lambda event: (old in event.countries) != (code in event.countries)
            or (code in event.countries),
        )

    @property
    def event(self) -> EventSummary | None:
        item = self.highlighted_item
        return item if isinstance(item, EventSummary) else None


class TimelinePane(Vertical):
    def compose(self) -> ComposeResult:
        yield DayStrip(id="days")
        yield EventList(id="events")
