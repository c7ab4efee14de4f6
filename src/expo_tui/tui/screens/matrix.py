"""The bilateral matrix: countries against countries, the events between each pair over the
expo or one day, host's row first. `enter` lists a cell's events (enter on one shows it in the
explorer), `s` sorts by count, `[`/`]`/`0` pick the day, `x` writes the matrix as CSV."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from ...store.models import Day, Expo, Facets, Matrix
from ..loading.cache import ResultCache
from ..loading.requests import MatrixRequest, PairEventsRequest, Request
from ..render import labels
from ..render.clock import Clock
from ..render.matrix import cell_summary, ordered
from ..render.text import safe_text
from ..widgets.keybar import KeyBar
from ..widgets.matrix_grid import MatrixGrid
from ..widgets.paged_list import PagedList
from ..widgets.timeline import EventList
from .view_base import ViewScreen

if TYPE_CHECKING:
    from ...store import Store
    from ...store.models import EventSummary, Page


def facets_words(facets: Facets, group_name: str | None = None) -> str:
    """ "all kinds", or "MoU, bilateral · planned · ASEAN"."""
    parts = []
    if facets.kinds:
        parts.append(", ".join(labels.kind_label(k) for k in sorted(facets.kinds)))
    if facets.statuses:
        parts.append(", ".join(sorted(facets.statuses)))
    if facets.group:
        parts.append(group_name or facets.group)
    return " · ".join(parts) or "every kind of event"


class MatrixScreen(ViewScreen, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="matrix.close",
                tooltip="Close the cell's events, or go back to the explorer"),
        Binding("enter", "open", "Events", id="matrix.open",
                tooltip="List the highlighted cell's events (enter on one shows it)"),
        Binding("s", "sort", "Sort", id="matrix.sort",
                tooltip="Order the countries by their events (host first), or by name"),
        Binding("left_square_bracket", "step_day(-1)", "Previous day", id="matrix.day-previous",
                tooltip="The previous day (the matrix of one day)"),
        Binding("right_square_bracket", "step_day(1)", "Next day", id="matrix.day-next",
                tooltip="The next day"),
        Binding("0", "all_days", "All days", id="matrix.all-days", tooltip="The whole expo"),
        Binding("x", "export", "CSV", id="matrix.export",
                tooltip="Write the matrix as CSV to a file in the current folder"),
        Binding("tab", "switch", "Grid/events", show=False, id="matrix.switch",
                tooltip="Between the grid and the cell's events"),
    ]  # fmt: skip
    DEFAULT_CSS = """
    MatrixScreen MatrixGrid { height: 1fr; }
    MatrixScreen #cell-events { height: 40%; display: none; }
    MatrixScreen.-listing #cell-events { display: block; }
    """

    def __init__(
        self,
        store: Store,
        expo: Expo,
        days: tuple[Day, ...],
        day: str | None,
        facets: Facets,
        clock: Clock,
        group_name: str | None = None,
        cache: ResultCache | None = None,
    ) -> None:
        super().__init__(store, clock, cache)
        self.expo = expo
        self.days = days
        self.day = day
        self.facets = facets
        self.group_name = group_name
        self.by_count = False
        self.matrix: Matrix | None = None
        self.listed: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        yield Static(classes="view-title")
        yield MatrixGrid(id="grid").add_class("view-pane")
        yield Static(classes="view-status", id="cell")
        events = EventList(id="cell-events")
        events.add_class("view-pane")
        yield events
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        events = self.query_one(EventList)
        events.expo, events.days, events.clock = self.expo, self.days, self.clock
        self.watch(self.grid, "cursor", self.cursor_moved, init=False)
        self.grid.focus()
        self.read()

    def reopen(
        self, days: tuple[Day, ...], facets: Facets, clock: Clock, group_name: str | None
    ) -> None:
        """Shown again (the screen is kept between visits): the whole expo, today's facets."""
        self.days, self.day, self.facets, self.group_name = days, None, facets, group_name
        self.clock = clock
        self.remove_class("-listing")
        events = self.query_one(EventList)
        events.days, events.clock = days, clock
        self.grid.focus()
        self.read()

    @property
    def grid(self) -> MatrixGrid:
        return self.query_one(MatrixGrid)

    def read(self) -> None:
        self.retitle()
        self.load(MatrixRequest(self.expo, self.day, self.facets))

    def day_words(self) -> str:
        day = next((d for d in self.days if d.key == self.day), None)
        return labels.day_label(day, long=True) if self.day is not None else "the whole expo"

    def retitle(self) -> None:
        self.title_line().update(
            Content.assemble(
                ("Bilateral matrix", "bold"),
                " · ",
                safe_text(self.expo.display_name, limit=60),
                " · ",
                self.day_words(),
                " · ",
                (facets_words(self.facets, self.group_name), "$text-muted"),
                (" · by count" if self.by_count else " · by name", "$text-muted"),
            )
        )

    def show_answer(self, request: Request, answer: Any) -> None:
        if isinstance(request, MatrixRequest):
            self.matrix = answer
            self.grid.show(ordered(answer, self.by_count), self.grid.pair)
            self.cursor_moved()
        elif isinstance(request, PairEventsRequest):
            page: Page[EventSummary] = answer
            events = self.query_one(EventList)
            if request.cursor is not None:
                events.append(page.items, page.next_cursor)
                return
            empty = Content.styled("No events for this pair.", "italic")
            all_days = request.day is None
            events.show(
                page.items, page.next_cursor, all_days=all_days, empty=empty, day_counts=False
            )

    def cursor_moved(self) -> None:
        view = self.grid.view
        status = self.query_one("#cell", Static)
        if view is None or not view.size:
            words = f"No two countries took part in the same event on {self.day_words()}."
            status.update(Content.styled(words, "italic"))
            return
        status.update(cell_summary(view, self.grid.cursor))

    # -- actions ----------------------------------------------------------------------------
    def action_open(self) -> None:
        events = self.query_one(EventList)
        if self.focused is events:
            if events.event is not None:
                self.open_event(events.event)
            return
        pair = self.grid.pair
        if pair is None or pair[0] == pair[1]:
            return
        self.listed = pair
        self.add_class("-listing")
        self.load(PairEventsRequest(self.expo, pair[0], pair[1], self.day, self.facets))
        events.focus()

    def on_paged_list_need_more(self, message: PagedList.NeedMore) -> None:
        if self.listed is not None:
            a, b = self.listed
            self.load(PairEventsRequest(self.expo, a, b, self.day, self.facets, message.cursor))

    def action_switch(self) -> None:
        if self.has_class("-listing") and self.focused is self.grid:
            self.query_one(EventList).focus()
        else:
            self.grid.focus()

    def action_close(self) -> None:
        if self.has_class("-listing"):
            self.remove_class("-listing")
            self.grid.focus()
            return
        super().action_close()

    def action_sort(self) -> None:
        self.by_count = not self.by_count
        self.retitle()
        if self.matrix is not None:
            self.grid.show(ordered(self.matrix, self.by_count), self.grid.pair)

    def action_step_day(self, step: int) -> None:
        keys: list[str | None] = [d.key for d in self.days] + [None]
        index = keys.index(self.day) if self.day in keys else len(keys) - 1
        self.day = keys[max(0, min(len(keys) - 1, index + step))]
        self.remove_class("-listing")
        self.read()

    def action_all_days(self) -> None:
        self.day = None
        self.remove_class("-listing")
        self.read()

    def action_export(self) -> None:
        if self.matrix is None:
            return
        from ...workflows.exporting import export_matrix

        day = self.day or "all-days"
        path = Path.cwd() / f"matrix-{self.expo.slug}-{day}.csv"
        try:
            export_matrix(self.matrix, path)
        except OSError as error:
            self.app.notify(safe_text(f"Could not write {path}: {error}"), severity="error")
            return
        self.app.notify(f"Wrote {safe_text(str(path), limit=200)}", markup=False, timeout=4)
