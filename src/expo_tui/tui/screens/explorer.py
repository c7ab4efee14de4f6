"""The explorer screen: owns the selection state, runs every store call in a thread worker,
and pushes results into the three panes (countries, timeline, details).

Panes never query the store or poke each other: they post messages (highlight, need more rows,
day chosen) and the screen decides what to load. Every worker result carries the request id it
answers and is dropped when a newer request has been made since.
"""

from __future__ import annotations

import contextlib
import itertools
import time
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.events import DescendantFocus
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input
from textual.worker import Worker, get_current_worker

from ...selectors import SelectorError, day_key
from ...store.models import UNDATED, CountrySummary, Day, Expo, SearchHit
from .. import render
from ..messages import (
    CountriesLoaded,
    CountryDetailLoaded,
    DaysLoaded,
    EventDetailLoaded,
    EventsLoaded,
    ExposLoaded,
    OverviewLoaded,
    PersonLoaded,
    ReadAheadLoaded,
)
from ..prefetch import PAGE, Prefetch, countries_key, events_key, first_page
from ..read_ahead import CountryRead, DayRead, ReadAheadCache
from ..widgets.countries import CountryList, CountryPane, SearchInput, country_rows
from ..widgets.details import DetailsPane, PreparedText, prepare
from ..widgets.header import ExpoHeader
from ..widgets.keybar import KeyBar
from ..widgets.paged_list import PagedList
from ..widgets.timeline import ALL_DAYS, DayStrip, EventList, TimelinePane

if TYPE_CHECKING:
    from ...store import Store

DETAILS_THROTTLE = 0.04  # s: while a key repeats in a list, the details load at most this often
DETAIL_EVENTS = 40  # a country's events in its details (the rest: f on the timeline)
HOLD_FRAMES = 0.05  # s: the longest a key waits for its data before its frame is painted anyway
HOLD_START = 0.5  # s: the longest the first paint waits for the panes' data
PANES = ("countries-pane", "timeline-pane", "details")


DAY_GROUP = Binding.Group("Day", compact=True)


def _day_binding(n: int) -> Binding:
    return Binding(
        str(n),
        f"day({n})",
        f"Day {n}",
        show=False,
        id=f"day.{n}",
        tooltip=f"Show day {n} of the expo",
    )


class ExplorerScreen(Screen[None], inherit_bindings=False):
    # Screen.focused repaints the whole screen on every focus change (a full update, ~25-40 ms
    # at 160x48). Nothing on this screen draws from it: focus styles (:focus, :focus-within)
    # restyle and repaint the widgets concerned by themselves.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: handled as the key arrives, so letters typed right after it reach the box
        Binding(
            "slash",
            "search",
            "Search",
            id="search",
            priority=True,
            tooltip="Search countries live: names (English or Indonesian), codes, aliases, people",
        ),
        Binding(
            "enter",
            "open_details",
            "Details",
            id="details.open",
            tooltip="Open the highlighted country's or event's details",
        ),
        Binding(
            "escape",
            "back",
            "Back",
            show=False,
            id="back",
            tooltip="Clear the search, or leave the details pane",
        ),
        Binding(
            "left_square_bracket",
            "step_day(-1)",
            "Previous day",
            id="day.previous",
            group=DAY_GROUP,
            tooltip="Previous day in the day strip",
        ),
        Binding(
            "right_square_bracket",
            "step_day(1)",
            "Next day",
            id="day.next",
            group=DAY_GROUP,
            tooltip="Next day in the day strip",
        ),
        Binding("0", "all_days", "All days", id="day.all", tooltip="Every event, grouped by day"),
        Binding(
            "o",
            "overview",
            "Overview",
            show=False,
            id="overview",
            tooltip="The expo overview: dates, venue, published figures and sources",
        ),
        Binding(
            "f",
            "toggle_filter",
            "Filter",
            id="filter",
            tooltip="Show only the highlighted country's events (toggle)",
        ),
        Binding(
            "ctrl+r",
            "refresh",
            "Refresh",
            show=False,
            id="refresh",
            tooltip="Re-read everything from the store (another process may have imported)",
        ),
        Binding(
            "e",
            "switch_expo",
            "Expo",
            id="expo.switch",
            tooltip="Switch to another expo in the store",
        ),
        Binding("tab", "cycle_pane(1)", "Next pane", show=False, id="pane.next"),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False, id="pane.previous"),
        Binding("l,right", "move_pane(1)", "Pane to the right", show=False, id="pane.right"),
        Binding("h,left", "move_pane(-1)", "Pane to the left", show=False, id="pane.left"),
        *(_day_binding(n) for n in range(1, 10)),
    ]

    def __init__(
        self, store: Store, expo_slug: str | None = None, prefetch: Prefetch | None = None
    ) -> None:
        super().__init__()
        self.store = store
        self.wanted_slug = expo_slug
        self.prefetch = prefetch  # the first reads, started before the app (see prefetch.py)
        self.expos: tuple[Expo, ...] = ()
        self.expo: Expo | None = None
        self.days: tuple[Day, ...] = ()
        self.day_map: dict[str, Day] = {}
        self.day: str = ALL_DAYS
        self.country: str | None = None  # the highlighted country's code
        self.country_name: str | None = None
        self.filtered = False
        self.search = ""
        self._ids = itertools.count(1)
        self._latest: dict[str, int] = {}
        self._want_country: str | None = None
        self._want_event: int | None = None
        self._focus_details_on_load = False
        self._return_pane = "countries-pane"
        self._active_pane = "countries-pane"
        self._timeline_titles: tuple[render.Content, render.Content] | None = None
        self._overview_cache: OverviewLoaded | None = None
        self._refreshing = False
        self._details_loaded_at = 0.0  # time.monotonic() of the last details load a move asked for
        self._details_timer: Timer | None = None  # a trailing load while keys repeat
        self._hold: contextlib.AbstractContextManager[None] | None = None  # see _hold_frames
        self._hold_timer: Timer | None = None
        self._ever_shown = False
        self._freeze_asked = False  # ExpoApp.freeze_startup_objects, once, after the first paint
        # loads an expo's first paint waits for (one layout and paint with data, instead of a
        # paint per pane as each load lands: ~100 ms sooner to a full screen at start-up)
        self._starting: set[str] = set()
        # the neighbours of what is shown, read ahead (see read_ahead.py)
        self._read_ahead = {"countries": ReadAheadCache(), "days": ReadAheadCache()}

    # -- layout -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield ExpoHeader(id="header")
        with Grid(id="panes"):
            yield CountryPane(id="countries-pane", classes="pane")
            yield TimelinePane(id="timeline-pane", classes="pane")
            yield DetailsPane(id="details")
        yield KeyBar(id="keys")

    @property
    def countries(self) -> CountryList:
        return self.query_one("#countries", CountryList)

    @property
    def events(self) -> EventList:
        return self.query_one("#events", EventList)

    @property
    def details(self) -> DetailsPane:
        return self.query_one("#details", DetailsPane)

    @property
    def search_input(self) -> SearchInput:
        return self.query_one("#search", SearchInput)

    def on_mount(self) -> None:
        self.details.add_class("pane")
        self.query_one("#countries-pane").border_title = render.pane_title("Countries")
        self.query_one("#countries-pane").border_subtitle = render.COUNT_COLUMNS
        self.query_one("#timeline-pane").border_title = render.pane_title("Timeline")
        self.details.border_title = render.pane_title("Details")
        self.details.show(render.message_text("Loading…"))
        self.query_one(ExpoHeader).update(
            render.header_content(None, readonly=self.store.readonly, expo_count=0)
        )
        self.countries.focus()
        self.countries.before_highlight = self.events.before_highlight = self._highlight_moving
        # one small read on the UI thread (~0.1 ms) saves a worker round trip at start-up;
        # the first queries then start together
        self._expos_loaded(ExposLoaded(self._next("expos"), self.store.expos()))

    # -- requests and workers -----------------------------------------------------------------
    def _next(self, kind: str) -> int:
        request = next(self._ids)
        self._latest[kind] = request
        return request

    def _current(self, kind: str, request: int) -> bool:
        return self._latest.get(kind) == request

    def _post(self, message: Message) -> None:
        """Post from a worker thread unless the worker was cancelled meanwhile."""
        if not get_current_worker().is_cancelled:
            self.post_message(message)

    # -- one frame per key ------------------------------------------------------------------
    def _hold_frames(self, limit: float = HOLD_FRAMES) -> None:
        """Paint nothing until the data this key asked for have arrived (or HOLD_FRAMES passes).

        A key that moves a highlight changes two panes: the list at once, the details after a
        worker round trip (~5 ms). Painted separately, that is two frames, and Textual paints
        at most one per 1/60 s: the details would land ~17 ms after the list at best. Held, the
        key shows as one complete frame, sooner. Released by `_release_frames` wherever the
        last of the data is shown, or found not to be needed.
        """
        if self._hold is None and self.is_current:
            self._hold = self.app.batch_update()
            self._hold.__enter__()
            self._hold_timer = self.set_timer(limit, self._release_held)

    def _highlight_moving(self, paged_list: PagedList) -> None:
        """A list's highlight is about to move: if the details follow it, hold the frame."""
        if paged_list.has_focus:
            self._hold_frames()

    def _release_held(self) -> None:
        """The hold's time is up: paint what there is."""
        self._starting.clear()
        self._release_frames()

    def _started(self, kind: str) -> None:
        """One of the first loads of an expo is in; the first paint waits for all of them."""
        if kind in self._starting:
            self._starting.discard(kind)
            if not self._starting:
                self._release_frames()

    def _show_panes(self) -> None:
        panes = self.query_one("#panes")
        if not panes.display:
            panes.display = True
        if not self._freeze_asked:
            # after the first paint with data, before the first key (whether the panes were
            # hidden while their data loaded or had it all at mount)
            self._freeze_asked = True
            freeze = getattr(self.app, "freeze_startup_objects", None)
            if freeze is not None:
                self.call_after_refresh(freeze)

    def _release_frames(self) -> None:
        if self._starting:
            return  # an expo is opening: its first paint shows every pane's data at once
        self._show_panes()
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        if self._hold is not None:
            hold, self._hold = self._hold, None
            # Widgets tell the screen they need painting from their own idle handler, a message
            # later; the panes' refreshes are reported now so that the frame that follows the
            # release has them all (Textual private API: pinned below 9 in pyproject.toml).
            for widget in self.query("#panes, #panes *"):
                widget._check_refresh()
            hold.__exit__(None, None, None)
            # Paint as soon as the screen has taken those reports (they are queued before this
            # callback), not on the next tick of its 60 Hz timer: up to 17 ms sooner.
            self.call_later(self._paint_now)

    def _paint_now(self) -> None:
        if self._hold is None and self.is_current:
            self._on_timer_update()  # what the screen's update timer calls (Textual private)

    def on_screen_suspend(self) -> None:
        self._release_held()  # a dialog opened (even while the expo opens): it must paint

    @on(Worker.StateChanged)
    def _worker_state_changed(self, event: Worker.StateChanged) -> None:
        report = getattr(self.app, "report_worker_state", None)
        if report is not None:
            report(event.worker, event.state)

    def _prefetched(self, key: Hashable) -> Any:
        """A first read done before the app started, if it is this one (worker threads only)."""
        return self.prefetch.take(key) if self.prefetch is not None else None

    def _prefetched_now(self, key: Hashable) -> Any:
        """A first read already done before the app started (UI thread: never waits)."""
        return self.prefetch.take_ready(key) if self.prefetch is not None else None

    @work(thread=True, exclusive=True, group="expos", exit_on_error=False)
    def load_expos(self, request: int) -> None:
        self._post(ExposLoaded(request, self.store.expos()))

    @work(thread=True, exclusive=True, group="days", exit_on_error=False)
    def load_days(self, request: int, expo: Expo) -> None:
        days = self._prefetched(("days", expo.id)) or self.store.days(expo)
        self._post(DaysLoaded(request, expo.id, days))

    @work(thread=True, exclusive=True, group="countries", exit_on_error=False)
    def load_countries(
        self, request: int, expo: Expo, search: str, cursor: str | None = None
    ) -> None:
        page = self._prefetched(countries_key(expo.id, search, cursor)) or self.store.countries(
            expo, search, limit=PAGE, cursor=cursor
        )
        self._post(CountriesLoaded(request, page, cursor is not None, search))

    @work(thread=True, exclusive=True, group="events", exit_on_error=False)
    def load_events(
        self,
        request: int,
        expo: Expo,
        day: str,
        country: str | None,
        cursor: str | None = None,
        limit: int = PAGE,
        details_request: int | None = None,
        day_map: dict[str, Day] | None = None,
    ) -> None:
        """A page of the timeline; with `details_request`, also the first event's details (the
        highlight lands on it and the details follow: one worker round trip, not two)."""
        day_key = None if day == ALL_DAYS else day
        page = self._prefetched(
            events_key(expo.id, day_key, country, cursor, limit)
        ) or self.store.events(expo, day_key, country=country, limit=limit, cursor=cursor)
        first = None
        if details_request is not None and page.items:
            first = self._event_detail_message(details_request, page.items[0].id, day_map or {})
        self._post(EventsLoaded(request, page, cursor is not None, first))

    # The details workers also render the text (pure data work, a few ms for a busy country),
    # so the UI thread only wraps the lines it paints.
    def load_country_detail(self, request: int, expo: Expo, code: str) -> None:
        self._load_country_detail(
            request, expo, code, self.day_map, self._read_ahead["countries"].generation
        )

    @work(thread=True, exclusive=True, group="details", exit_on_error=False)
    def _load_country_detail(
        self, request: int, expo: Expo, code: str, day_map: dict[str, Day], generation: int
    ) -> None:
        detail = self.store.country_detail(expo, code, event_limit=DETAIL_EVENTS)
        prepared = prepare(render.country_details(detail, day_map)) if detail else None
        self._post(CountryDetailLoaded(request, code, detail, prepared, generation))

    @work(thread=True, exclusive=True, group="read-ahead-countries", exit_on_error=False)
    def read_ahead_countries(
        self, expo: Expo, codes: list[str], day_map: dict[str, Day], generation: int
    ) -> None:
        """Read and render the details of `codes` (the highlight's neighbours), each posted
        as soon as it is ready, the first one first."""
        worker = get_current_worker()
        for code in codes:
            if worker.is_cancelled:
                return
            detail = self.store.country_detail(expo, code, event_limit=DETAIL_EVENTS)
            if detail is not None:
                entry = CountryRead(detail, prepare(render.country_details(detail, day_map)))
                self._post(ReadAheadLoaded("countries", generation, code, entry))

    @work(thread=True, exclusive=True, group="read-ahead-days", exit_on_error=False)
    def read_ahead_days(
        self,
        expo: Expo,
        days: list[str],
        country: str | None,
        limit: int,
        day_map: dict[str, Day],
        generation: int,
    ) -> None:
        """Read the first timeline page of `days` (the shown day's neighbours) and render its
        first event's details, each day posted as soon as it is ready."""
        worker = get_current_worker()
        for day in days:
            if worker.is_cancelled:
                return
            day_key = None if day == ALL_DAYS else day
            page = self.store.events(expo, day_key, country=country, limit=limit)
            first = None
            if page.items:
                first = self._event_detail_message(0, page.items[0].id, day_map)
            entry = DayRead(
                page, first.detail if first else None, first.prepared if first else None
            )
            key = events_key(expo.id, day_key, country, None, limit)
            self._post(ReadAheadLoaded("days", generation, key, entry))

    def load_event_detail(self, request: int, event_id: int) -> None:
        self._load_event_detail(request, event_id, self.day_map)

    @work(thread=True, exclusive=True, group="details", exit_on_error=False)
    def _load_event_detail(self, request: int, event_id: int, day_map: dict[str, Day]) -> None:
        self._post(self._event_detail_message(request, event_id, day_map))

    def _event_detail_message(
        self, request: int, event_id: int, day_map: dict[str, Day]
    ) -> EventDetailLoaded:
        """Read and render an event's details (in a worker thread)."""
        detail = self.store.event(event_id)
        prepared = None
        if detail is not None:
            key = detail.event.date.isoformat() if detail.event.date else UNDATED
            prepared = prepare(render.event_details(detail, day_map.get(key)))
        return EventDetailLoaded(request, event_id, detail, prepared)

    @work(thread=True, exclusive=True, group="details", exit_on_error=False)
    def load_overview(self, request: int, expo: Expo) -> None:
        prefetched = self._prefetched(("overview", expo.id))
        if prefetched is not None:
            host, figures, sources = prefetched
        else:
            host = self.store.country(expo.country_code) if expo.country_code else None
            figures, sources = self.store.figures(expo), self.store.expo_sources(expo)
        self._post(OverviewLoaded(request, expo.id, host, figures, sources))

    @work(thread=True, exclusive=True, group="details", exit_on_error=False)
    def load_person(self, request: int, key: str) -> None:
        self._post(PersonLoaded(request, self.store.person(key)))

    # -- expos ------------------------------------------------------------------------------
    @on(ExposLoaded)
    def _expos_loaded(self, message: ExposLoaded) -> None:
        if not self._current("expos", message.request):
            return
        self.expos = message.expos
        if not self.expos:
            self.details.show(
                render.message_text(
                    "This store holds no expos yet. Import one with `expo-tui import`, "
                    "or open another store with --db."
                )
            )
            self.refresh_bindings()
            return
        if self._refreshing:
            self._refreshing = False
            same = next((e for e in self.expos if self.expo and e.slug == self.expo.slug), None)
            if same is not None:
                self._reload(same)
                self.refresh_bindings()
                return
        wanted = next((e for e in self.expos if e.slug == self.wanted_slug), None)
        if self.wanted_slug and wanted is None:
            self.app.notify(
                f"No expo {render.safe_text(self.wanted_slug, limit=60)!r} in this store; "
                f"showing {render.expo_title(self.expos[0])}.",
                severity="warning",
                markup=False,
            )
        self.set_expo(wanted or self.expos[0])
        self.refresh_bindings()

    def set_expo(self, expo: Expo) -> None:
        self.expo = expo
        self.app.sub_title = render.expo_title(expo)
        self.query_one(ExpoHeader).update(
            render.header_content(expo, readonly=self.store.readonly, expo_count=len(self.expos))
        )
        self.days, self.day_map = (), {}
        self.events.days = {}
        self.events.host_country = expo.country_code
        self.events.day_change = expo.day_change
        self.country = self.country_name = None
        self.filtered = False
        self._want_country = self._want_event = None
        self._clear_search_box()
        self._overview_cache = None
        self._clear_read_ahead()
        self._starting = {"days", "countries", "events", "overview"}
        self._hold_frames(HOLD_START)
        # Each first load shows at once if the prefetch has it (the usual case at start-up:
        # then all four land before the first layout), or else starts its worker.
        days = self._prefetched_now(("days", expo.id))
        if days is not None:
            self._days_loaded(DaysLoaded(self._next("days"), expo.id, days))
        else:
            self.load_days(self._next("days"), expo)
        overview = self._prefetched_now(("overview", expo.id))
        if overview is not None:
            self._overview_loaded(OverviewLoaded(self._next("details"), expo.id, *overview))
        else:
            self.show_overview()
        self._request_countries()
        self.choose_day(expo.start_date.isoformat())
        if self._starting and not self._ever_shown:
            # Still loading: the screen's first layout and paint come right after mount
            # whatever is held (~45 ms at 160x48). With the panes hidden it is a cheap one,
            # and the panes are laid out and painted once, with their data.
            self.query_one("#panes").display = False
        self._ever_shown = True

    def action_refresh(self) -> None:
        """Re-read the store: expos, days, countries, the timeline and the details."""
        self._refreshing = True
        self.load_expos(self._next("expos"))

    def _reload(self, expo: Expo) -> None:
        """Load `expo` again, keeping the day, the country, the highlighted event and what
        the details show, where they still exist."""
        self.expo = expo
        self.query_one(ExpoHeader).update(
            render.header_content(expo, readonly=self.store.readonly, expo_count=len(self.expos))
        )
        self._overview_cache = None
        self._clear_read_ahead()  # the store may have changed under it
        self.prefetch = None  # and since the app started: nothing read then is shown now
        self.load_days(self._next("days"), expo)
        self._request_countries()
        event = self.events.event
        if event is not None:
            self._want_event = event.id
        self._request_events()
        subject = self.details.subject
        kind, ref = subject if subject is not None else ("expo", None)
        if kind == "country" and isinstance(ref, str):
            self.load_country_detail(self._next("details"), expo, ref)
        elif kind == "event" and isinstance(ref, int):
            self.load_event_detail(self._next("details"), ref)
        elif kind == "person" and isinstance(ref, str):
            self.load_person(self._next("details"), ref)
        else:
            self.show_overview()
        self.app.notify("Reloaded from the store.", markup=False, timeout=2)

    # -- days -------------------------------------------------------------------------------
    @on(DaysLoaded)
    def _days_loaded(self, message: DaysLoaded) -> None:
        if not self._current("days", message.request):
            return
        self.days = message.days
        self.day_map = {d.key: d for d in message.days}
        self._clear_read_ahead()  # the details name days by these labels
        self.events.days = self.day_map
        strip = self.query_one(DayStrip)
        strip.set_days(message.days)
        strip.choose(self.day)
        self._update_timeline_title()
        if self._overview_cache is not None and self.details.subject == (
            "expo",
            self.expo.slug if self.expo else None,
        ):
            self._show_overview(self._overview_cache)  # now with the day counts
        self._started("days")

    def day_keys(self) -> list[str]:
        return [d.key for d in self.days] + [ALL_DAYS]

    def choose_day(self, key: str) -> None:
        if self.expo is None:
            return
        self._hold_frames()  # the strip, the title, the rows and their details: one frame
        self.day = key
        self.query_one(DayStrip).choose(key)
        self._update_timeline_title()
        self._request_events()

    def _update_timeline_title(self) -> None:
        day = None if self.day == ALL_DAYS else self.day_map.get(self.day)
        if day is None and self.day not in (ALL_DAYS, UNDATED) and self.expo is not None:
            import datetime as dt

            date = dt.date.fromisoformat(self.day)
            number = (date - self.expo.start_date).days + 1
            span = (self.expo.end_date - self.expo.start_date).days + 1
            day = Day(
                self.day,
                date,
                "expo" if 1 <= number <= span else "other",
                number if 1 <= number <= span else None,
                0,
            )
        elif day is None and self.day == UNDATED:
            day = Day(UNDATED, None, "undated", None, 0)
        title = render.timeline_title(day)
        subtitle = render.timeline_subtitle(self.country_name, self.filtered)
        if (title, subtitle) != self._timeline_titles:  # setting either repaints the pane
            self._timeline_titles = (title, subtitle)
            pane = self.query_one("#timeline-pane")
            pane.border_title = title
            pane.border_subtitle = subtitle

    def action_day(self, number: int) -> None:
        if self.expo is None:
            return
        try:
            key = day_key(self.expo, str(number))
        except SelectorError as error:
            self.app.notify(render.safe_text(error), severity="warning", markup=False)
            return
        self.choose_day(key or ALL_DAYS)

    def action_all_days(self) -> None:
        self.choose_day(ALL_DAYS)

    def action_step_day(self, step: int) -> None:
        keys = self.day_keys()
        index = keys.index(self.day) if self.day in keys else 0
        target = max(0, min(len(keys) - 1, index + step))
        if target != index or self.day not in keys:
            self.choose_day(keys[target])

    @on(DayStrip.Chosen)
    def _day_clicked(self, message: DayStrip.Chosen) -> None:
        self.choose_day(message.key)

    # -- countries --------------------------------------------------------------------------
    def _request_countries(self) -> None:
        if self.expo is None:
            return
        page = self._prefetched_now(countries_key(self.expo.id, self.search, None))
        if page is not None:
            self._countries_loaded(
                CountriesLoaded(self._next("countries"), page, False, self.search)
            )
            return
        self.load_countries(self._next("countries"), self.expo, self.search)

    @on(CountriesLoaded)
    def _countries_loaded(self, message: CountriesLoaded) -> None:
        if not self._current("countries", message.request):
            return
        countries = self.countries
        if message.append:
            countries.append_rows(country_rows(message.page.items), message.page.next_cursor)
            return
        keep = self._want_country or self.country
        with countries.prevent(PagedList.Highlighted):
            countries.show(message.page.items, message.page.next_cursor, search=message.search)
            found = keep is not None and countries.highlight_where(lambda c: c.country.code == keep)
            if not found and not message.search:
                # no country chosen yet (the overview shows): none is highlighted
                countries.highlighted = None
        if not found and message.search:
            countries.action_first()
        self._country_changed()
        if self._want_country is not None:
            self._want_country = None
            if self.country is not None:
                self._open_country_details(focus=True)
        self._started("countries")

    @on(PagedList.Highlighted, "#countries")
    def _country_highlighted(self, event: PagedList.Highlighted) -> None:
        event.stop()
        self._country_changed()

    def _country_changed(self) -> None:
        summary = self.countries.country
        code = summary.country.code if summary else None
        changed = code != self.country
        self.country = code
        self.country_name = render.safe_text(summary.country.name, limit=80) if summary else None
        self.events.set_focus_country(code)
        if changed and self.filtered:
            if code is None:
                self.filtered = False
            self._request_events()
        self._update_timeline_title()
        if self._pane_of(self.focused) == "countries-pane" and code is not None:
            self._hold_frames()
            self._details_follow()

    @on(PagedList.NeedMore, "#countries")
    def _more_countries(self, message: PagedList.NeedMore) -> None:
        if self.expo is not None:
            self.load_countries(self._latest["countries"], self.expo, self.search, message.cursor)

    # -- search -----------------------------------------------------------------------------
    def action_search(self) -> None:
        pane = self.query_one("#countries-pane", CountryPane)
        pane.add_class("-searching")
        self._activate("countries-pane")
        # focus now, not after a refresh: keys typed right after "/" must land in the box
        self.set_focus(self.search_input)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self.search:
            self.search = event.value
            self._request_countries()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open_details()

    def _clear_search_box(self) -> bool:
        pane = self.query_one("#countries-pane", CountryPane)
        was_searching = pane.has_class("-searching") or bool(self.search)
        with self.search_input.prevent(Input.Changed):
            self.search_input.value = ""
        pane.remove_class("-searching")
        self.search = ""
        return was_searching

    # -- timeline ---------------------------------------------------------------------------
    def _request_events(self) -> None:
        if self.expo is None:
            return
        follow = self._pane_of(self.focused) == "timeline-pane"
        request = self._day_request(self.day)
        page = self._prefetched_now(request)
        if page is not None:  # read before the app started
            self._events_loaded(EventsLoaded(self._next("events"), page, False))
            return
        cached: DayRead | None = self._read_ahead["days"].get(request)
        if cached is not None:  # read ahead: shown in this key's frame, no worker round trip
            first = None
            if follow and cached.first_detail is not None:
                first = EventDetailLoaded(
                    self._next("details"),
                    cached.page.items[0].id,
                    cached.first_detail,
                    cached.first_prepared,
                )
            self._events_loaded(EventsLoaded(self._next("events"), cached.page, False, first))
            return
        self.load_events(
            self._next("events"),
            self.expo,
            self.day,
            self._timeline_country,
            limit=self._first_page(),
            details_request=self._next("details") if follow else None,
            day_map=self.day_map,
        )

    @property
    def _timeline_country(self) -> str | None:
        """The country the timeline is filtered to (f), if it is."""
        return self.country if self.filtered else None

    def _first_page(self) -> int:
        """Rows of a fresh timeline: what fits twice over, so the next page is not due yet.
        Reckoned from the terminal's height, not the pane's, so that it is the same before
        the first layout (the prefetch, the first requests) as after (requests, reads ahead)."""
        return first_page(self.app.size.height)

    @on(EventsLoaded)
    def _events_loaded(self, message: EventsLoaded) -> None:
        if not self._current("events", message.request):
            return
        events = self.events
        if message.append:
            events.append(message.page.items, message.page.next_cursor)
            return
        day = None if self.day == ALL_DAYS else self.day_map.get(self.day)
        empty = render.empty_timeline(day, self.country_name if self.filtered else None)
        events.show(
            message.page.items, message.page.next_cursor, all_days=self.day == ALL_DAYS, empty=empty
        )
        if self._want_event is not None:
            wanted, self._want_event = self._want_event, None
            events.highlight_where(lambda e: e.id == wanted)
        first = message.first_detail
        if (
            first is not None
            and events.event is not None
            and events.event.id == first.event_id
            and self._pane_of(self.focused) == "timeline-pane"
        ):
            self._event_detail_loaded(first)  # read with the rows: no second round trip
        if self._pane_of(self.focused) != "timeline-pane" or events.event is None:
            self._release_frames()  # no details follow the new rows
        self._started("events")
        self.call_after_refresh(self._read_ahead_days)  # once this frame is painted

    @on(PagedList.NeedMore, "#events")
    def _more_events(self, message: PagedList.NeedMore) -> None:
        if self.expo is None:
            return
        self.load_events(
            self._latest["events"], self.expo, self.day, self._timeline_country, message.cursor
        )

    @on(PagedList.Highlighted, "#events")
    def _event_highlighted(self, event: PagedList.Highlighted) -> None:
        event.stop()
        if self._pane_of(self.focused) == "timeline-pane":
            self._hold_frames()
            self._details_follow()

    def action_toggle_filter(self) -> None:
        if self.country is None:
            self.app.notify(
                "Highlight a country first: f shows only its events.",
                severity="warning",
                markup=False,
            )
            return
        self.filtered = not self.filtered
        self._update_timeline_title()
        self._request_events()

    # -- details ----------------------------------------------------------------------------
    @property
    def details_pending(self) -> bool:
        """A throttled details load is due (a test or benchmark may wait for it)."""
        return self._details_timer is not None

    def _details_follow(self) -> None:
        """The highlight moved in the focused list: its details follow, throttled.

        A leading-edge throttle: a single move loads at once; while a key repeats, the details
        load at most every DETAILS_THROTTLE seconds, the last highlight always last. The
        highlight itself is drawn at once either way, and so are details read ahead.
        """
        if self._details_timer is not None:
            return  # the pending load reads the highlight when it fires
        wait = self._details_loaded_at + DETAILS_THROTTLE - time.monotonic()
        read_ahead = (
            self._pane_of(self.focused) == "countries-pane"
            and self.country in self._read_ahead["countries"]
        )
        if wait <= 0 or read_ahead:  # details already read cost no load: shown at once
            self._details_due()
        else:
            self._details_timer = self.set_timer(wait, self._details_due)

    def _details_due(self) -> None:
        self._details_timer = None
        self._details_loaded_at = time.monotonic()
        pane = self._pane_of(self.focused)
        if pane == "countries-pane":
            self._open_country_details()
        elif pane == "timeline-pane":
            self._open_event_details()

    def _open_country_details(self, *, focus: bool = False) -> None:
        if self.expo is None or self.country is None:
            self._release_frames()  # nothing to load
            return
        if self.details.subject == ("country", self.country) and not self.details_pending:
            self._next("details")  # a load still on its way is for another subject now
            if focus:
                self._hold_frames()  # the focus moves: borders and cursors change together
                self._focus_details()
            self._release_frames()
            return
        self._focus_details_on_load = self._focus_details_on_load or focus
        cached = self._read_ahead["countries"].get(self.country)
        if cached is not None:  # read ahead: shown in this key's frame, no worker round trip
            self._country_detail_loaded(
                CountryDetailLoaded(
                    self._next("details"), self.country, cached.detail, cached.prepared
                )
            )
            return
        self._hold_frames()
        self.load_country_detail(self._next("details"), self.expo, self.country)

    def _open_event_details(self, event_id: int | None = None, *, focus: bool = False) -> None:
        if event_id is None:
            event = self.events.event
            if event is None:
                self._release_frames()  # nothing to load
                return
            event_id = event.id
        if self.details.subject == ("event", event_id) and not self.details_pending:
            self._next("details")  # a load still on its way is for another subject now
            if focus:
                self._hold_frames()  # the focus moves: borders and cursors change together
                self._focus_details()
            self._release_frames()
            return
        self._focus_details_on_load = self._focus_details_on_load or focus
        self._hold_frames()
        self.load_event_detail(self._next("details"), event_id)

    def _show_details(
        self, text: render.Text | PreparedText, subject: tuple[str, object], title: str
    ) -> None:
        self.details.show(text, subject)
        border_title = render.pane_title("Details", title)
        if self.details.border_title != border_title:
            self.details.border_title = border_title
        if self._focus_details_on_load:
            self._focus_details()
        self._release_frames()

    def _focus_details(self) -> None:
        self._focus_details_on_load = False
        self._activate("details")
        self.set_focus(self.details)

    @on(CountryDetailLoaded)
    def _country_detail_loaded(self, message: CountryDetailLoaded) -> None:
        if not self._current("details", message.request):
            return
        if message.detail is None:
            self.details.show(render.message_text("Nothing is recorded for this country."))
            self._release_frames()
            return
        if message.prepared is not None and message.generation is not None:
            self._read_ahead["countries"].put(
                message.code, CountryRead(message.detail, message.prepared), message.generation
            )
        text = message.prepared or render.country_details(message.detail, self.day_map)
        self._show_details(text, ("country", message.code), message.detail.summary.country.name)
        self.call_after_refresh(self._read_ahead_countries)  # once this frame is painted

    # -- reading ahead (read_ahead.py) ------------------------------------------------------
    def _clear_read_ahead(self) -> None:
        for cache in self._read_ahead.values():
            cache.clear()

    def _read_ahead_countries(self) -> None:
        """While the country list has the focus, read the details of the countries next to
        the highlight, so that the next move shows them at once."""
        if self.expo is None or self._pane_of(self.focused) != "countries-pane":
            return
        cache = self._read_ahead["countries"]
        codes = cache.missing(
            item.country.code
            for item in self.countries.neighbours()
            if isinstance(item, CountrySummary)
        )
        if codes:
            self.read_ahead_countries(self.expo, codes, self.day_map, cache.generation)

    def _day_request(self, day: str) -> Hashable:
        """The read-ahead key of `day`'s first timeline page, as the timeline stands."""
        assert self.expo is not None
        return events_key(
            self.expo.id,
            None if day == ALL_DAYS else day,
            self._timeline_country,
            None,
            self._first_page(),
        )

    def _read_ahead_days(self) -> None:
        """Read the first timeline page of the days before and after the one shown, so that
        the next step through the days shows it at once."""
        keys = self.day_keys()
        if self.expo is None or self.day not in keys:
            return
        index = keys.index(self.day)
        cache = self._read_ahead["days"]
        days = [
            keys[i]
            for i in (index + 1, index - 1)
            if 0 <= i < len(keys) and self._day_request(keys[i]) not in cache
        ]
        if days:
            self.read_ahead_days(
                self.expo,
                days,
                self._timeline_country,
                self._first_page(),
                self.day_map,
                cache.generation,
            )

    @on(ReadAheadLoaded)
    def _read_ahead_loaded(self, message: ReadAheadLoaded) -> None:
        self._read_ahead[message.cache].put(message.key, message.entry, message.generation)

    @on(EventDetailLoaded)
    def _event_detail_loaded(self, message: EventDetailLoaded) -> None:
        if not self._current("details", message.request):
            return
        detail = message.detail
        if detail is None:
            self.details.show(render.message_text("This event is no longer in the store."))
            self._release_frames()
            return
        key = detail.event.date.isoformat() if detail.event.date else UNDATED
        text = message.prepared or render.event_details(detail, self.day_map.get(key))
        self._show_details(text, ("event", message.event_id), detail.event.title)

    @on(PersonLoaded)
    def _person_loaded(self, message: PersonLoaded) -> None:
        if not self._current("details", message.request) or message.person is None:
            return
        self._show_details(
            render.person_details(message.person),
            ("person", message.person.key),
            message.person.name,
        )

    def show_overview(self) -> None:
        """The expo overview in the details pane (cached per expo until a refresh)."""
        if self.expo is None:
            return
        cached = self._overview_cache
        if cached is not None and cached.expo_id == self.expo.id:
            self._show_overview(cached)
            return
        if self.details.subject is None or self.details.subject[0] != "expo":
            self.details.show(render.message_text("Loading…"))
        self.load_overview(self._next("details"), self.expo)

    def _show_overview(self, message: OverviewLoaded) -> None:
        assert self.expo is not None
        text = render.expo_overview(
            self.expo, message.host, message.figures, message.sources, self.days
        )
        self._show_details(text, ("expo", self.expo.slug), "Overview")

    @on(OverviewLoaded)
    def _overview_loaded(self, message: OverviewLoaded) -> None:
        if (
            not self._current("details", message.request)
            or self.expo is None
            or message.expo_id != self.expo.id
        ):
            return
        self._overview_cache = message
        self._show_overview(message)
        self._started("overview")

    def action_overview(self) -> None:
        """Back to the expo overview: no country chosen, nothing emphasised in the timeline."""
        countries = self.countries
        with countries.prevent(PagedList.Highlighted):
            countries.highlighted = None
        self._country_changed()
        self.show_overview()

    def action_open_details(self) -> None:
        pane = self._pane_of(self.focused)
        if pane == "countries-pane":
            self._return_pane = pane
            self._open_country_details(focus=True)
        elif pane == "timeline-pane":
            self._return_pane = pane
            self._open_event_details(focus=True)

    # -- focus and panes --------------------------------------------------------------------
    def _pane_of(self, widget: Widget | None) -> str | None:
        while widget is not None and widget is not self:
            if widget.id in PANES:
                return widget.id
            widget = widget.parent  # type: ignore[assignment]
        return None

    def _activate(self, pane_id: str) -> None:
        """Remember the active pane and set the classes the layouts read: `-active` picks the
        one visible pane under 60 columns, `-details-focus` enlarges the details at 60-119.

        A class change restyles the node and everything under it (on the screen, the whole
        DOM: ~10 ms), and repaints it: each class is set only while a layout reads it.
        """
        self._active_pane = pane_id
        self._set_layout_classes()

    def _set_layout_classes(self) -> None:
        compact = self.has_class("-compact")
        for pane in PANES:
            self.query_one(f"#{pane}").set_class(compact and pane == self._active_pane, "-active")
        self.set_class(
            self.has_class("-narrow") and self._active_pane == "details", "-details-focus"
        )

    def on_resize(self) -> None:
        # the app has set the breakpoint class (-compact / -narrow / -wide) by now
        self._set_layout_classes()

    def _focus_target(self, pane_id: str) -> Widget:
        if pane_id == "countries-pane":
            # The list, not the search box: once a search was submitted, keys are commands
            # again ("2" picks day 2); "/" goes back into the box, esc clears the filter.
            return self.countries
        if pane_id == "timeline-pane":
            return self.events
        return self.details

    def focus_pane(self, pane_id: str) -> None:
        self._focus_details_on_load = False  # the user went elsewhere: don't pull focus back
        self._hold_frames()  # borders, cursors and the details that follow: one frame
        self._activate(pane_id)
        self.set_focus(self._focus_target(pane_id))

    def action_cycle_pane(self, step: int) -> None:
        current = self._pane_of(self.focused) or PANES[0]
        self.focus_pane(PANES[(PANES.index(current) + step) % len(PANES)])

    def action_move_pane(self, step: int) -> None:
        current = self._pane_of(self.focused) or PANES[0]
        index = PANES.index(current) + step
        if 0 <= index < len(PANES):
            self.focus_pane(PANES[index])

    @on(DescendantFocus)
    def _focus_moved(self, event: DescendantFocus) -> None:
        pane = self._pane_of(event.widget)
        if pane is None:
            return
        self._activate(pane)
        if pane == "countries-pane" and self.country is not None:
            self._open_country_details()
        elif pane == "timeline-pane" and self.events.event is not None:
            self._open_event_details()
        else:
            self._release_frames()  # nothing to load: paint the focus change

    def action_back(self) -> None:
        pane = self._pane_of(self.focused)
        if pane == "countries-pane" and self._clear_search_box():
            self._request_countries()
            self.focus_pane("countries-pane")
        elif pane == "details":
            self.focus_pane(self._return_pane)

    # -- expos ------------------------------------------------------------------------------
    def action_switch_expo(self) -> None:
        from .expos import ExpoPicker

        if len(self.expos) < 2:
            self.app.notify("This store holds only one expo.", markup=False)
            return

        def switched(slug: str | None) -> None:
            chosen = next((e for e in self.expos if e.slug == slug), None)
            if chosen is not None and chosen != self.expo:
                self.set_expo(chosen)
                self.focus_pane("countries-pane")

        self.app.push_screen(
            ExpoPicker(self.expos, self.expo.slug if self.expo else None), switched
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "switch_expo":
            return len(self.expos) > 1
        return True

    # -- palette jumps ----------------------------------------------------------------------
    def jump_to_country(self, code: str) -> None:
        self._clear_search_box()
        self._want_country = code
        self._return_pane = "countries-pane"
        self._activate("countries-pane")
        self.set_focus(self.countries)
        self._request_countries()

    def jump_to_event(self, event_id: int, day: str | None) -> None:
        self._return_pane = "timeline-pane"
        self._want_event = event_id
        self.choose_day(day or UNDATED)
        self._focus_details_on_load = True
        self.load_event_detail(self._next("details"), event_id)

    def jump_to_day(self, key: str) -> None:
        self.choose_day(key)
        self.focus_pane("timeline-pane")

    def jump_to_hit(self, hit: SearchHit) -> None:
        if hit.kind == "event" and hit.ref.isdigit():
            day = hit.detail if hit.detail and hit.detail != UNDATED else None
            self.jump_to_event(int(hit.ref), day)
        elif hit.kind == "country":
            self.jump_to_country(hit.ref)
        elif hit.country_code:
            self.jump_to_country(hit.country_code)
        elif hit.kind == "person":
            self._focus_details_on_load = True
            self.load_person(self._next("details"), hit.ref)
        else:
            self.app.notify(
                f"{render.safe_text(hit.label, limit=80)}: no country recorded.", markup=False
            )
