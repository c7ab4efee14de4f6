"""The explorer screen: the selection, the keys, and what follows from them.

The selection lives here, in reactives bound down into the panes: the expos, the expo, its
days, the chosen day, the highlighted country, the `f` filter and the search text. Panes post
what the user did (a day clicked, more rows wanted, the search typed, a step through matches)
and the screen decides what to read. Reading is the loader's job (`loading/`); what each list
reads and shows lives beside it (`country_loads.py`, `timeline_loads.py`), the details that
follow a highlight in `follow.py`, one frame per key in `frames.py`, and which pane is active
(with the layout classes that follow from it) in `panes.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.events import DescendantFocus
from textual.reactive import Reactive, var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from ...store.models import Country, Day, Expo
from ..annotate import ANNOTATION_BINDINGS, AnnotationActions
from ..country_loads import CountryLoads
from ..edits import EDIT_BINDINGS, EditActions
from ..follow import DetailsFollow
from ..frames import HOLD_START, FrameHold
from ..jumps import DayActions, JumpActions
from ..loading.loader import Loaded, Loader
from ..loading.requests import (
    AnnotationRequest,
    CountriesRequest,
    DaysRequest,
    EventsRequest,
    ExposRequest,
    OverviewRequest,
    StarsRequest,
    Subject,
)
from ..panes import COUNTRIES, DETAILS, TIMELINE, PaneFocus
from ..render import details as details_text
from ..render.labels import expo_title
from ..render.text import safe_text
from ..timeline_loads import TimelineLoads
from ..views import VIEW_BINDINGS, ViewActions
from ..widgets.countries import CountryList, CountryPane
from ..widgets.details import DetailsPane
from ..widgets.header import ExpoHeader
from ..widgets.keybar import KeyBar
from ..widgets.paged_list import PagedList
from ..widgets.timeline import DayStrip, EventList, TimelinePane
from ..writing import StoreChanged, covered

if TYPE_CHECKING:
    from ...store import Store
    from ..loading.prefetch import Prefetch

FIRST_LOADS = ("days", "countries", "events", "overview")  # an expo's first paint waits for
DAY_GROUP = Binding.Group("Day", compact=True)


def _day_binding(n: int) -> Binding:
    tooltip = f"Show day {n} of the expo"
    return Binding(str(n), f"day({n})", f"Day {n}", show=False, id=f"day.{n}", tooltip=tooltip)


class ExplorerScreen(
    ViewActions,
    EditActions,
    AnnotationActions,
    DayActions,
    JumpActions,
    Screen[None],
    inherit_bindings=False,
):
    # Screen.focused repaints the whole screen on every focus change. Nothing on this screen
    # draws from it: focus styles (:focus, :focus-within) restyle and repaint the widgets
    # concerned by themselves. (tests/tui/test_textual_contract.py checks the assumption.)
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: handled as the key arrives, so letters typed right after it reach the box
        Binding("slash", "search", "Search", id="search", priority=True,
                tooltip="Search countries live: names (English or Indonesian), codes, aliases, people"),
        Binding("enter", "open_details", "Details", id="details.open",
                tooltip="Open the highlighted country's or event's details"),
        Binding("escape", "back", "Back", show=False, id="back",
                tooltip="Clear the search, or leave the details pane"),
        Binding("left_square_bracket", "step_day(-1)", "Previous day", id="day.previous",
                group=DAY_GROUP, tooltip="Previous day in the day strip"),
        Binding("right_square_bracket", "step_day(1)", "Next day", id="day.next",
                group=DAY_GROUP, tooltip="Next day in the day strip"),
        Binding("0", "all_days", "All days", id="day.all", tooltip="Every event, grouped by day"),
        Binding("o", "overview", "Overview", show=False, id="overview",
                tooltip="The expo overview: dates, venue, published figures and sources"),
        Binding("f", "toggle_filter", "Filter", id="filter",
                tooltip="Show only the highlighted country's events (toggle)"),
        Binding("ctrl+r", "refresh", "Refresh", show=False, id="refresh",
                tooltip="Re-read everything from the store (another process may have imported)"),
        Binding("e", "switch_expo", "Expo", id="expo.switch",
                tooltip="Switch to another expo in the store"),
        Binding("s", "sources", "Sources", id="sources",
                tooltip="List the sources of what the details show: open one, copy its URL"),
        Binding("tab", "cycle_pane(1)", "Next pane", show=False, id="pane.next"),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False, id="pane.previous"),
        Binding("l,right", "move_pane(1)", "Pane to the right", show=False, id="pane.right"),
        Binding("h,left", "move_pane(-1)", "Pane to the left", show=False, id="pane.left"),
        *(_day_binding(n) for n in range(1, 10)),
        *VIEW_BINDINGS,
        *EDIT_BINDINGS,
        *ANNOTATION_BINDINGS,
    ]  # fmt: skip

    expos: var[tuple[Expo, ...]] = var((), bindings=True)
    expo: var[Expo | None] = var(None)
    days: var[tuple[Day, ...]] = var(())
    day: var[str | None] = var(None, init=False)  # the chosen day's key; None is all days
    country: var[Country | None] = var(None, init=False)  # highlighted in the country list
    filtered: var[bool] = var(False, init=False)  # the timeline shows only that country
    search: var[str] = var("", init=False)

    def __init__(
        self, store: Store, expo_slug: str | None = None, prefetch: Prefetch | None = None
    ) -> None:
        super().__init__()
        self.store = store
        self.wanted_slug = expo_slug
        self.loader = Loader(self, store, self._loaded, prefetch)
        self.frames = FrameHold(self, on_first_paint=self._first_paint)
        self.panes = PaneFocus(self)
        self.follow = DetailsFollow(self)
        self.timeline = TimelineLoads(self)
        self.country_loads = CountryLoads(self)
        self._reloading: str | None = None  # why: 'asked' (ctrl+r) or 'written' (an edit)
        self._stale = False  # the store changed while another screen covered this one

    # -- layout -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield ExpoHeader(id="header").data_bind(ExplorerScreen.expo, ExplorerScreen.expos)
        with Grid(id="panes"):
            yield CountryPane(id=COUNTRIES, classes="pane").data_bind(ExplorerScreen.search)
            yield TimelinePane(id=TIMELINE, classes="pane").data_bind(
                ExplorerScreen.expo,
                ExplorerScreen.days,
                ExplorerScreen.day,
                ExplorerScreen.country,
                ExplorerScreen.filtered,
                ExplorerScreen.facets,
                ExplorerScreen.clock,
            )
            yield DetailsPane(id=DETAILS, classes="pane")
        yield KeyBar(id="keys")

    countries = property(lambda self: self.query_one(CountryList), doc="The country list.")
    events = property(lambda self: self.query_one(EventList), doc="The timeline's list.")
    details = property(lambda self: self.query_one(DetailsPane), doc="The details pane.")

    @property
    def details_pending(self) -> bool:
        """A throttled details load is due (tests and benchmarks wait for it)."""
        return self.follow.throttle.pending

    def on_mount(self) -> None:
        self.query_one(ExpoHeader).readonly = self.store.readonly
        self.details.show(details_text.message_text("Loading…"))
        # At once, not `focus()` (which waits a message): prefetched answers arrive before that,
        # and an expo with no countries moves the focus to the timeline as they do.
        self.set_focus(self.countries)
        # Watched, not messaged: the frame that shows a new highlight waits for its details.
        self.watch(self.countries, "highlighted", lambda: self.country_moved(), init=False)
        self.watch(self.events, "highlighted", self._event_moved, init=False)
        self.loader.load(ExposRequest())

    # -- answers ----------------------------------------------------------------------------
    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if not self.loader.is_current(message):
            return  # a newer request has been made since
        match message.request:
            case ExposRequest():
                self._show_expos(message.answer)
            case DaysRequest():
                self.days = message.answer
                self.frames.arrived("days")
            case CountriesRequest() as request:
                self.country_loads.show(request, message.answer)
            case EventsRequest() as request:
                self.timeline.show(request, message.answer)
            case OverviewRequest(expo=expo):
                self.follow.show_overview(expo, message.answer, self.days)
                self.frames.arrived("overview")
            case StarsRequest():
                self.show_stars(message.answer)
            case AnnotationRequest() as request:
                self.annotation_read(request, message.answer)
            case _:
                self.follow.show(message.answer)

    def _warn(self, text: str) -> None:
        self.app.notify(text, severity="warning", markup=False)  # text made safe by the caller

    # -- expos ------------------------------------------------------------------------------
    def _show_expos(self, expos: tuple[Expo, ...]) -> None:
        self.expos = expos
        if not expos:
            self.details.show(details_text.message_text(
                "This store holds no expos yet. Import one with `expo-tui import`, "
                "or open another store with --db."))  # fmt: skip
            self.frames.release()
            return
        if (why := self._reloading) is not None:
            self._reloading = None
            same = next((e for e in expos if self.expo and e.slug == self.expo.slug), None)
            if same is not None:
                self.open_expo(same, again=True)
                if why == "asked":  # after an edit, the edit says what it did
                    self.app.notify("Reloaded from the store.", markup=False, timeout=2)
                return
        wanted = next((e for e in expos if e.slug == self.wanted_slug), None)
        if self.wanted_slug and wanted is None:
            self._warn(
                f"No expo {safe_text(self.wanted_slug, limit=60)!r} in this store; "
                f"showing {expo_title(expos[0])}."
            )
        self.open_expo(wanted or expos[0])

    def open_expo(self, expo: Expo, *, again: bool = False) -> None:
        """Show `expo` from its first day, no country chosen, the overview in the details;
        `again` (a reload) keeps the day, the country, the highlighted event and the details'
        subject where they still exist."""
        if again:
            self.timeline.pending_event = self.events.event.id if self.events.event else None
            subject = self.details.subject
            edited, self.saved = self.saved, None  # what an edit saved (edits.py)
        else:
            self.app.sub_title = expo_title(expo)
            self.filtered = False
            self.country = None
            self.clear_search()
            self.country_loads.pending = self.timeline.pending_event = subject = None
            self.frames.await_loads(FIRST_LOADS, HOLD_START, hide=self.query_one("#panes"))
        self.expo = expo
        self.loader.load(DaysRequest(expo))
        details = self.follow.request_for(subject) if subject is not None else None
        self.loader.load(details) if details is not None else self.show_overview()
        self.country_loads.load()
        self.load_stars()
        if not again:
            self.day = expo.start_date.isoformat()
        self.timeline.load(force=again)  # (if that was the day already, or again)
        if again and edited is not None:
            self.show_edited(*edited)

    @on(StoreChanged)
    def _store_changed(self, message: StoreChanged) -> None:
        self.store = self.loader.store = message.store  # the user's own, after a first edit
        self.query_one(ExpoHeader).readonly = message.store.readonly
        self._stale = covered(self)  # under the review screen or a view: re-read when shown
        if not self._stale:
            self.action_refresh("written")

    def on_screen_resume(self) -> None:
        if self._stale:
            self.action_refresh("written")

    def action_refresh(self, why: str = "asked") -> None:
        """Re-read the store: expos, days, countries, the timeline and the details."""
        self._reloading, self._stale = why, False
        self.loader.reload()
        self.loader.load(ExposRequest())

    def action_switch_expo(self) -> None:
        from .expos import ExpoPicker

        if len(self.expos) < 2:
            return self.app.notify("This store holds only one expo.", markup=False)
        current = self.expo.slug if self.expo else None
        self.app.push_screen(ExpoPicker(self.expos, current), self._expo_chosen)

    def _expo_chosen(self, slug: str | None) -> None:
        chosen = next((e for e in self.expos if e.slug == slug), None)
        if chosen is not None and chosen != self.expo:
            self.open_expo(chosen)
            self.focus_pane(COUNTRIES)

    # -- days -------------------------------------------------------------------------------
    def watch_days(self, days: tuple[Day, ...]) -> None:
        self.loader.set_days(days)
        if self.expo is not None and self.details.subject == Subject("expo", self.expo.slug):
            self.show_overview()  # now with the day counts

    def watch_day(self) -> None:
        self.timeline.load()

    watch_filtered = watch_day

    @on(DayStrip.Chosen)
    def _day_clicked(self, message: DayStrip.Chosen) -> None:
        self.day = message.key

    # -- countries --------------------------------------------------------------------------
    def country_moved(self, *, follow: bool = True) -> None:
        """The country list's highlight moved: it is the selected country (its details
        follow while the list has the focus, unless `follow` is off)."""
        if self.panes.placing_now:
            return
        summary = self.countries.country
        country = summary.country if summary else None
        if country != self.country:
            self.country = country
        if follow and country is not None and self.panes.focused == COUNTRIES:
            self.follow.highlight_moved()

    def watch_country(self, country: Country | None) -> None:
        if country is None:
            self.filtered = False
        elif self.filtered:
            self.timeline.load()

    @on(PagedList.NeedMore, "#countries")
    def _more_countries(self, message: PagedList.NeedMore) -> None:
        self.country_loads.load(message.cursor)

    # -- search -----------------------------------------------------------------------------
    def action_search(self) -> None:
        if self.has_class("-schedule"):
            return self._warn("No country is recorded at this expo: there is none to search.")
        self.panes.activate(COUNTRIES)
        self.query_one(CountryPane).open_search()

    @on(Input.Changed, "#search")
    def _search_typed(self, event: Input.Changed) -> None:
        event.stop()
        self.search = event.value

    def watch_search(self) -> None:
        self.country_loads.load()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open_details()

    def clear_search(self) -> bool:
        """Close and empty the search box; whether there was a search to clear."""
        pane = self.query_one(CountryPane)
        was_searching = pane.searching or bool(self.search)
        pane.close_search()
        self.search = ""
        return was_searching

    # -- timeline ---------------------------------------------------------------------------
    def _event_moved(self) -> None:
        if not self.panes.placing_now and self.panes.focused == TIMELINE:
            self.follow.highlight_moved()

    def action_toggle_filter(self) -> None:
        if self.country is None:
            self._warn("Highlight a country first: f shows only its events.")
            return
        self.filtered = not self.filtered

    @on(PagedList.NeedMore, "#events")
    def _more_events(self, message: PagedList.NeedMore) -> None:
        self.timeline.load(message.cursor)

    # -- details ----------------------------------------------------------------------------
    def show_overview(self) -> None:
        """The expo overview in the details pane (read once per expo until a refresh)."""
        if self.expo is not None:
            self.loader.load(OverviewRequest(self.expo))

    def action_overview(self) -> None:
        """Back to the expo overview: no country chosen, nothing marked in the timeline."""
        with self.panes.placing():
            self.countries.highlighted = None
        self.country = None
        self.show_overview()

    def action_sources(self) -> None:
        from .sources import SourcesScreen

        if not self.details.sources:
            return self.app.notify("What the details show cites no source.", markup=False)
        self.app.push_screen(SourcesScreen(self.details.sources, self.details.subject_title))

    def action_open_details(self) -> None:
        pane = self.panes.focused
        if pane in (COUNTRIES, TIMELINE):
            self.panes.return_to = pane
            self.follow.open(focus=True)

    # -- focus and panes --------------------------------------------------------------------
    def focus_pane(self, pane: str) -> None:
        self.follow.focus_on_load = False  # the user went elsewhere: don't pull focus back
        self.frames.hold()  # borders, cursors and the details that follow: one frame
        self.panes.activate(pane)
        self.set_focus(self.panes.target(pane))

    def action_cycle_pane(self, step: int) -> None:
        self.focus_pane(self.panes.neighbour(step, wrap=True) or COUNTRIES)

    def action_move_pane(self, step: int) -> None:
        if (pane := self.panes.neighbour(step, wrap=False)) is not None:
            self.focus_pane(pane)

    @on(DescendantFocus)
    def _focus_moved(self, event: DescendantFocus) -> None:
        pane = self.panes.pane_of(event.widget)
        if pane is None:
            return
        if self.panes.focus_arrived(pane) and pane != DETAILS:
            self.follow.open()  # the details follow the highlight of the pane focused
        else:
            self.frames.release()  # nothing to load: paint the focus change

    def on_resize(self) -> None:
        self.panes.update_layout()  # the app has set the breakpoint class by now

    def action_back(self) -> None:
        pane = self.panes.focused
        if pane == COUNTRIES and self.clear_search():
            self.focus_pane(COUNTRIES)
        elif pane == DETAILS:
            self.focus_pane(self.panes.return_to)

    def on_screen_suspend(self) -> None:
        self.frames.release()  # a dialog opened (even while the expo opens): it must paint

    def _first_paint(self) -> None:  # with data, before the first key
        self.call_after_refresh(getattr(self.app, "freeze_startup_objects", lambda: None))
