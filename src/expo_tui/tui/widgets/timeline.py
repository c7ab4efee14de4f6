"""The timeline pane: a strip of days above the chosen day's events, in order.

The pane's state (the expo, its days, the chosen day, the highlighted country, the `f`
filter) is bound down from the explorer screen; the pane titles itself from it and binds
what its strip and list need further down.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.widget import Widget

from ...store.models import NO_FACETS, UNDATED, Country, Day, EventSummary, Expo, Facets
from ..render import labels
from ..render.clock import EXPO_CLOCK, Clock
from ..render.day_strip import StripEntry, day_strip
from ..render.rows import RowVisual, day_heading, empty_timeline, event_row, scope_heading
from ..render.text import safe_text
from .paged_list import PagedList, Row, heading


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

    days: var[tuple[Day, ...]] = var(())
    day: var[str | None] = var(None)  # the chosen day's key; None is all days

    class Chosen(Message):
        """A day was clicked (`key` None: all days)."""

        def __init__(self, key: str | None) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.spans: tuple[StripEntry, ...] = ()  # where each entry was drawn, for clicks

    @property
    def keys(self) -> list[str | None]:
        return [day.key for day in self.days] + [None]

    def watch_days(self) -> None:
        self.refresh()

    def watch_day(self) -> None:
        self.refresh()

    def render(self) -> Content:
        entries = [(day.key, day) for day in self.days] + [(None, None)]
        line, self.spans = day_strip(entries, self.day, self.content_region.width)
        return line

    def on_click(self, event: events.Click) -> None:
        event.stop()
        for span in self.spans:
            if span.start <= event.x < span.end:
                keys = span.keys
                if self.day in keys and len(keys) > 1:  # a collapsed run: next date in it
                    key = keys[(keys.index(self.day) + 1) % len(keys)]
                else:
                    key = keys[0]
                self.post_message(self.Chosen(key))
                return


class EventList(PagedList):
    """Events of the chosen day (or all days, under day headings), a page at a time.

    Chains of ordered events get a heading naming whose chain it is ("#n" is the order within
    it); events with neither a time nor an order sit under "time not reported". The
    highlighted country's events are marked; the host's code is left out where others are
    involved.
    """

    expo: var[Expo | None] = var(None)
    days: var[tuple[Day, ...]] = var(())
    country: var[Country | None] = var(None)
    schedule: var[bool] = var(False)  # a conference: rows show end times and rooms
    clock: var[Clock] = var(EXPO_CLOCK)  # the clock rows show times on

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.all_days = False
        self.day_counts = True
        self._day_index: Mapping[str, Day] = {}
        self._last_day: str | None = None
        self._last_group: tuple[str, str | None] | None = None

    starred: frozenset[str] = frozenset()  # the event keys the user starred (a ★ each)

    def watch_days(self, days: tuple[Day, ...]) -> None:
        self._day_index = {day.key: day for day in days}

    def set_starred(self, keys: frozenset[str]) -> None:
        if keys != self.starred:
            changed = keys ^ self.starred
            self.starred = keys
            self.restyle(only=lambda event: event.key in changed)

    def watch_country(self, old: Country | None, new: Country | None) -> None:
        """Mark the new country's events: the rows on screen that involve it (or the country
        marked before) are painted again from their records."""
        before, after = (old.code if old else None), (new.code if new else None)
        if before != after:
            self.restyle(only=lambda event: before in event.countries or after in event.countries)

    def watch_schedule(self) -> None:
        self.restyle()

    watch_clock = watch_schedule

    def _rows(self, items: Iterable[EventSummary]) -> list[Row]:
        rows: list[Row] = []
        for event in items:
            day_key = event.date.isoformat() if event.date else UNDATED
            if self.all_days and day_key != self._last_day:
                day = self._day_index.get(day_key)
                count = day.events if day and self.day_counts else None
                rows.append(heading(day_heading(day, day_key, count)))
                self._last_group = None
            self._last_day = day_key
            if event.start_time is None:
                group = ("chain", event.order_scope) if event.order is not None else ("none", None)
                if group != self._last_group:
                    rows.append(heading(scope_heading(group[1] if group[0] == "chain" else None)))
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
        empty: Content | None = None,
        day_counts: bool = True,
    ) -> None:
        """`day_counts`: the day headings say how many events the day has (not where the
        list is a selection of them: one country's, a pair's, under facets)."""
        self.all_days = all_days
        self.day_counts = day_counts
        self._last_day = None
        self._last_group = None
        rows = self._rows(items)
        if not rows and empty is not None:
            rows = [heading(empty)]
        self.replace_rows(rows, next_cursor)

    def append(self, items: Iterable[EventSummary], next_cursor: str | None) -> None:
        self.append_rows(self._rows(items), next_cursor)

    def _prompt(self, event: EventSummary) -> RowVisual:
        expo = self.expo
        return event_row(
            event,
            self.country.code if self.country else None,
            expo.country_code if expo else None,
            expo.day_change if expo else None,
            schedule=self.schedule,
            shown_on=self.clock,
            expo=expo,
            starred=event.key in self.starred,
        )

    @property
    def event(self) -> EventSummary | None:
        item = self.highlighted_item
        return item if isinstance(item, EventSummary) else None


class TimelinePane(Vertical):
    expo: var[Expo | None] = var(None)
    days: var[tuple[Day, ...]] = var(())
    day: var[str | None] = var(None)
    country: var[Country | None] = var(None)
    filtered: var[bool] = var(False)
    facets: var[Facets] = var(NO_FACETS)
    clock: var[Clock] = var(EXPO_CLOCK)
    shown: var[tuple[int, bool] | None] = var(None)  # rows on the list, more pages after them

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._titles: tuple[Content, Content] | None = None

    def compose(self) -> ComposeResult:
        yield DayStrip(id="days").data_bind(TimelinePane.days, TimelinePane.day)
        yield EventList(id="events").data_bind(
            TimelinePane.expo, TimelinePane.days, TimelinePane.country, TimelinePane.clock
        )

    @property
    def events(self) -> EventList:
        return self.query_one(EventList)

    def chosen_day(self) -> Day | None:
        """The chosen day as the strip names it (None: all days)."""
        key = self.day
        if key is None:
            return None
        found = next((day for day in self.days if day.key == key), None)
        if found is None and self.expo is not None:
            found = self.expo.day_of(key)  # a date the store holds no event on
        return found

    def empty_text(self) -> Content:
        """What an empty page of the timeline says."""
        country = safe_text(self.country.name, limit=80) if self.country else None
        return empty_timeline(self.chosen_day(), country if self.filtered else None)

    def _retitle(self) -> None:
        country = safe_text(self.country.name, limit=80) if self.country else None
        day = self.chosen_day()
        zone = self.clock.abbreviation(self.expo, day.date if day else None) if self.expo else None
        titles = (
            labels.timeline_title(day, zone),
            labels.timeline_subtitle(
                country, self.filtered, self.shown, labels.facet_words(self.facets)
            ),
        )
        if titles != self._titles:  # setting either repaints the whole pane
            self._titles = titles
            self.border_title, self.border_subtitle = titles

    watch_expo = watch_days = watch_day = watch_country = watch_filtered = watch_shown = _retitle
    watch_facets = watch_clock = _retitle
