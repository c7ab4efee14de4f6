"""The countries pane: a live search box over a paged list of countries present at the expo."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input

from ...store.models import CountrySummary
from .. import render
from .paged_list import PagedList, Row, heading


def country_rows(items: Iterable[CountrySummary]) -> list[Row]:
    return [Row(None, item, make=render.country_row) for item in items]


class CountryList(PagedList):
    """Countries, host first. Its highlighted country is the explorer's selected country."""

    def show(
        self, items: Iterable[CountrySummary], next_cursor: str | None, *, search: str = ""
    ) -> None:
        rows = country_rows(items)
        if not rows:
            rows = [heading(render.no_match(search) if search else render.no_countries())]
        self.replace_rows(rows, next_cursor)

    @property
    def country(self) -> CountrySummary | None:
        item = self.highlighted_item
        return item if isinstance(item, CountrySummary) else None


class SearchInput(Input):
    """The live country search; up/down move the list's highlight while typing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move_list(1)", "Next match", show=False, id="search.down"),
        Binding("up", "move_list(-1)", "Previous match", show=False, id="search.up"),
    ]

    def action_move_list(self, step: int) -> None:
        countries = self.screen.query_one("#countries", CountryList)
        countries.action_cursor_down() if step > 0 else countries.action_cursor_up()


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

    def compose(self) -> ComposeResult:
        yield SearchInput(placeholder="country, code, alias or person", id="search", compact=True)
        yield CountryList(id="countries")
