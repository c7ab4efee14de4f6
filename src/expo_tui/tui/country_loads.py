"""What the country list shows: the countries present at the expo that match the search, host
first, a page at a time; the highlighted country stays highlighted where it still matches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..store.models import CountrySummary, Page
from .loading.requests import CountriesRequest
from .widgets.countries import CountryPane

if TYPE_CHECKING:
    from .screens.explorer import ExplorerScreen


class CountryLoads:
    def __init__(self, screen: ExplorerScreen) -> None:
        self._screen = screen
        self.pending: str | None = None  # highlight this code once the page is in (and open it)

    def load(self, cursor: str | None = None) -> None:
        screen = self._screen
        if screen.expo is not None:
            request = CountriesRequest(screen.expo, screen.search, cursor, screen.facets)
            screen.loader.load(request)

    def show(self, request: CountriesRequest, page: Page[CountrySummary]) -> None:
        screen = self._screen
        countries = screen.countries
        pane = screen.query_one(CountryPane)
        if request.cursor is not None:
            countries.append(page.items, page.next_cursor)
            if request.search or request.facets.active:
                more = page.next_cursor is not None
                pane.count_rows((len(countries.items()), more), request.facets)
            return
        more = page.next_cursor is not None
        narrowed = bool(request.search) or request.facets.active
        pane.count_rows((len(page.items), more) if narrowed else None, request.facets)
        if not narrowed:
            screen.panes.show_as_schedule(not page.items)
        keep = self.pending or (screen.country.code if screen.country else None)
        with screen.panes.placing():
            what = request.search or ("the facets" if request.facets.active else "")
            countries.show(page.items, page.next_cursor, search=what)
            found = keep is not None and countries.highlight_code(keep)
        # Else the first row is highlighted (so the first `j` moves); while the search is
        # typed its details follow, but an expo's overview stays until the user moves.
        screen.country_moved(follow=found or bool(request.search))
        if self.pending is not None:
            self.pending = None
            if screen.country is not None:
                screen.follow.open(focus=True)
        screen.frames.arrived("countries")
