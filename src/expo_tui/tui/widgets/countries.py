"""The countries pane: a live search box over a paged list of countries present at the expo."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import var
from textual.widgets import Input

from ...store.models import NO_FACETS, CountrySummary, Facets
from ..render.labels import facet_words, pane_title, shown_count
from ..render.rows import COUNT_COLUMNS, RowVisual, country_row, no_countries, no_match
from .paged_list import PagedList, Row, heading


def country_rows(items: Iterable[CountrySummary]) -> list[Row]:
    return [Row(None, item, make=country_row) for item in items]


class CountryList(PagedList):
    """Countries, host first. Its highlighted country is the explorer's selected country."""

    starred: frozenset[str] = frozenset()  # the codes the user starred (a ★ on their rows)

    def _rows(self, items: Iterable[CountrySummary]) -> list[Row]:
        return [Row(None, item, make=self._row) for item in items]

    def _row(self, summary: CountrySummary) -> RowVisual:
        return country_row(summary, summary.country.code in self.starred)

    def set_starred(self, codes: frozenset[str]) -> None:
        if codes != self.starred:
            changed = codes ^ self.starred
            self.starred = codes
            self.restyle(only=lambda item: item.country.code in changed)

    def show(
        self, items: Iterable[CountrySummary], next_cursor: str | None, *, search: str = ""
    ) -> None:
        rows = self._rows(items)
        if not rows:
            rows = [heading(no_match(search) if search else no_countries())]
        self.replace_rows(rows, next_cursor)

    def append(self, items: Iterable[CountrySummary], next_cursor: str | None) -> None:
        self.append_rows(self._rows(items), next_cursor)

    @property
    def country(self) -> CountrySummary | None:
        item = self.highlighted_item
        return item if isinstance(item, CountrySummary) else None

    def highlight_code(self, code: str) -> bool:
        """Highlight the country with alpha-3 `code`, if it is listed."""
        return self.highlight_where(lambda summary: summary.country.code == code)


class SearchInput(Input):
    """The live country search; up/down move the list's highlight while typing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "step(1)", "Next match", show=False, id="search.down"),
        Binding("up", "step(-1)", "Previous match", show=False, id="search.up"),
    ]

    class Step(Message):
        """Move the list's highlight by `step` rows (the box keeps the focus)."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def action_step(self, step: int) -> None:
        self.post_message(self.Step(step))


class CountryPane(Vertical):
    """Search box (shown while searching) above the country list."""

    DEFAULT_CSS = """
    CountryPane > Input {
        display: none;
        height: 1;
        border: none;
        padding: 0 1;
        margin: 0 0 0 0;
        background: $boost;
    }
    CountryPane.-searching > Input { display: block; }
    """

    search: var[str] = var("")  # bound from the screen: what the list is filtered by

    def compose(self) -> ComposeResult:
        yield SearchInput(placeholder="country, code, alias or person", id="search", compact=True)
        yield CountryList(id="countries")

    def on_mount(self) -> None:
        self.border_title = pane_title("Countries")
        self.border_subtitle = COUNT_COLUMNS

    def count_rows(self, shown: tuple[int, bool] | None, facets: Facets = NO_FACETS) -> None:
        """Say in the title how many countries match the search and facets (None: neither)."""
        detail = shown_count(*shown, "match", "matches") if shown else None
        words = facet_words(facets)
        if words:
            detail = f"{detail} · {words}" if detail else words
        self.border_title = pane_title("Countries", detail)

    @property
    def search_box(self) -> SearchInput:
        return self.query_one(SearchInput)

    @property
    def countries(self) -> CountryList:
        return self.query_one(CountryList)

    @property
    def searching(self) -> bool:
        return self.has_class("-searching")

    def open_search(self) -> None:
        self.add_class("-searching")
        # focus now, not after a refresh: keys typed right after "/" must land in the box
        self.screen.set_focus(self.search_box)

    def close_search(self) -> None:
        self.remove_class("-searching")

    def watch_search(self, search: str) -> None:
        box = self.search_box
        if box.value != search:  # cleared by the screen (esc, another expo, a palette jump)
            with box.prevent(Input.Changed):
                box.value = search

    @on(SearchInput.Step)
    def _step(self, message: SearchInput.Step) -> None:
        message.stop()
        countries = self.countries
        countries.action_cursor_down() if message.step > 0 else countries.action_cursor_up()
