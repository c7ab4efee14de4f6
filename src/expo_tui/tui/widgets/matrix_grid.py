"""The bilateral matrix grid: countries against countries, moved through cell by cell.

A Line API widget: each line is rendered for the window on screen only (the header, then the
rows from the scroll offset), so moving the cursor repaints the grid without a layout. The
cursor is a reactive (row, column); the screen watches it to say what the cell holds.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from ..render.matrix import MatrixView, columns_fitting, header, row, window_for


class MatrixGrid(Widget, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1, 0)", "Down", show=False, id="matrix.down"),
        Binding("up,k", "move(-1, 0)", "Up", show=False, id="matrix.up"),
        Binding("right,l", "move(0, 1)", "Right", show=False, id="matrix.right"),
        Binding("left,h", "move(0, -1)", "Left", show=False, id="matrix.left"),
        Binding("home,g", "first", "First row", show=False, id="matrix.first"),
        Binding("pagedown", "move(10, 0)", "Page down", show=False, id="matrix.page-down"),
        Binding("pageup", "move(-10, 0)", "Page up", show=False, id="matrix.page-up"),
    ]
    DEFAULT_CSS = """
    MatrixGrid { height: 1fr; background: $surface; }
    """

    cursor: reactive[tuple[int, int]] = reactive((0, 1), repaint=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: MatrixView | None = None
        self.first_row = 0
        self.first_column = 0

    def show(self, view: MatrixView, keep: tuple[str, str] | None = None) -> None:
        """New data (another day, facets or order); the cursor stays on the same pair."""
        self.view = view
        codes = [c.code for c in view.order]
        if keep is not None and keep[0] in codes and keep[1] in codes:
            wanted = (codes.index(keep[0]), codes.index(keep[1]))
        else:
            wanted = (0, 1 if view.size > 1 else 0)
        self.set_reactive(MatrixGrid.cursor, (-1, -1))  # the watcher runs even if unchanged
        self.cursor = wanted
        self.refresh()

    @property
    def pair(self) -> tuple[str, str] | None:
        view = self.view
        if view is None or not view.size:
            return None
        r, c = self.cursor
        return view.code(r), view.code(c)

    def validate_cursor(self, cursor: tuple[int, int]) -> tuple[int, int]:
        size = self.view.size if self.view is not None else 0
        if cursor == (-1, -1) or not size:
            return cursor
        return (max(0, min(size - 1, cursor[0])), max(0, min(size - 1, cursor[1])))

    def watch_cursor(self, old: tuple[int, int], new: tuple[int, int]) -> None:
        if self.view is None or new == (-1, -1):
            return
        rows = max(1, self.size.height - 1)
        columns = columns_fitting(self.size.width)
        window = (self.first_row, self.first_column)
        self.first_row = window_for(new[0], self.first_row, rows, self.view.size)
        self.first_column = window_for(new[1], self.first_column, columns, self.view.size)
        if window != (self.first_row, self.first_column) or old == (-1, -1):
            self.refresh()
            return
        for index in {old[0], new[0]}:  # the window stays: only the rows the cursor left and hit
            self.refresh(Region(0, index - self.first_row + 1, self.size.width, 1))

    def action_move(self, rows: int, columns: int) -> None:
        r, c = self.cursor
        self.cursor = (r + rows, c + columns)

    def action_first(self) -> None:
        self.cursor = (0, self.cursor[1])

    def on_resize(self, event: events.Resize) -> None:
        self.watch_cursor((-1, -1), self.cursor)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        view = self.view
        if view is None or not view.size:
            return Strip.blank(width, self.rich_style)
        columns = columns_fitting(width)
        if y == 0:
            line = header(view, self.first_column, columns)
        else:
            index = self.first_row + y - 1
            if index >= view.size:
                return Strip.blank(width, self.rich_style)
            focused = self.cursor if self.has_focus else None
            line = row(view, index, self.first_column, columns, focused or (self.cursor[0], -1))
        return self.line_strip(line, width)

    def line_strip(self, line: Content, width: int) -> Strip:
        strips = Visual.to_strips(self, line, width, 1, self.visual_style)
        return strips[0].crop_extend(0, width, self.rich_style) if strips else Strip.blank(width)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        view = self.view
        if view is None or event.y == 0:
            return
        column = self.first_column + (event.x - 25) // 5 if event.x >= 25 else self.cursor[1]
        self.cursor = (self.first_row + event.y - 1, column)
        self.focus()
