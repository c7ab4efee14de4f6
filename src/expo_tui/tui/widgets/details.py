"""The details pane: everything about the highlighted country or event, with its sources.

A Line API widget (`ScrollView` + `render_line`): an update wraps the text to the pane's width
lazily, top down (only what is on screen, and what a scroll reaches), and repaints the pane
only. The text arrives rendered and cut into lines (`render.details.PreparedText`), read and
built in the worker that loaded the data.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from ..render.details import PreparedText, prepare
from ..render.labels import pane_title
from ..render.text import is_web_url
from .scrolling import set_virtual_size

if TYPE_CHECKING:
    from ..loading.reader import DetailsView
    from ..loading.requests import Subject

MARGIN = 1  # blank columns left and right of the text


class DetailsPane(ScrollView, can_focus=True, inherit_bindings=False):
    """A scrollable text view. Clicking a source link opens it (web links only)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Scroll down", show=False, id="details.down"),
        Binding("up,k", "scroll_up", "Scroll up", show=False, id="details.up"),
        Binding("home,g", "scroll_home", "Top", show=False, id="details.top"),
        Binding("end,G", "scroll_end", "Bottom", show=False, id="details.bottom"),
        Binding("pagedown", "page_down", "Page down", show=False, id="details.page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="details.page-up"),
    ]

    DEFAULT_CSS = """
    DetailsPane { overflow-y: scroll; overflow-x: hidden; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = Text()
        self.subject: Subject | None = None
        self._paragraphs: tuple[Text, ...] = ()  # the text's lines, each wrapped on its own
        self._widths: tuple[int, ...] = ()  # their widths in cells
        # Wrapped lazily, top down: _lines holds the strips of paragraphs [0, _done); the rest
        # count as their estimated height (_rest) until a render or a scroll reaches them.
        self._lines: list[Strip] = []
        self._done = 0
        self._rest = 0
        # (width, visual style) of _lines: a theme or CSS change re-wraps, a focus change that
        # leaves the text's colours alone does not
        self._wrapped_for: tuple[int, object] | None = None

    # -- content ----------------------------------------------------------------------------
    def show_view(self, view: DetailsView) -> None:
        """A subject's details, with its name in the pane's title."""
        self.show(view.text, view.subject)
        title = pane_title("Details", view.title or None)
        if self.border_title != title:  # setting it repaints the pane's border
            self.border_title = title

    def show(self, text: Text | PreparedText, subject: Subject | None = None) -> None:
        same = subject is not None and subject == self.subject  # e.g. after a refresh
        prepared = text if isinstance(text, PreparedText) else prepare(text)
        self.text = prepared.text
        self.subject = subject
        self._paragraphs = prepared.paragraphs
        self._widths = prepared.widths
        self._wrapped_for = None
        if not same:
            self.scroll_home(animate=False, immediate=True)
        self._prepare()
        self.refresh()

    def _wrap_width(self) -> int:
        """The text's width: the pane less its scrollbar and a column of margin either side
        (not CSS padding, which would put the scrollbar inside the margin)."""
        return max(1, self.scrollable_content_region.width - 2 * MARGIN)

    def _prepare(self) -> None:
        """Restart the wrap if the width or style changed; wrap what the pane shows now."""
        if not self.is_mounted or self.size.width <= 0:
            return
        key = (self._wrap_width(), self.visual_style)
        if key != self._wrapped_for:
            self._wrapped_for = key
            width = key[0]
            self._lines = []
            self._done = 0
            self._rest = sum(max(1, -(-cells // width)) for cells in self._widths)
        self._wrap_to(int(self.scroll_y) + self.size.height)
        self._sync_virtual_size()

    def _wrap_to(self, line_count: int) -> None:
        """Wrap paragraphs until at least `line_count` lines are known (or all are), those
        needed in one render (each render has a setup cost; a country has ~100 lines)."""
        assert self._wrapped_for is not None
        width, _ = self._wrapped_for
        paragraphs, lines = self._paragraphs, self._lines
        end, estimate = self._done, 0
        while end < len(paragraphs) and len(lines) + estimate < line_count:
            estimate += max(1, -(-self._widths[end] // width))
            end += 1
        if end == self._done:
            return
        batch = Text("\n").join(paragraphs[self._done : end])
        self._rest -= estimate
        self._done = end
        content = Content.from_rich_text(batch, console=self.app.console)
        margin = Segment(" " * MARGIN, self.rich_style)
        full = width + 2 * MARGIN
        for strip in Visual.to_strips(self, content, width, None, self.visual_style, pad=True):
            lines.append(Strip([margin, *strip, margin], full))

    def _wrap_all(self) -> None:
        self._prepare()
        if self._wrapped_for is not None:
            self._wrap_to(sys.maxsize)
            self._sync_virtual_size()

    def _sync_virtual_size(self) -> None:
        if self._wrapped_for is None:
            return
        size = Size(self._wrapped_for[0] + 2 * MARGIN, len(self._lines) + self._rest)
        set_virtual_size(self, size)

    def on_resize(self, event: events.Resize) -> None:
        self._prepare()
        self.refresh()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._wrapped_for is not None:
            self._wrap_to(int(new_value) + self.size.height)
            self._sync_virtual_size()

    def action_scroll_end(self) -> None:
        self._wrap_all()  # the true length first, or "end" would stop at an estimate
        super().action_scroll_end()

    # -- Line API ---------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        if self._wrapped_for is None or self._wrapped_for[1] != self.visual_style:
            self._prepare()
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        if index >= len(self._lines) and self._wrapped_for is not None:
            known = len(self._lines) + self._rest
            self._wrap_to(index + 1)
            if len(self._lines) + self._rest != known:
                self.call_later(self._sync_virtual_size)
        if 0 <= index < len(self._lines):
            strip = self._lines[index]
            return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)
        return Strip.blank(width, self.rich_style)

    def on_click(self, event: events.Click) -> None:
        link = event.style.link
        if link and is_web_url(link):
            event.stop()
            self.app.open_url(link)
