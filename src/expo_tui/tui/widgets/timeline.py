"""The timeline pane: a strip of days above the chosen day's events, in order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget

from ...store.models import UNDATED, Day, EventSummary
from .. import render
from .paged_list import PagedList, Row, heading

ALL_DAYS = "*"  # the strip's key for "All days" (the store takes None)


class DayStrip(Widget, can_focus=False):
    """Pre-show dates, Day 1…N, later dates, Undated, then All days, on one line.

    Labels shrink to fit the width (the chosen day keeps its longest form that fits); runs of
    pre-show dates collapse into one entry when space is short, and clicking it steps through
    them. One widget, one line: choosing a day is a repaint, never a layout.
    """

    DEFAULT_CSS = """
    DayStrip {
        height: 1;
        width: 1fr;
        padding: 0 1 0 0;
        background: $surface;
    }
    """

    class Chosen(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[tuple[str, Day | None]] = [(ALL_DAYS, None)]
        self.chosen: str | None = None
        self._spans: tuple[render.StripEntry, ...] = ()

    @property
    def keys(self) -> list[str]:
        return [key for key, _ in self.entries]

    def set_days(self, days: Sequence[Day]) -> None:
        self.entries = [(day.key, day) for day in days] + [(ALL_DAYS, None)]
        self.refresh()

    def choose(self, key: str) -> None:
        if key != self.chosen:
            self.chosen = key
            self.refresh()

    def render(self) -> render.Content:
        line, self._spans = render.day_strip(
            self.entries, self.chosen or "", self.content_region.width
        )
        return line

    def on_click(self, event: events.Click) -> None:
        event.stop()
        for span in self._spans:
            if span.start <= event.x < span.end:
                keys = span.keys
                if self.chosen in keys and len(keys) > 1:  # a collapsed run: next date in it
                    key = keys[(keys.index(self.chosen) + 1) % len(keys)]
                else:
                    key = keys[0]
                self.post_message(self.Chosen(key))
                return


class EventList(PagedList):
    """Events of the chosen day (or all days, under day headings), a page at a time.

    Chains of ordered events get a heading naming whose chain it is ("#n" is the order within
    it); events with neither a time nor an order sit under "time not reported".
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.focus_country: str | None = None
        self.host_country: str | None = None  # left out of rows where others are involved
        self.day_change: dt.time | None = None  # times before it print as 24:xx
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
                rows.append(heading(render.day_heading(day, day_key, day.events if day else None)))
                self._last_group = None
            self._last_day = day_key
            if event.start_time is None:
                group = ("chain", event.order_scope) if event.order is not None else ("none", None)
                if group != self._last_group:
                    rows.append(
                        heading(render.scope_heading(group[1] if group[0] == "chain" else None))
                    )
                self._last_group = group
            else:
                self._last_group = ("time", None)
            rows.append(Row(None, event, make=self._prompt))
        return rows

    def show(
        self,
        items: Iterable[EventSummary],
        next_cursor: str | None,
        *,
        all_days: bool,
        empty: render.Content | None = None,
    ) -> None:
        self.all_days = all_days
        self._last_day = None
        self._last_group = None
        rows = self._rows(items)
        if not rows and empty is not None:
            rows = [heading(empty)]
        self.replace_rows(rows, next_cursor)

    def append(self, items: Iterable[EventSummary], next_cursor: str | None) -> None:
        self.append_rows(self._rows(items), next_cursor)

    def _prompt(self, event: EventSummary) -> render.RowVisual:
        return render.event_row(event, self.focus_country, self.host_country, self.day_change)

    def set_focus_country(self, code: str | None) -> None:
        """Emphasise `code`'s events: the rows on screen that involve it (or the country
        emphasised before) are painted again from their records."""
        old = self.focus_country
        if code != old:
            self.focus_country = code
            self.restyle(only=lambda event: old in event.countries or code in event.countries)

    @property
    def event(self) -> EventSummary | None:
        item = self.highlighted_item
        return item if isinstance(item, EventSummary) else None


class TimelinePane(Vertical):
    def compose(self) -> ComposeResult:
        yield DayStrip(id="days")
        yield EventList(id="events")
