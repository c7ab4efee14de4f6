"""A one-line-per-row list that holds a page of rows at a time and asks for more near its end.

The list never holds a whole table: the screen loads a first page, and when the cursor (or the
scroll position) comes within `PREFETCH` rows of the end, the list posts `NeedMore` with the
cursor the store gave for the next page.

It is a Line API widget (`ScrollView` + `render_line`), not an `OptionList`, for speed at scale:

- a row keeps its record, not its rendering: the prompt is built when the row is painted, and
  only the rows on screen keep a rendered strip (so 2,000 loaded rows cost their records);
- showing new rows sets the virtual size without a layout of the screen (a layout happens only
  when the scrollbar appears or goes); OptionList's virtual size is a layout reactive, set
  while painting, which cost a second, full-screen frame per day change;
- moving the highlight repaints the two rows concerned, not the list.

The highlight is a reactive (`highlighted`): the explorer watches it, so the frame that shows a
new highlight also waits for the details that follow it (a message would arrive after the
list's repaint had been reported). Rows come from the screen (`replace_rows`, `append_rows`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual, VisualType

from ..render.rows import RowVisual
from .scrolling import set_virtual_size

PREFETCH = 40  # rows from the end at which the next page is requested
STRIP_CACHE = 400  # rendered rows kept at most (a few screens' worth)


class Row:
    """One row: the record it shows (None for headings) and its prompt, given or built on
    demand by `make(item)` (so a loaded page does not keep a rendering per row)."""

    __slots__ = ("_make", "_prompt", "disabled", "item")

    def __init__(
        self,
        prompt: VisualType | None,
        item: Any = None,
        *,
        disabled: bool = False,
        make: Callable[[Any], VisualType] | None = None,
    ) -> None:
        self.item = item
        self.disabled = disabled
        self._prompt = prompt
        self._make = make

    @property
    def prompt(self) -> Any:
        if self._prompt is not None:
            return self._prompt
        assert self._make is not None
        return self._make(self.item)


class RowBatch(Visual):
    """Several one-line rows as one visual, each in its own style (cursor, hover, disabled),
    so that a screenful of rows is rendered in one `Visual.to_strips` call."""

    def __init__(self, rows: list[tuple[Visual, Style]]) -> None:
        self.rows = rows

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        strips = []
        for visual, row_style in self.rows:
            rendered = visual.render_strips(width, 1, row_style, options)
            pad = (row_style + Style(reverse=False)).rich_style
            strip = rendered[0] if rendered else Strip.blank(width, pad)
            strips.append(strip.crop_extend(0, width, pad))
        return strips

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.rows)


class PagedList(ScrollView, can_focus=True, inherit_bindings=False):
    """A list of one-line rows that pages: rows are appended as the user nears the end."""

    ALLOW_SELECT = False  # a row is picked, not its text (as OptionList)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("home,g", "first", "First row", show=False, id="list.first"),
        Binding("end,G", "last", "Last loaded row (loads more)", show=False, id="list.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page-up"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "paged-list--cursor",
        "paged-list--disabled",
        "paged-list--hover",
    }

    DEFAULT_CSS = """
    PagedList {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        color: $foreground;
        background: transparent;
        & > .paged-list--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .paged-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .paged-list--disabled { color: $text-disabled; }
        & > .paged-list--hover { background: $block-hover-background; }
    }
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

    highlighted: reactive[int | None] = reactive(None, repaint=False, init=False)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.next_cursor: str | None = None
        self._requested: str | None = None
        self._loaded: list[Row] = []
        self._hover: int | None = None
        self._strips: dict[int, Strip] = {}  # rendered rows on (or near) the screen
        self._strips_key: tuple[int, object] | None = None  # (width, visual style) of _strips

    # -- rows -------------------------------------------------------------------------------
    @property
    def options(self) -> list[Row]:
        """The loaded rows (the name OptionList uses, kept for the tests and the benchmark)."""
        return self._loaded

    @property
    def option_count(self) -> int:
        return len(self._loaded)

    def replace_rows(self, rows: Iterable[Row], next_cursor: str | None) -> None:
        """Show a fresh first page (highlighting its first selectable row)."""
        self.next_cursor = next_cursor
        self._requested = None
        self._loaded = list(rows)
        self.set_reactive(PagedList.highlighted, None)  # the new rows' first is highlighted next
        self._hover = None
        self._strips.clear()
        self.scroll_to(y=0, animate=False, immediate=True)
        self._sync_virtual_size()
        self.refresh()
        self.action_first()

    def append_rows(self, rows: Iterable[Row], next_cursor: str | None) -> None:
        """Add the next page under the rows already shown."""
        self.next_cursor = next_cursor
        self._requested = None
        start = len(self._loaded)
        self._loaded.extend(rows)
        self._sync_virtual_size()
        self.refresh_lines(start, len(self._loaded) - start)
        self._check_more()

    def items(self) -> list[Any]:
        return [row.item for row in self._loaded if row.item is not None]

    @property
    def highlighted_item(self) -> Any:
        index = self.highlighted
        return self._loaded[index].item if index is not None else None

    def neighbours(self) -> list[Any]:
        """The records of the selectable rows just below and just above the highlight."""
        if self.highlighted is None:
            return []
        found = (
            self._selectable(self.highlighted + 1, 1),
            self._selectable(self.highlighted - 1, -1),
        )
        return [self._loaded[index].item for index in found if index is not None]

    def highlight_where(self, predicate: Any) -> bool:
        for index, row in enumerate(self._loaded):
            if row.item is not None and predicate(row.item):
                self.highlighted = index
                return True
        return False

    def restyle(self, only: Callable[[Any], bool] | None = None) -> None:
        """Paint rows again (their prompts depend on state that changed): all of them, or the
        rows whose record `only(item)` picks."""
        if only is None:
            self._strips.clear()
            self.refresh()
            return
        for index in [
            i
            for i in self._strips
            if self._loaded[i].item is not None and only(self._loaded[i].item)
        ]:
            del self._strips[index]
            self.refresh_line(index)

    def _sync_virtual_size(self) -> None:
        size = Size(self.scrollable_content_region.width, len(self._loaded))
        set_virtual_size(self, size)

    # -- highlight --------------------------------------------------------------------------
    def validate_highlighted(self, index: int | None) -> int | None:
        if index is None or not self._loaded:
            return None
        return min(max(index, 0), len(self._loaded) - 1)

    def watch_highlighted(self, old: int | None, index: int | None) -> None:
        for changed in (old, index):
            if changed is not None:
                self._strips.pop(changed, None)
                self.refresh_line(changed)
        if index is not None:
            self._scroll_to_row(index)
        self._check_more()

    def _scroll_to_row(self, index: int) -> None:
        height = self.scrollable_content_region.height
        top = int(self.scroll_y)
        if height <= 0:
            return
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False, immediate=True)

    def _selectable(self, start: int, step: int) -> int | None:
        index = start
        while 0 <= index < len(self._loaded):
            if not self._loaded[index].disabled:
                return index
            index += step
        return None

    def action_cursor_down(self) -> None:
        start = 0 if self.highlighted is None else self.highlighted + 1
        found = self._selectable(start, 1)
        if found is not None:
            self.highlighted = found

    def action_cursor_up(self) -> None:
        if self.highlighted is None:
            self.action_first()
            return
        found = self._selectable(self.highlighted - 1, -1)
        if found is not None:
            self.highlighted = found
        else:
            self.scroll_to(y=0, animate=False, immediate=True)  # headings above stay in view

    def action_first(self) -> None:
        found = self._selectable(0, 1)
        if found is not None:
            self.highlighted = found
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_last(self) -> None:
        found = self._selectable(len(self._loaded) - 1, -1)
        if found is not None:
            self.highlighted = found

    def _page(self, direction: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        current = self.highlighted if self.highlighted is not None else 0
        target = min(max(current + direction * height, 0), max(len(self._loaded) - 1, 0))
        found = self._selectable(target, direction) or self._selectable(target, -direction)
        if found is not None:
            self.highlighted = found

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    # -- paging -----------------------------------------------------------------------------
    def _check_more(self) -> None:
        cursor = self.next_cursor
        if cursor is None or cursor == self._requested or not self.is_mounted:
            return
        count = len(self._loaded)
        near_cursor = self.highlighted is not None and self.highlighted >= count - PREFETCH
        height = self.scrollable_content_region.height
        near_scroll = self.scroll_y + height >= count - PREFETCH
        if near_cursor or near_scroll:
            self._requested = cursor
            self.post_message(self.NeedMore(self, cursor))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._check_more()

    # -- painting ---------------------------------------------------------------------------
    def notify_style_update(self) -> None:
        super().notify_style_update()
        # focus changes the cursor's colours; a theme or CSS change shows in visual_style
        if self.highlighted is not None:
            self._strips.pop(self.highlighted, None)

    def on_resize(self, event: events.Resize) -> None:
        self._sync_virtual_size()
        if self.highlighted is not None:  # e.g. the list shrank when the details grew
            self._scroll_to_row(self.highlighted)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        key = (width, self.visual_style)
        if key != self._strips_key:
            self._strips.clear()
            self._strips_key = key
        if not 0 <= index < len(self._loaded):
            return Strip.blank(width, self.rich_style)
        strip = self._strips.get(index)
        if strip is None:
            if len(self._strips) >= STRIP_CACHE:
                self._strips.clear()
            self._render_rows(index, width)
            strip = self._strips[index]
        return strip

    def _render_rows(self, first: int, width: int) -> None:
        """Render the rows from `first` to the bottom of the pane that are not rendered yet,
        in one go: the compositor asks line by line, and each render has a setup cost."""
        last = min(len(self._loaded), int(self.scroll_y) + self.size.height, first + 200)
        indexes = [i for i in range(first, max(last, first + 1)) if i not in self._strips]
        rows = RowBatch([self._row_visual(i) for i in indexes])
        strips = Visual.to_strips(self, rows, width, len(indexes), self.visual_style)
        self._strips.update(zip(indexes, strips, strict=True))

    def _row_visual(self, index: int) -> tuple[Visual, Style]:
        row = self._loaded[index]
        if row.disabled:
            style = self.get_visual_style("paged-list--disabled")
        elif index == self.highlighted:
            style = self.get_visual_style("paged-list--cursor")
        elif index == self._hover:
            style = self.get_visual_style("paged-list--hover")
        else:
            style = self.visual_style
        prompt = row.prompt
        return (prompt if isinstance(prompt, Visual) else Content(str(prompt))), style

    # -- mouse: a click highlights (the details follow); enter opens --------------------------
    def _row_at(self, y: int) -> int | None:
        index = int(self.scroll_y) + y
        return index if 0 <= index < len(self._loaded) else None

    def on_click(self, event: events.Click) -> None:
        index = self._row_at(event.y)
        if index is not None and not self._loaded[index].disabled:
            self.highlighted = index
            self.focus()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._row_at(event.y)
        if index != self._hover:
            for changed in (self._hover, index):
                if changed is not None:
                    self._strips.pop(changed, None)
                    self.refresh_line(changed)
            self._hover = index

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._strips.pop(self._hover, None)
            self.refresh_line(self._hover)
            self._hover = None


def heading(prompt: Content) -> Row:
    """A row that cannot be highlighted: a day, a host's chain, "time not reported"."""
    return Row(RowVisual(Content(""), prompt), None, disabled=True)
