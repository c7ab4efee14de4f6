"""A list that holds one page of rows at a time and asks for the next page near its end.

The list never holds a whole table: the screen loads a first page, and when the cursor (or the
scroll position) comes within `PREFETCH` rows of the end, the list posts `NeedMore` with the
cursor the store gave for the next page. Rows are `Row` options that keep their data item.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.visual import VisualType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

PREFETCH = 40  # rows from the end at which the next page is requested


class Row(Option):
    """An option that carries the record it shows (None for headings)."""

    def __init__(self, prompt: VisualType, item: Any = None, *, disabled: bool = False) -> None:
        super().__init__(prompt, disabled=disabled)
        self.item = item


class PagedList(OptionList, inherit_bindings=False):
    """An OptionList that pages: rows are appended as the user nears the end."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("home,g", "first", "First row", show=False, id="list.first"),
        Binding("end,G", "last", "Last loaded row (loads more)", show=False, id="list.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page-up"),
    ]

    DEFAULT_CSS = """
    PagedList, PagedList:focus {
        height: 1fr;
        max-height: 100%;
        border: none;
        padding: 0;
        background: transparent;
        background-tint: $foreground 0%;
        scrollbar-size-vertical: 1;
    }
    PagedList > .option-list--option { padding: 0; }
    """

    class NeedMore(Message):
        """The user is near the end of the loaded rows and more exist."""

        def __init__(self, paged_list: PagedList, cursor: str) -> None:
            super().__init__()
            self.paged_list = paged_list
            self.cursor = cursor

        @property
        def control(self) -> PagedList:
            return self.paged_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.next_cursor: str | None = None
        self._requested: str | None = None

    # -- loading ----------------------------------------------------------------------------
    def replace_rows(self, rows: Iterable[Row], next_cursor: str | None) -> None:
        """Show a fresh first page (highlighting its first selectable row)."""
        self.next_cursor = next_cursor
        self._requested = None
        self.set_options(rows)
        self.action_first()

    def append_rows(self, rows: Iterable[Row], next_cursor: str | None) -> None:
        """Add the next page under the rows already shown."""
        self.next_cursor = next_cursor
        self._requested = None
        self.add_options(rows)
        self._check_more()

    def items(self) -> list[Any]:
        return [o.item for o in self.options if isinstance(o, Row) and o.item is not None]

    @property
    def highlighted_item(self) -> Any:
        option = self.highlighted_option
        return option.item if isinstance(option, Row) else None

    def highlight_where(self, predicate: Any) -> bool:
        for index, option in enumerate(self.options):
            if isinstance(option, Row) and option.item is not None and predicate(option.item):
                self.highlighted = index
                return True
        return False

    def restyle(self, make_prompt: Any, only: Any = None) -> None:
        """Rebuild rows' prompts (e.g. when the emphasised country changes).

        `only(item)` picks the rows to rebuild; the caches are cleared once, not per row.
        """
        changed = False
        for option in self.options:
            if (isinstance(option, Row) and option.item is not None
                    and (only is None or only(option.item))):
                    option._set_prompt(make_prompt(option.item))
                    changed = True
        if changed:
            self._clear_caches()

    # -- paging -----------------------------------------------------------------------------
    def _check_more(self) -> None:
        cursor = self.next_cursor
        if cursor is None or cursor == self._requested or not self.is_mounted:
            return
        count = self.option_count
        near_cursor = self.highlighted is not None and self.highlighted >= count - PREFETCH
        height = self.scrollable_content_region.height
        near_scroll = self.scroll_y + height >= self.virtual_size.height - PREFETCH
        if near_cursor or near_scroll:
            self._requested = cursor
            self.post_message(self.NeedMore(self, cursor))

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self._check_more()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._check_more()

    # -- mouse: a click highlights (the details follow); enter opens ---------------------------
    async def _on_click(self, event: events.Click) -> None:
        clicked = event.style.meta.get("option")
        if clicked is not None and not self._options[clicked].disabled:
            self.highlighted = clicked
            self.focus()


def heading(prompt: Content) -> Row:
    """A row that cannot be highlighted: a day, a host's chain, "time not reported"."""
    from ..render import RowVisual

    return Row(RowVisual(Content(""), prompt), None, disabled=True)
