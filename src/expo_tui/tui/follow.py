"""The details pane follows the focused list: a country's details, or an event's.

A move in the country list or the timeline shows the highlighted row's details - at once when
they were read already (read ahead, or with the day), else once a worker has them, at most
every DETAILS_THROTTLE seconds while a key repeats. `enter` opens them and moves the focus
there. Once a country's details are shown, its neighbours' are read ahead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..store.models import CountrySummary, Day, Expo
from .loading.reader import DetailsView, Overview
from .loading.requests import (
    CountryDetailsRequest,
    DetailsRequest,
    EventDetailsRequest,
    PersonRequest,
    Subject,
)
from .panes import COUNTRIES, DETAILS, TIMELINE
from .render import details as render
from .throttle import Throttle

if TYPE_CHECKING:
    from .screens.explorer import ExplorerScreen

DETAILS_THROTTLE = 0.04  # s: while a key repeats in a list, the details load at most this often


class DetailsFollow:
    def __init__(self, screen: ExplorerScreen) -> None:
        self._screen = screen
        self.throttle = Throttle(screen, DETAILS_THROTTLE)
        self.focus_on_load = False  # move the focus to the details once they are shown

    def request(self) -> DetailsRequest | None:
        """The details of the focused list's highlight (None: no highlight there)."""
        screen = self._screen
        pane = screen.panes.focused
        if pane == COUNTRIES and screen.expo is not None and screen.country is not None:
            return CountryDetailsRequest(screen.expo, screen.country.code)
        if pane == TIMELINE and screen.events.event is not None:
            return EventDetailsRequest(screen.events.event.id)
        return None

    def request_for(self, subject: Subject) -> DetailsRequest | None:
        """What reads `subject`'s details again (None for the expo overview)."""
        expo = self._screen.expo
        if subject.kind == "country" and expo is not None:
            return CountryDetailsRequest(expo, str(subject.ref))
        if subject.kind == "event" and isinstance(subject.ref, int):
            return EventDetailsRequest(subject.ref)
        if subject.kind == "person":
            return PersonRequest(str(subject.ref))
        return None

    def highlight_moved(self) -> None:
        """The highlight moved in the focused list: its details follow, throttled."""
        self._screen.frames.hold()
        ready = self.request() in self._screen.loader.cache
        self.throttle.call(self.open, now=ready)

    def open(self, *, focus: bool = False) -> None:
        """Show the highlight's details (and move the focus there, with `focus`)."""
        screen = self._screen
        request = self.request()
        if request is None:
            screen.frames.release()  # nothing to load: paint what changed
            return
        self.focus_on_load = self.focus_on_load or focus
        if screen.details.subject == request.subject:
            pending = screen.loader.latest("details")
            if getattr(pending, "subject", None) != request.subject:
                # a load on its way is for another subject now (one for this subject, a
                # re-read after a write, is kept: it brings what the write changed)
                screen.loader.forget("details")
            if self.focus_on_load:
                screen.frames.hold()  # the focus moves: borders and cursors change together
                self.focus_details()
            screen.frames.release()
            return
        screen.frames.hold()
        screen.loader.load(request)

    def load(self, request: DetailsRequest, *, focus: bool = False) -> None:
        """Show the details `request` reads (a palette jump, a reload)."""
        self.focus_on_load = self.focus_on_load or focus
        self._screen.loader.load(request)

    def show(self, view: DetailsView) -> None:
        screen = self._screen
        screen.details.show_view(view)
        if self.focus_on_load:
            self.focus_details()
        screen.frames.release()
        if view.subject.kind == "country":
            screen.call_after_refresh(self.read_ahead)  # once this frame is painted

    def show_overview(self, expo: Expo, overview: Overview, days: Sequence[Day]) -> None:
        """The expo overview: dates, venue, the published figures (side by side where reports
        disagree) and the sources. Rendered here: it names the days, which may arrive later."""
        text = render.expo_overview(
            expo, overview.host, overview.figures, overview.sources, days, overview.countries
        )
        cited = render.overview_sources(overview.figures, overview.sources)
        view = DetailsView(Subject("expo", expo.slug), "Overview", render.prepare(text), cited)
        self.show(view)

    def focus_details(self) -> None:
        self.focus_on_load = False
        self._screen.panes.activate(DETAILS)
        self._screen.set_focus(self._screen.details)

    def read_ahead(self) -> None:
        """While the country list has the focus, read the details of the countries next to
        the highlight, so that the next move shows them at once."""
        screen = self._screen
        expo = screen.expo
        if expo is None or screen.panes.focused != COUNTRIES:
            return
        neighbours = screen.countries.neighbours()
        requests = [
            CountryDetailsRequest(expo, item.country.code)
            for item in neighbours
            if isinstance(item, CountrySummary)
        ]
        screen.loader.read_ahead(requests, "read-ahead-countries")
